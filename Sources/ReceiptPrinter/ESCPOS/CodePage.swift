/// A single-byte character table a receipt printer prints text in.
///
/// Bytes 0x20...0x7E are ASCII in every table; the upper half (0x80...0xFF) comes from the tables
/// in `CodePageTables.swift`. Which number selects a table differs per printer: see
/// ``PrinterProfile/codePages``. Bytes 0x00...0x1F and 0x7F are commands, never text.
public enum CodePage: String, Sendable, Hashable, Codable, CaseIterable {
    /// PC437 (USA, standard Europe): umlauts and ß, no euro sign.
    case pc437
    /// PC858 (Multilingual Latin I + euro): umlauts, ß and € (0xD5).
    case pc858
    /// WPC1252 (Windows Latin 1): umlauts, ß, € (0x80) and German quotation marks.
    case wpc1252
    /// ISO 8859-15 (Latin-9): umlauts, ß and € (0xA4).
    case iso8859_15 = "iso8859-15"
    /// ISO 8859-7 (Greek): € (0xA4) but no umlauts; python-escpos's magic encoder selects it
    /// (Epson `ESC t 15`) for the euro sign.
    case iso8859_7 = "iso8859-7"

    /// The name printed in messages, e.g. `PC858`.
    public var displayName: String {
        switch self {
        case .pc437: "PC437"
        case .pc858: "PC858"
        case .wpc1252: "WPC1252"
        case .iso8859_15: "ISO-8859-15"
        case .iso8859_7: "ISO-8859-7"
        }
    }

    /// The Unicode scalar each byte 0x80...0xFF prints, or 0 where the byte prints nothing.
    public var upperHalf: [UInt16] {
        switch self {
        case .pc437: Self.pc437UpperHalf
        case .pc858: Self.pc858UpperHalf
        case .wpc1252: Self.wpc1252UpperHalf
        case .iso8859_15: Self.iso8859_15UpperHalf
        case .iso8859_7: Self.iso8859_7UpperHalf
        }
    }

    /// The byte that prints `scalar` in this table, or `nil` when the table has no such character.
    public func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if (0x20...0x7E).contains(scalar.value) { return UInt8(scalar.value) }
        return reverseTable.byte(for: scalar.value)
    }

    /// The character a byte prints in this table, or `nil` for command bytes and unassigned bytes.
    public func character(for byte: UInt8) -> Character? {
        if (0x20...0x7E).contains(byte) { return Character(Unicode.Scalar(byte)) }
        guard byte >= 0x80 else { return nil }
        let value = upperHalf[Int(byte - 0x80)]
        guard value != 0, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
        return Character(scalar)
    }

    /// This page's scalar → byte table (a switch, so no hashing of the page per character).
    private var reverseTable: CodePageReverseTable {
        switch self {
        case .pc437: Self.reversePC437
        case .pc858: Self.reversePC858
        case .wpc1252: Self.reverseWPC1252
        case .iso8859_15: Self.reverseISO8859_15
        case .iso8859_7: Self.reverseISO8859_7
        }
    }

    private static let reversePC437 = CodePageReverseTable(upperHalf: pc437UpperHalf)
    private static let reversePC858 = CodePageReverseTable(upperHalf: pc858UpperHalf)
    private static let reverseWPC1252 = CodePageReverseTable(upperHalf: wpc1252UpperHalf)
    private static let reverseISO8859_15 = CodePageReverseTable(upperHalf: iso8859_15UpperHalf)
    private static let reverseISO8859_7 = CodePageReverseTable(upperHalf: iso8859_7UpperHalf)
}
