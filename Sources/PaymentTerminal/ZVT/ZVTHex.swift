/// Hex text as technicians copy it from logs and fixtures: `06 01 07 04 00 00 00 12 50`.
public enum ZVTHex {
    /// The bytes of hex text. Whitespace separates freely; `#` starts a comment to the end of the line.
    /// Other characters and an odd digit count throw with the character offset.
    public static func parse(_ text: String) throws(ZVTDecodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8?
        var highOffset = 0
        var inComment = false
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if inComment {
                if scalar == "\n" { inComment = false }
                continue
            }
            if scalar == "#" {
                inComment = true
                continue
            }
            if scalar.properties.isWhitespace { continue }
            guard let nibble = value(of: scalar) else {
                throw ZVTDecodingError(.invalidHex, offset: offset, "expected a hex digit, found \"\(scalar.escaped(asASCII: true))\"")
            }
            if let pending = high {
                bytes.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
                highOffset = offset
            }
        }
        if high != nil {
            throw ZVTDecodingError(.invalidHex, offset: highOffset, "expected an even number of hex digits; this digit has no partner")
        }
        return bytes
    }

    /// `06 01 00`: bytes as upper-case hex separated by spaces.
    public static func string(_ bytes: some Sequence<UInt8>) -> String { ZVTBCD.hex(bytes) }

    private static func value(of scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0"..."9": UInt8(scalar.value - 0x30)
        case "a"..."f": UInt8(scalar.value - 0x61 + 10)
        case "A"..."F": UInt8(scalar.value - 0x41 + 10)
        default: nil
        }
    }
}
