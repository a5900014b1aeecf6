/// Hex formatting and parsing for bytes from devices: APDUs, ATRs, ZVT and ESC/POS dumps.
public enum Hex {
    private static let digits = Array("0123456789ABCDEF")

    /// One byte as two uppercase hex digits.
    public static func byte(_ value: UInt8) -> String {
        String([digits[Int(value >> 4)], digits[Int(value & 0x0F)]])
    }

    /// A 16-bit value as four uppercase hex digits (USB vendor and product ids: `04B8`).
    public static func word(_ value: UInt16) -> String {
        byte(UInt8(value >> 8)) + byte(UInt8(value & 0xFF))
    }

    /// Bytes as uppercase hex, optionally separated.
    public static func string(_ bytes: some Sequence<UInt8>, separator: String = "") -> String {
        bytes.map(byte).joined(separator: separator)
    }

    /// A hex parse failure: character offset and reason.
    public typealias ParseError = ByteFormatError

    /// Parses hex digits, ignoring spaces, colons and dashes between bytes.
    public static func parse(_ text: String) throws(ParseError) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8?
        for (offset, character) in text.enumerated() {
            if character == " " || character == ":" || character == "-" || character == "\t" {
                continue
            }
            guard let value = character.hexDigitValue else {
                throw ParseError(offset: offset, reason: "\"\(character)\" is not a hex digit")
            }
            if let pending = high {
                bytes.append(pending << 4 | UInt8(value))
                high = nil
            } else {
                high = UInt8(value)
            }
        }
        if high != nil { throw ParseError(offset: text.count, reason: "odd number of hex digits") }
        return bytes
    }
}
