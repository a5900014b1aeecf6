public import DeviceCore

/// A BER-TLV data object (ISO/IEC 7816-4 §5.2, X.690 BER subset used by smart cards):
/// multi-byte tags, definite lengths up to 4 length bytes, constructed objects holding children.
/// Read and written with DeviceCore's shared ``BERTLVReader`` and ``BERTLVEncoding``.
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
    public var tagBytes: [UInt8] { BERTLVEncoding.tagBytes(tag) }

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
        BERTLVEncoding.object(tag: tag, value: value)
    }

    /// The length field for `length` bytes.
    public static func encodeLength(_ length: Int) -> [UInt8] {
        BERTLVEncoding.length(length)
    }

    /// Parses a sequence of objects filling `bytes` exactly. Padding bytes 00 and FF between
    /// objects are skipped, as ISO 7816-4 allows. Errors name the offset.
    public static func parseAll(_ bytes: [UInt8]) throws(ParseError) -> [BERTLV] {
        var reader = BERTLVReader(bytes)
        var objects: [BERTLV] = []
        while true {
            reader.skip(padding: [0x00, 0xFF])
            guard !reader.isAtEnd else { return objects }
            objects.append(try read(&reader))
        }
    }

    /// Parses one object at `offset`; returns it and the offset after it.
    public static func parse(_ bytes: [UInt8], at start: Int = 0) throws(ParseError) -> (BERTLV, Int) {
        guard start >= 0, start <= bytes.count else { throw ParseError(offset: start, reason: "truncated tag") }
        var reader = BERTLVReader(Array(bytes[start...]), baseOffset: start)
        let object = try read(&reader)
        return (object, reader.offset)
    }

    /// One object from the shared reader, its errors in ISO 7816 terms: a value longer than the
    /// bytes left is reported at its length field.
    private static func read(_ reader: inout BERTLVReader) throws(ParseError) -> BERTLV {
        do throws(BERTLVError) {
            let header = try reader.readHeader()
            return BERTLV(tag: header.tag, value: reader.value(of: header))
        } catch {
            let offset = if case .valueTruncated = error.reason { error.lengthOffset ?? error.offset } else { error.offset }
            throw ParseError(offset: offset, reason: error.reasonText)
        }
    }

    /// `7F49 (12 bytes)`
    public var description: String { "\(Hex.string(tagBytes)) (\(value.count) bytes)" }
}
