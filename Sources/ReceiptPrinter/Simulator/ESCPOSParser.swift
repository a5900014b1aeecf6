import DeviceCore
/// Reads ESC/POS commands from a byte stream that may arrive in pieces (a TCP connection).
///
/// Feed bytes as they come with ``feed(_:)``; a command split across pieces is completed by the
/// next piece. ``finish()`` ends the stream and reports a truncated last command. Never traps: bytes
/// it cannot read become ``ESCPOSCommand/unknown(_:)`` with a note naming the offset.
public struct ESCPOSParser: Sendable {
    /// The largest data block a single command may declare (an image of 8192 × 16384 dots); larger
    /// declarations are treated as garbage instead of waiting for the data.
    static let maximumBlockBytes = 16 << 20

    private var stream = CommandStream()
    /// Stream offset of the first byte not yet parsed.
    var base: Int { stream.base }
    private var log: NoteLog
    /// Problems found so far, in stream order: at most `maximumNotes` (see ``init(maximumNotes:)``),
    /// then one note counting the rest.
    public var notes: [ESCPOSNote] { log.notes }

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
        return stream.feed(bytes) { (reader: inout ByteReader) throws(ByteShortage) in [try parseCommand(&reader)] }
    }

    /// Ends the stream: a command still waiting for bytes is dropped with a note.
    public mutating func finish() -> [ParsedESCPOSCommand] {
        guard let (dropped, note) = stream.finish() else { return [] }
        log.keep(note)
        return [dropped]
    }

    /// Parses a whole stream at once.
    public static func parse(_ bytes: [UInt8]) -> (commands: [ParsedESCPOSCommand], notes: [ESCPOSNote]) {
        var parser = ESCPOSParser()
        let commands = parser.feed(bytes) + parser.finish()
        return (commands, parser.notes)
    }

    mutating func note(_ offset: Int, _ message: String) {
        log.add(offset, message)
    }

    /// Stream offset of a reader position.
    func offset(_ reader: ByteReader) -> Int { base + reader.index }

    private mutating func parseCommand(_ reader: inout ByteReader) throws(ByteShortage) -> ESCPOSCommand {
        let start = reader.index
        let first = try reader.byte()
        switch first {
        case 0x0A: return .lineFeed
        case 0x0D: return .carriageReturn
        case 0x09: return .horizontalTab
        case 0x1B: return try parseESC(&reader, start: start)
        case 0x1D: return try parseGS(&reader, start: start)
        case 0x1C: return try parseFS(&reader, start: start)
        case 0x10: return try parseDLE(&reader, start: start)
        case 0x00: return .ignored("NUL")
        case 0x0C: return .ignored("FF (page mode print)")
        case 0x18: return .ignored("CAN (page mode cancel)")
        case 0x20...0x7E, 0x80...0xFF:
            var text: [UInt8] = [first]
            while let next = reader.peek(), next >= 0x20, next != 0x7F {
                text.append(next)
                reader.index += 1
            }
            return .text(text)
        default:
            // A stream of garbage makes one of these per byte: the message is built only when kept.
            if log.hasRoom {
                note(base + start, "control byte 0x\(hex([first])) is no ESC/POS command; skipped")
            } else {
                log.countDropped(base + start)
            }
            return .unknown([first])
        }
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
}

/// Bytes as upper-case hex pairs separated by spaces.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    Hex.string(bytes, separator: " ")
}

/// The stream ends before the command does: wait for more bytes.
struct ByteShortage: Error {}

/// A read position in the parser's pending bytes; reads past the end throw ``ByteShortage``.
struct ByteReader {
    let bytes: [UInt8]
    var index: Int

    /// The next byte without consuming it, or `nil` at the end.
    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes one byte.
    mutating func byte() throws(ByteShortage) -> UInt8 {
        guard index < bytes.count else { throw ByteShortage() }
        defer { index += 1 }
        return bytes[index]
    }

    /// Consumes a little-endian 16-bit value (`nL nH`).
    mutating func uint16() throws(ByteShortage) -> Int {
        let low = Int(try byte())
        return low | Int(try byte()) << 8
    }

    /// Consumes `count` bytes.
    mutating func take(_ count: Int) throws(ByteShortage) -> [UInt8] {
        guard count >= 0, count <= bytes.count - index else { throw ByteShortage() }
        defer { index += count }
        return Array(bytes[index..<(index + count)])
    }
}
