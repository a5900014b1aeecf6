/// Reads Star Line Mode commands (Star's "STAR Line Mode Command Specifications") from a byte
/// stream that may arrive in pieces, and translates each into the printer commands it amounts to
/// (``ESCPOSCommand``), so one renderer draws both dialects.
///
/// Understands everything ``ESCPOSEncoder`` emits for Star profiles: `ESC GS t n` code pages with
/// Star's numbering, styles (`ESC E`/`F`, `ESC -`, `ESC 4`/`5`, `ESC i`, `ESC W`, `ESC h`, `SO`,
/// `DC4`), `ESC GS a` alignment, `ESC a` feeds, `ESC b` barcodes, `ESC GS y` QR codes, `ESC k`
/// image bands, `ESC d` cuts and the drawer drives (`ESC BEL`, `BEL`, `FS`, `SUB`, `EM`).
/// `ESC ACK SOH` is the status request a network printer answers with Star's automatic status;
/// `DLE EOT n` is ESC/POS and, as on a real Star printer in Star Line Mode, not answered. Never
/// traps: bytes it cannot read become ``ESCPOSCommand/unknown(_:)`` with a note naming the offset.
public struct StarLineParser: Sendable {
    /// The largest data block a command may declare; larger declarations are treated as garbage.
    static let maximumBlockBytes = 16 << 20

    private var stream = CommandStream()
    /// Stream offset of the first byte not yet parsed.
    var base: Int { stream.base }
    private var log: NoteLog
    /// Problems found so far, in stream order: at most `maximumNotes` (see ``init(maximumNotes:)``),
    /// then one note counting the rest.
    public var notes: [ESCPOSNote] { log.notes }
    /// Character expansion (`ESC i`, `ESC W`, `ESC h`, `SO`, `DC4`, `ESC SO`, `ESC DC4`): 1...6.
    var widthScale = 1
    var heightScale = 1
    /// Drawer 1 pulse set by `ESC BEL n1 n2` (10 ms units); 200 ms each at power-on.
    var drawerOnMilliseconds = 200
    var drawerOffMilliseconds = 200

    /// Creates a parser at offset 0 that keeps at most `maximumNotes` notes (the rest are counted).
    public init(maximumNotes: Int = RenderLimits.default.maximumNotes) {
        log = NoteLog(limit: maximumNotes)
    }

    /// Parses what `bytes` completes and returns those commands; an incomplete command waits for
    /// more bytes.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ParsedESCPOSCommand] {
        // The stream is moved out while parsing, which records notes on `self`.
        var stream = self.stream
        defer { self.stream = stream }
        return stream.feed(bytes) { (reader: inout ByteReader) throws(ByteShortage) in try parseCommand(&reader) }
    }

    /// Ends the stream: a command still waiting for bytes is dropped with a note.
    public mutating func finish() -> [ParsedESCPOSCommand] {
        guard let (dropped, note) = stream.finish() else { return [] }
        log.keep(note)
        return [dropped]
    }

    /// Parses a whole stream at once.
    public static func parse(_ bytes: [UInt8]) -> (commands: [ParsedESCPOSCommand], notes: [ESCPOSNote]) {
        var parser = StarLineParser()
        let commands = parser.feed(bytes) + parser.finish()
        return (commands, parser.notes)
    }

    mutating func note(_ offset: Int, _ message: String) {
        log.add(offset, message)
    }

    /// One command at the reader, as the commands it amounts to.
    private mutating func parseCommand(_ reader: inout ByteReader) throws(ByteShortage) -> [ESCPOSCommand] {
        let start = reader.index
        let first = try reader.byte()
        switch first {
        case 0x0A: return [.lineFeed]
        case 0x0D: return [.carriageReturn]
        case 0x09: return [.horizontalTab]
        case 0x1B: return try parseESC(&reader, start: start)
        case 0x10: return [try parseDLE(&reader, start: start)]
        case 0x0E: return [expansion(width: 2)]
        case 0x14: return [expansion(width: 1)]
        case 0x07, 0x1C: return [.drawerPulse(pin: 2, onMilliseconds: drawerOnMilliseconds, offMilliseconds: drawerOffMilliseconds)]
        case 0x1A, 0x19: return [.drawerPulse(pin: 5, onMilliseconds: 200, offMilliseconds: 200)]
        case 0x18: return [initialize()]
        case 0x00: return [.ignored("NUL")]
        case 0x0C: return [.ignored("FF form feed")]
        case 0x0B: return [.ignored("VT vertical tab")]
        case 0x04, 0x05: return [.ignored(first == 0x05 ? "ENQ status request (not answered)" : "EOT status request (not answered)")]
        case 0x17: return [.ignored("ETB (counter of the automatic status)")]
        case 0x0F, 0x12:
            if first == 0x0F { note(base + start, "SI (upside-down printing) is not simulated; printed upright") }
            return [.ignored(first == 0x0F ? "SI upside-down" : "DC2 upside-down off")]
        case 0x20...0x7E, 0x80...0xFF:
            var text: [UInt8] = [first]
            while let next = reader.peek(), next >= 0x20, next != 0x7F {
                text.append(next)
                reader.index += 1
            }
            return [.text(text)]
        default:
            // A stream of garbage makes one of these per byte: the message is built only when kept.
            if log.hasRoom {
                note(base + start, "control byte 0x\(hex([first])) is no Star Line Mode command; skipped")
            } else {
                log.countDropped(base + start)
            }
            return [.unknown([first])]
        }
    }

    /// `DLE EOT n` is the ESC/POS status request: read past with a note, unanswered, as a Star
    /// printer in Star Line Mode leaves it. Any other DLE is skipped.
    private mutating func parseDLE(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        guard try reader.byte() == 0x04 else { return unknown(&reader, start: start, length: 1, "DLE is no Star Line Mode command") }
        let n = try reader.byte()
        note(base + start, "DLE EOT \(n) is an ESC/POS status request; Star Line Mode does not answer it (ESC ACK SOH does)")
        return .ignored("DLE EOT \(n) (ESC/POS)")
    }

    /// `ESC @`, `CAN`, `ESC ?`: the modes and this parser's expansion and drawer settings reset.
    mutating func initialize() -> ESCPOSCommand {
        widthScale = 1
        heightScale = 1
        drawerOnMilliseconds = 200
        drawerOffMilliseconds = 200
        return .initialize
    }

    /// The character size after a change of width or height (the other stays).
    mutating func expansion(width: Int? = nil, height: Int? = nil) -> ESCPOSCommand {
        if let width { widthScale = width }
        if let height { heightScale = height }
        return .characterSize(width: widthScale, height: heightScale)
    }

    /// An unknown command: skips `length` bytes from `start` with a note.
    mutating func unknown(_ reader: inout ByteReader, start: Int, length: Int, _ what: String) -> ESCPOSCommand {
        reader.index = min(start + length, reader.bytes.count)
        let bytes = Array(reader.bytes[start..<reader.index])
        // A stream of garbage makes one of these per byte: the message is built only when kept.
        if log.hasRoom {
            note(base + start, "\(what) (0x\(hex(bytes))); skipped")
        } else {
            log.countDropped(base + start)
        }
        return .unknown(bytes)
    }

    /// A parameter sent as a number or an ASCII digit (`'0'`…`'9'` → 0…9).
    static func digit(_ byte: UInt8) -> UInt8 {
        (0x30...0x39).contains(byte) ? byte - 0x30 : byte
    }
}
