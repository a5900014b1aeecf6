public import DeviceCore

/// A BER-TLV data object (ISO/IEC 7816-4 §5.2, X.690 BER subset used by smart cards):
/// multi-byte tags, definite lengths up to 4 length bytes, constructed objects holding children.
public struct BERTLV: Sendable, Hashable, CustomStringConvertible {
    /// The tag, with all its bytes (`0x7F49`, `0x5F1F`, `0x84`).
    public var tag: UInt32
    /// The value bytes (for constructed objects: the encoded children).
    public var value: [UInt8]

    /// A malformed TLV encoding: offset and reason.
    public typealias ParseError = ByteFormatError

    /// Creates a primitive or constructed object from its value bytes.
    public init(tag: UInt32, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// Creates a constructed object from children.
    public init(tag: UInt32, children: [BERTLV]) {
        self.tag = tag
        value = children.flatMap(\.encoded)
    }

    /// The tag's bytes, most significant first.
    public var tagBytes: [UInt8] {
        var bytes: [UInt8] = []
        var rest = tag
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest != 0
        return bytes
    }

    /// Whether bit 6 of the first tag byte marks the object as constructed.
    public var isConstructed: Bool { (tagBytes.first ?? 0) & 0x20 != 0 }

    /// The object's children when constructed. Throws when the value is not a TLV sequence.
    public func children() throws(ParseError) -> [BERTLV] {
        try BERTLV.parseAll(value)
    }

    /// The first direct child with `tag`, if any (for constructed objects).
    public func child(_ tag: UInt32) throws(ParseError) -> BERTLV? {
        try children().first { $0.tag == tag }
    }

    /// Tag, definite length (short form up to 127, then 81/82/83/84 forms) and value.
    public var encoded: [UInt8] {
        tagBytes + BERTLV.encodeLength(value.count) + value
    }

    /// The length field for `length` bytes.
    public static func encodeLength(_ length: Int) -> [UInt8] {
        switch length {
        case ..<0x80: [UInt8(length)]
        case ..<0x100: [0x81, UInt8(length)]
        case ..<0x1_0000: [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        case ..<0x100_0000: [0x83, UInt8(length >> 16), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        default: [0x84, UInt8((length >> 24) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        }
    }

    /// Parses a sequence of objects filling `bytes` exactly. Padding bytes 00 and FF between
    /// objects are skipped, as ISO 7816-4 allows. Errors name the offset.
    public static func parseAll(_ bytes: [UInt8]) throws(ParseError) -> [BERTLV] {
        var objects: [BERTLV] = []
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] == 0x00 || bytes[offset] == 0xFF {
                offset += 1
                continue
            }
            let (object, next) = try parse(bytes, at: offset)
            objects.append(object)
            offset = next
        }
        return objects
    }

    /// Parses one object at `offset`; returns it and the offset after it.
    public static func parse(_ bytes: [UInt8], at start: Int = 0) throws(ParseError) -> (BERTLV, Int) {
        var offset = start
        func next(_ what: String) throws(ParseError) -> UInt8 {
            guard offset < bytes.count else { throw ParseError(offset: offset, reason: "truncated \(what)") }
            defer { offset += 1 }
            return bytes[offset]
        }
        // Tag: first byte; low 5 bits all set → more bytes follow while bit 8 is set.
        let first = try next("tag")
        var tag = UInt32(first)
        if first & 0x1F == 0x1F {
            var count = 1
            while true {
                let byte = try next("tag")
                count += 1
                guard count <= 4 else { throw ParseError(offset: offset - 1, reason: "tag longer than 4 bytes") }
                tag = tag << 8 | UInt32(byte)
                if byte & 0x80 == 0 { break }
            }
        }
        // Length: short form, or 81..84 followed by that many bytes. 80 (indefinite) is not allowed.
        let lengthOffset = offset
        let lengthByte = try next("length")
        var length = 0
        if lengthByte < 0x80 {
            length = Int(lengthByte)
        } else {
            let count = Int(lengthByte & 0x7F)
            guard (1...4).contains(count) else {
                throw ParseError(offset: lengthOffset, reason: count == 0 ? "indefinite length is not allowed" : "length field of \(count) bytes")
            }
            for _ in 0..<count { length = length << 8 | Int(try next("length")) }
        }
        guard length <= bytes.count - offset else {
            throw ParseError(offset: lengthOffset, reason: "length \(length) exceeds the \(bytes.count - offset) bytes left")
        }
        let value = Array(bytes[offset..<(offset + length)])
        return (BERTLV(tag: tag, value: value), offset + length)
    }

    /// `7F49 (12 bytes)`
    public var description: String { "\(Hex.string(tagBytes)) (\(value.count) bytes)" }
}
