import Foundation

/// The character set of a terminal's text fields (receipts, card names, display texts), chosen per
/// terminal: the ZVT default is CP437, but many terminals send ISO 8859-1 (zvt.md §7).
///
/// Conversions never produce garbage: a printable byte the set cannot show decodes to U+FFFD and a
/// character the set lacks encodes to `?`; both are reported with their position. Control bytes
/// follow what terminals in the field send (BMP 3C separates lines with CR, BMP 8B ends with NUL):
/// CR, LF and CR LF become one line break `\n`, TAB a space, trailing NULs end the text, and every
/// other control byte (C0, DEL, C1) is left out and reported, never shown as U+FFFD.
public enum ZVTCharset: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// IBM code page 437, the ZVT default 8-bit set (ä 84, Ä 8E, ß E1; no €).
    case cp437
    /// ISO 8859-1 (Latin-1), common in the field (Ä C4; no €).
    case latin1
    /// ISO 8859-15 (Latin-9): Latin-1 with € at A4.
    case latin9
    /// UTF-8 (TLV tag 14 value FE).
    case utf8
    /// The German 7-bit ZVT set: ASCII with Ä Ö Ü ä ö ü ß in place of `[ \ ] { | } ~`.
    case zvt7
    /// US-ASCII (TLV tag 14 value 00).
    case ascii

    /// The ZVT default.
    public static let `default` = ZVTCharset.cp437

    /// The set a terminal announces in TLV tag 14 (00 ASCII, 01 ISO 8859-1, 0F ISO 8859-15, FE UTF-8,
    /// FF CP437), or `nil` for sets this codec does not implement.
    public init?(tlvCode: UInt8) {
        switch tlvCode {
        case 0x00: self = .ascii
        case 0x01: self = .latin1
        case 0x0F: self = .latin9
        case 0xFE: self = .utf8
        case 0xFF: self = .cp437
        default: return nil
        }
    }

    /// The value for TLV tag 14, or `nil` for the 7-bit ZVT set, which has none.
    public var tlvCode: UInt8? {
        switch self {
        case .ascii: 0x00
        case .latin1: 0x01
        case .latin9: 0x0F
        case .utf8: 0xFE
        case .cp437: 0xFF
        case .zvt7: nil
        }
    }

    /// The name used on the command line (`cp437`, `latin1`, ...).
    public var description: String { rawValue }

    /// Decodes terminal bytes: line breaks (CR, LF, CR LF) become `\n`, TAB a space, trailing NULs
    /// end the text, other control bytes are left out (``ZVTDecodedText/droppedControlOffsets``),
    /// printable bytes outside the set become U+FFFD (``ZVTDecodedText/replacedByteOffsets``).
    public func decode(_ bytes: [UInt8]) -> ZVTDecodedText {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x00 { end -= 1 }
        if self == .utf8 { return decodeUTF8(bytes, end: end) }
        var text = ZVTTextBuilder()
        var index = 0
        while index < end {
            let byte = bytes[index]
            if let scalar = scalar(for: byte) {
                text.scalars.append(scalar)
            } else if isControl(byte) {
                text.control(UInt32(byte), at: index, followedBy: index + 1 < end ? bytes[index + 1] : nil, skip: &index)
            } else {
                text.scalars.append(ZVTDecodedText.replacement)
                text.replaced.append(index)
            }
            index += 1
        }
        return text.result
    }

    /// Whether `byte` is a control character in this set (C0 and, where the set has no glyph for
    /// it, DEL; C1 in the ISO 8859 sets) rather than a printable byte the set lacks.
    func isControl(_ byte: UInt8) -> Bool {
        switch self {
        case .latin1, .latin9: byte < 0x20 || (0x7F...0x9F).contains(byte)
        case .cp437: byte < 0x20
        case .ascii, .zvt7, .utf8: byte < 0x20 || byte == 0x7F
        }
    }

    /// Encodes text (after canonical composition, so a decomposed `ä` still maps); characters the set
    /// lacks become `?` and are listed.
    public func encode(_ text: String) -> ZVTEncodedText {
        // Text below U+0300 (no combining marks) is already composed; Foundation's normalization is costly.
        let composed = text.unicodeScalars.allSatisfy { $0.value < 0x300 } ? text : text.precomposedStringWithCanonicalMapping
        if self == .utf8 { return ZVTEncodedText(bytes: Array(composed.utf8), unmappable: []) }
        var bytes: [UInt8] = []
        var unmappable: [Character] = []
        for character in composed {
            if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, let byte = byte(for: scalar) {
                bytes.append(byte)
            } else {
                bytes.append(0x3F)
                unmappable.append(character)
            }
        }
        return ZVTEncodedText(bytes: bytes, unmappable: unmappable)
    }

    /// The character of one byte, or `nil` when the set has none there (controls are never mapped).
    func scalar(for byte: UInt8) -> Unicode.Scalar? {
        switch self {
        case .ascii:
            return (0x20...0x7E).contains(byte) ? Unicode.Scalar(byte) : nil
        case .zvt7:
            guard (0x20...0x7E).contains(byte) else { return nil }
            return ZVTCharsetTables.zvt7Differences[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte)
        case .cp437:
            if (0x20...0x7E).contains(byte) { return Unicode.Scalar(byte) }
            if byte == 0x7F { return "\u{2302}" }
            guard byte >= 0x80 else { return nil }
            return Unicode.Scalar(ZVTCharsetTables.cp437Upper[Int(byte - 0x80)])
        case .latin1, .latin9:
            guard (0x20...0x7E).contains(byte) || byte >= 0xA0 else { return nil }
            if self == .latin9, let value = ZVTCharsetTables.latin9Differences[byte] { return Unicode.Scalar(value) }
            return Unicode.Scalar(byte)
        case .utf8:
            return byte < 0x80 && byte >= 0x20 && byte != 0x7F ? Unicode.Scalar(byte) : nil
        }
    }

    /// The byte of one character, or `nil` when the set lacks it.
    func byte(for scalar: Unicode.Scalar) -> UInt8? {
        reverseTable[scalar]
    }

    /// This set's table from ``reverseTables`` (a switch, not a hash of the set per character).
    private var reverseTable: [Unicode.Scalar: UInt8] {
        switch self {
        case .cp437: Self.reverseCP437
        case .latin1: Self.reverseLatin1
        case .latin9: Self.reverseLatin9
        case .zvt7: Self.reverseZVT7
        case .ascii: Self.reverseASCII
        case .utf8: [:]
        }
    }

    private static let reverseCP437 = reverseTables[.cp437] ?? [:]
    private static let reverseLatin1 = reverseTables[.latin1] ?? [:]
    private static let reverseLatin9 = reverseTables[.latin9] ?? [:]
    private static let reverseZVT7 = reverseTables[.zvt7] ?? [:]
    private static let reverseASCII = reverseTables[.ascii] ?? [:]

    /// Scalar → byte for every 8-bit or 7-bit set, built once from ``scalar(for:)``.
    private static let reverseTables: [ZVTCharset: [Unicode.Scalar: UInt8]] = {
        var tables: [ZVTCharset: [Unicode.Scalar: UInt8]] = [:]
        for charset in ZVTCharset.allCases where charset != .utf8 {
            var table: [Unicode.Scalar: UInt8] = [:]
            for byte in UInt8.min...UInt8.max {
                if let scalar = charset.scalar(for: byte), table[scalar] == nil { table[scalar] = byte }
            }
            tables[charset] = table
        }
        return tables
    }()

    private func decodeUTF8(_ bytes: [UInt8], end: Int) -> ZVTDecodedText {
        var text = ZVTTextBuilder()
        var index = 0
        while index < end {
            let (scalar, width) = Self.utf8Scalar(bytes, at: index, end: end)
            if let scalar, scalar.value >= 0x20, !(0x7F...0x9F).contains(scalar.value) {
                text.scalars.append(scalar)
            } else if let scalar {
                var skipped = 0
                let next: UInt8? = index + width < end ? bytes[index + width] : nil
                text.control(scalar.value, at: index, followedBy: next, skip: &skipped)
                index += skipped
            } else {
                text.scalars.append(ZVTDecodedText.replacement)
                text.replaced.append(index)
            }
            index += width
        }
        return text.result
    }

    /// The scalar of the UTF-8 sequence at `index` and the bytes it spans (at least 1), or `nil` for an
    /// invalid sequence (overlong, surrogate, truncated, stray continuation byte).
    private static func utf8Scalar(_ bytes: [UInt8], at index: Int, end: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        let continuation: Int
        let minimum: UInt32
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: (continuation, minimum, value) = (1, 0x80, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (continuation, minimum, value) = (2, 0x800, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (continuation, minimum, value) = (3, 0x10000, UInt32(lead & 0x07))
        default: return (nil, 1)
        }
        for step in 1...continuation {
            guard index + step < end, bytes[index + step] & 0xC0 == 0x80 else { return (nil, step) }
            value = value << 6 | UInt32(bytes[index + step] & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, continuation + 1) }
        return (scalar, continuation + 1)
    }
}

