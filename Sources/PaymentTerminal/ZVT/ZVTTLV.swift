/// One BER-TLV data object of the ZVT TLV container (BMP 06, PA00P015 §9): a tag and either raw
/// bytes or, for constructed tags, nested objects.
public struct ZVTTLV: Sendable, Hashable {
    /// The value of a data object.
    public enum Value: Sendable, Hashable {
        /// The bytes of a primitive object.
        case primitive([UInt8])
        /// The objects inside a constructed object.
        case constructed([ZVTTLV])
    }

    /// How deep constructed objects may nest before decoding refuses (stack safety on hostile input).
    public static let maxDepth = 16

    /// The tag.
    public var tag: ZVTTLVTag
    /// The value.
    public var value: Value

    /// Creates a data object.
    public init(tag: ZVTTLVTag, value: Value) {
        self.tag = tag
        self.value = value
    }

    /// A primitive object.
    public static func primitive(_ tag: ZVTTLVTag, _ bytes: [UInt8]) -> ZVTTLV { ZVTTLV(tag: tag, value: .primitive(bytes)) }

    /// A constructed object.
    public static func constructed(_ tag: ZVTTLVTag, _ children: [ZVTTLV]) -> ZVTTLV { ZVTTLV(tag: tag, value: .constructed(children)) }

    /// The bytes of a primitive object (`nil` for constructed ones).
    public var bytes: [UInt8]? {
        if case .primitive(let bytes) = value { return bytes }
        return nil
    }

    /// The nested objects of a constructed object (empty for primitive ones).
    public var children: [ZVTTLV] {
        if case .constructed(let children) = value { return children }
        return []
    }

    /// The first object with `tag` in this object's subtree (depth first, this object included).
    public func first(_ tag: ZVTTLVTag) -> ZVTTLV? {
        if self.tag == tag { return self }
        for child in children {
            if let found = child.first(tag) { return found }
        }
        return nil
    }

    /// Decodes a list of data objects filling `bytes` exactly; `baseOffset` is added to error offsets.
    public static func decodeList(_ bytes: [UInt8], baseOffset: Int = 0) throws(ZVTDecodingError) -> [ZVTTLV] {
        var reader = ZVTByteReader(bytes, base: baseOffset)
        return try decodeList(&reader, depth: 0)
    }

    /// Encodes a list of data objects with the shortest BER lengths.
    public static func encodeList(_ objects: [ZVTTLV]) throws(ZVTEncodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        for object in objects { bytes += try object.encoded() }
        return bytes
    }

    /// Tag, BER length and value.
    public func encoded() throws(ZVTEncodingError) -> [UInt8] {
        let content: [UInt8]
        switch value {
        case .primitive(let bytes): content = bytes
        case .constructed(let children): content = try Self.encodeList(children)
        }
        return tag.bytes + (try Self.berLength(content.count)) + content
    }

    /// The BER length form of `count`: `nn`, `81 nn` or `82 hi lo`.
    public static func berLength(_ count: Int) throws(ZVTEncodingError) -> [UInt8] {
        switch count {
        case 0...0x7F: return [UInt8(count)]
        case 0x80...0xFF: return [0x81, UInt8(count)]
        case 0x100...0xFFFF: return [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        default: throw ZVTEncodingError("TLV length \(count) exceeds the 2-byte BER form (65535)")
        }
    }

    /// Reads a BER length (`nn`, `81 nn`, `82 hi lo`); other forms throw.
    static func readBERLength(_ reader: inout ZVTByteReader, of what: @autoclosure () -> String) throws(ZVTDecodingError) -> Int {
        let start = reader.offset
        let first = try reader.readByte("the BER length of \(what())")
        switch first {
        case 0x00...0x7F:
            return Int(first)
        case 0x81:
            return Int(try reader.readByte("the length byte after 81 of \(what())"))
        case 0x82:
            let pair = try reader.readBytes(2, "the length after 82 of \(what())")
            return Int(pair[0]) << 8 | Int(pair[1])
        default:
            throw ZVTDecodingError(.invalidLength, offset: start,
                                   "expected a BER length (00–7F, 81 nn or 82 hi lo) for \(what()), found \(ZVTBCD.hex(first))")
        }
    }

    private static func decodeList(_ reader: inout ZVTByteReader, depth: Int) throws(ZVTDecodingError) -> [ZVTTLV] {
        var objects: [ZVTTLV] = []
        while !reader.isAtEnd {
            objects.append(try decodeObject(&reader, depth: depth))
        }
        return objects
    }

    /// Decodes one object; the reader ends where the enclosing object (or the container) ends.
    private static func decodeObject(_ reader: inout ZVTByteReader, depth: Int) throws(ZVTDecodingError) -> ZVTTLV {
        let tagOffset = reader.offset
        let tag = try readTag(&reader)
        let length = try readBERLength(&reader, of: "TLV tag \(tag)")
        guard length <= reader.remaining else {
            throw ZVTDecodingError(.truncated, offset: reader.offset,
                                   "expected \(length) value bytes of TLV tag \(tag) (at offset \(tagOffset)), found \(reader.remaining)")
        }
        guard tag.isConstructed else {
            return .primitive(tag, try reader.readBytes(length, "the value of TLV tag \(tag)"))
        }
        guard depth < maxDepth else {
            throw ZVTDecodingError(.nestingTooDeep, offset: tagOffset,
                                   "expected constructed TLV objects nested at most \(maxDepth) deep")
        }
        var content = reader.prefix(length)
        let children = try decodeList(&content, depth: depth + 1)
        reader.skip(length)
        return .constructed(tag, children)
    }

    private static func readTag(_ reader: inout ZVTByteReader) throws(ZVTDecodingError) -> ZVTTLVTag {
        let start = reader.offset
        let first = try reader.readByte("a TLV tag")
        var value = UInt32(first)
        guard first & 0x1F == 0x1F else { return ZVTTLVTag(rawValue: value) }
        for count in 2...4 {
            let next = try reader.readByte("byte \(count) of the TLV tag starting at offset \(start)")
            value = value << 8 | UInt32(next)
            if next & 0x80 == 0 { return ZVTTLVTag(rawValue: value) }
        }
        throw ZVTDecodingError(.invalidTag, offset: start, "expected a TLV tag of at most 4 bytes")
    }
}
