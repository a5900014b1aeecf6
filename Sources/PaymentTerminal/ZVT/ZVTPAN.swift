/// A card number (BMP 22, TLV 5A) that prints only masked: first 6 and last 4 digits at most.
///
/// Terminals usually mask digits themselves (nibble `E`, kept here as `*`). The full digits stay
/// inside this value for re-encoding and are never part of ``description`` or ``debugDescription``.
public struct ZVTPAN: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Digits `0`–`9` and `*` for digits the terminal masked.
    let digits: String

    /// Creates a PAN from digits and `*` (masked digits); `nil` for other characters or more than 99.
    public init?(digits: String) {
        guard digits.count <= 99, digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "*" }) else { return nil }
        self.digits = digits
    }

    /// How many digits the number has (masked ones included).
    public var digitCount: Int { digits.count }

    /// Whether the terminal sent no number (`22 F0 F0`).
    public var isEmpty: Bool { digits.isEmpty }

    /// The number for receipts and logs: the first 6 digits only when 13 or more digits exist, the
    /// last 4 only when 8 or more exist; every other digit is `*`.
    public var masked: String {
        let characters = Array(digits)
        let count = characters.count
        let prefix = count >= 13 ? 6 : 0
        let suffix = count >= 8 ? 4 : 0
        return String(characters.enumerated().map { index, character in
            index < prefix || index >= count - suffix ? character : "*"
        })
    }

    /// The masked number.
    public var description: String { masked }

    /// The masked number.
    public var debugDescription: String { "ZVTPAN(\(masked))" }

    /// The BCD bytes: `E` for masked digits, `F` fill for an odd count.
    var bcd: [UInt8] {
        var nibbles: [UInt8] = digits.unicodeScalars.map { $0 == "*" ? 0x0E : UInt8($0.value - 0x30) }
        if nibbles.count % 2 == 1 { nibbles.append(0x0F) }
        return stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }

    /// Decodes BCD PAN bytes: digits, `E` masked digit, `F` fill only at the end.
    static func decode(_ bytes: [UInt8], offset: Int) throws(ZVTDecodingError) -> ZVTPAN {
        var digits = ""
        var filled = false
        for (index, byte) in bytes.enumerated() {
            for nibble in [byte >> 4, byte & 0x0F] {
                switch nibble {
                case 0...9 where !filled: digits.append(Character(Unicode.Scalar(0x30 + nibble)))
                case 0x0E where !filled: digits.append("*")
                case 0x0F: filled = true
                default:
                    throw ZVTDecodingError(.invalidBCD, offset: offset + index,
                                           "expected PAN digits, E (masked) or trailing F fill (byte value withheld: card data)")
                }
            }
        }
        guard let pan = ZVTPAN(digits: digits) else {
            throw ZVTDecodingError(.tooLong, offset: offset, "expected a PAN of at most 99 digits")
        }
        return pan
    }
}