/// Text decoded from terminal bytes, with the positions of bytes the character set could not show.
public struct ZVTDecodedText: Sendable, Hashable {
    /// The visible replacement for an unmappable byte (U+FFFD).
    public static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// The text; unmappable bytes appear as U+FFFD.
    public var string: String
    /// Offsets (relative to the decoded bytes) of bytes replaced by U+FFFD.
    public var replacedByteOffsets: [Int]
    /// Offsets of control bytes left out (not line breaks, TAB or trailing NULs, which are expected).
    public var droppedControlOffsets: [Int]
    /// Whether every printable byte was mapped.
    public var isLossless: Bool { replacedByteOffsets.isEmpty }

    /// Creates decoded text.
    public init(string: String, replacedByteOffsets: [Int], droppedControlOffsets: [Int] = []) {
        self.string = string
        self.replacedByteOffsets = replacedByteOffsets
        self.droppedControlOffsets = droppedControlOffsets
    }
}

/// Collects decoded scalars and the offsets of bytes replaced or left out.
private struct ZVTTextBuilder {
    var scalars = String.UnicodeScalarView()
    var replaced: [Int] = []
    var dropped: [Int] = []

    var result: ZVTDecodedText { ZVTDecodedText(string: String(scalars), replacedByteOffsets: replaced, droppedControlOffsets: dropped) }

    /// A control character at `offset`: CR and LF become `\n` (a CR LF pair one: `skip` is then
    /// increased by one byte), TAB a space; others are left out and listed.
    mutating func control(_ value: UInt32, at offset: Int, followedBy next: UInt8?, skip: inout Int) {
        switch value {
        case 0x0D:
            scalars.append("\n")
            if next == 0x0A { skip += 1 }
        case 0x0A: scalars.append("\n")
        case 0x09: scalars.append(" ")
        default: dropped.append(offset)
        }
    }
}

/// Text encoded for a terminal, with the characters the character set lacks (sent as `?`).
public struct ZVTEncodedText: Sendable, Hashable {
    /// The bytes to send.
    public var bytes: [UInt8]
    /// Characters replaced by `?`, in order of appearance.
    public var unmappable: [Character]
    /// Whether every character was mapped.
    public var isLossless: Bool { unmappable.isEmpty }

    /// Creates encoded text.
    public init(bytes: [UInt8], unmappable: [Character]) {
        self.bytes = bytes
        self.unmappable = unmappable
    }
}
