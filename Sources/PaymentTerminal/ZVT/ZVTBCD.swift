import DeviceCore
/// Packed BCD as ZVT uses it: two decimal digits per byte, high nibble first.
enum ZVTBCD {
    /// The decimal digits of `bytes`; the first non-decimal nibble throws with its byte offset.
    static func digits(_ bytes: [UInt8], offset: Int, field: @autoclosure () -> String) throws(ZVTDecodingError) -> String {
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for (index, byte) in bytes.enumerated() {
            guard byte >> 4 <= 9, byte & 0x0F <= 9 else { throw invalidBCD(byte, at: offset + index, field) }
            text.unicodeScalars.append(Unicode.Scalar(0x30 + (byte >> 4)))
            text.unicodeScalars.append(Unicode.Scalar(0x30 + (byte & 0x0F)))
        }
        return text
    }

    /// Whether `bytes` are all-F nibbles (`FF FF`): terminals send that for "no value" where BCD is
    /// expected (an Abort's receipt number), in every BCD field.
    static func isNoValue(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 == 0xFF }
    }

    /// The number that `bytes` hold in BCD (at most 18 digits, so it always fits an `Int`).
    static func number(_ bytes: [UInt8], offset: Int, field: @autoclosure () -> String) throws(ZVTDecodingError) -> Int {
        guard bytes.count <= 9 else {
            throw ZVTDecodingError(.tooLong, offset: offset, "expected at most 9 BCD bytes in \(field()), found \(bytes.count)")
        }
        var value = 0
        for (index, byte) in bytes.enumerated() {
            guard byte >> 4 <= 9, byte & 0x0F <= 9 else { throw invalidBCD(byte, at: offset + index, field) }
            value = value * 100 + Int(byte >> 4) * 10 + Int(byte & 0x0F)
        }
        return value
    }

    /// The error for a byte with a non-decimal nibble.
    private static func invalidBCD(_ byte: UInt8, at offset: Int, _ field: () -> String) -> ZVTDecodingError {
        ZVTDecodingError(.invalidBCD, offset: offset, "expected BCD digits in \(field()), found byte \(hex(byte))")
    }

    /// `value` in `byteCount` BCD bytes, or `nil` when it is negative or has too many digits.
    static func encode(_ value: Int, byteCount: Int) -> [UInt8]? {
        guard value >= 0, byteCount > 0 else { return nil }
        var remainder = value
        var bytes = [UInt8](repeating: 0, count: byteCount)
        for index in stride(from: byteCount - 1, through: 0, by: -1) {
            let low = UInt8(remainder % 10)
            remainder /= 10
            let high = UInt8(remainder % 10)
            remainder /= 10
            bytes[index] = high << 4 | low
        }
        return remainder == 0 ? bytes : nil
    }

    /// A string of decimal digits in `byteCount` BCD bytes (left-padded with zeros), or `nil`.
    static func encode(digits: String, byteCount: Int) -> [UInt8]? {
        let values = digits.unicodeScalars.map { $0.value }
        guard values.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), values.count <= byteCount * 2 else { return nil }
        let padded = [UInt8](repeating: 0, count: byteCount * 2 - values.count) + values.map { UInt8($0 - 0x30) }
        return stride(from: 0, to: padded.count, by: 2).map { padded[$0] << 4 | padded[$0 + 1] }
    }

    /// `AB` for 0xAB.
    static func hex(_ byte: UInt8) -> String {
        Hex.byte(byte)
    }

    /// `06 01 00` for the bytes 06, 01, 00.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        Hex.string(bytes, separator: " ")
    }
}
