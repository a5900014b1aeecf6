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

    /// Parses hex text as technicians copy it from logs and fixtures: `06 01 07 04`, `3B:8A`,
    /// `00-A4`. Whitespace, colons and dashes separate freely; `#` starts a comment to the end of the
    /// line. Any other character, or a digit without a partner, throws with its character offset.
    public static func parse(_ text: String) throws(ParseError) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: (value: UInt8, offset: Int)?
        var inComment = false
        for (offset, character) in text.enumerated() {
            if inComment {
                if character.isNewline { inComment = false }
                continue
            }
            if character == "#" {
                inComment = true
                continue
            }
            if character.isWhitespace || character == ":" || character == "-" { continue }
            guard let value = character.hexDigitValue else {
                throw ParseError(offset: offset, reason: "\"\(character)\" is not a hex digit")
            }
            if let pending = high {
                bytes.append(pending.value << 4 | UInt8(value))
                high = nil
            } else {
                high = (UInt8(value), offset)
            }
        }
        if let high { throw ParseError(offset: high.offset, reason: "odd number of hex digits: this digit has no partner") }
        return bytes
    }
}
