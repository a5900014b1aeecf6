import DeviceCore

/// USB string descriptors (type 3) as a device sends them: descriptor 0 lists the language ids,
/// the others hold UTF-16LE text. Never traps on malformed input.
enum USBStringDescriptor {
    /// US English, the language to ask for when a device lists none.
    static let usEnglish: UInt16 = 0x0409

    /// The language ids of string descriptor 0.
    static func languages(_ bytes: [UInt8]) throws(ByteFormatError) -> [UInt16] {
        let payload = try body(bytes)
        return stride(from: 0, to: payload.count - 1, by: 2).map { UInt16(payload[$0]) | UInt16(payload[$0 + 1]) << 8 }
    }

    /// The text of a string descriptor; invalid UTF-16 becomes U+FFFD.
    static func text(_ bytes: [UInt8]) throws(ByteFormatError) -> String {
        let payload = try body(bytes)
        let units = stride(from: 0, to: payload.count - 1, by: 2).map { UInt16(payload[$0]) | UInt16(payload[$0 + 1]) << 8 }
        return String(decoding: units, as: UTF16.self)
    }

    /// The bytes after the 2-byte header, up to `bLength`.
    private static func body(_ bytes: [UInt8]) throws(ByteFormatError) -> [UInt8] {
        guard bytes.count >= 2 else { throw ByteFormatError(offset: bytes.count, reason: "a string descriptor has at least 2 bytes, got \(bytes.count)") }
        let length = Int(bytes[0])
        guard bytes[1] == 3 else { throw ByteFormatError(offset: 1, reason: "descriptor type \(bytes[1]), expected 3 (string)") }
        guard length >= 2, length <= bytes.count else {
            throw ByteFormatError(offset: 0, reason: "bLength \(length) does not fit the \(bytes.count) bytes received")
        }
        guard length % 2 == 0 else { throw ByteFormatError(offset: 0, reason: "bLength \(length) is odd; UTF-16 text needs an even length") }
        return Array(bytes[2..<length])
    }
}
