import DeviceCore

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
        // PA00P015 §9: lengths up to the 82 hi lo form; constructed objects nested at most maxDepth deep.
        let reader = BERTLVReader(bytes, baseOffset: baseOffset, maxLengthBytes: 2, maxDepth: maxDepth)
        do throws(BERTLVError) { return try decodeList(reader) } catch { throw decodingError(error) }
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
        guard (0...0xFFFF).contains(count) else { throw ZVTEncodingError("TLV length \(count) exceeds the 2-byte BER form (65535)") }
        return BERTLVEncoding.length(count)
    }

    /// Reads a BER length (`nn`, `81 nn`, `82 hi lo`) with the shared reader; other forms throw.
    static func readBERLength(_ reader: inout ZVTByteReader, of what: @autoclosure () -> String) throws(ZVTDecodingError) -> Int {
        let start = reader.offset
        var ber = BERTLVReader(reader.upcoming(3), baseOffset: start, maxLengthBytes: 2)
        do throws(BERTLVError) {
            let length = try ber.readLength()
            reader.skip(ber.offset - start)
            return length
        } catch {
            switch error.reason {
            case .truncatedLength:
                let offset = error.offset > start + 1 ? start + 1 : error.offset
                let expected = error.offset == start ? "the BER length of \(what())" : "the length bytes after \(ZVTBCD.hex(reader.peek() ?? 0)) of \(what())"
                throw ZVTDecodingError(.truncated, offset: offset, "expected \(expected), found end of data")
            default:
                throw ZVTDecodingError(.invalidLength, offset: start,
                                       "expected a BER length (00–7F, 81 nn or 82 hi lo) for \(what()), found \(ZVTBCD.hex(reader.peek() ?? 0))")
            }
        }
    }

    private static func decodeList(_ reader: BERTLVReader) throws(BERTLVError) -> [ZVTTLV] {
        var reader = reader
        var objects: [ZVTTLV] = []
        while !reader.isAtEnd {
            let header = try reader.readHeader()
            let tag = ZVTTLVTag(rawValue: header.tag)
            if header.isConstructed {
                objects.append(.constructed(tag, try decodeList(try reader.contents(of: header))))
            } else {
                objects.append(.primitive(tag, reader.value(of: header)))
            }
        }
        return objects
    }

    /// The shared reader's error at the offset and in the words ZVT decoding reports: a tag too
    /// long at its start, missing length bytes where they should begin, a bad length form at the
    /// length field, a value too long where it begins.
    private static func decodingError(_ error: BERTLVError) -> ZVTDecodingError {
        switch error.reason {
        case .truncatedTag:
            return ZVTDecodingError(.truncated, offset: error.offset, "expected the next byte of the TLV tag starting at offset \(error.objectOffset), found end of data")
        case .tagTooLong:
            return ZVTDecodingError(.invalidTag, offset: error.objectOffset, "expected a TLV tag of at most 4 bytes")
        case .truncatedLength:
            let lengthOffset = error.lengthOffset ?? error.offset
            let offset = error.offset > lengthOffset + 1 ? lengthOffset + 1 : error.offset
            return ZVTDecodingError(.truncated, offset: offset, "expected the BER length of the TLV object at offset \(error.objectOffset), found end of data")
        case .indefiniteLength, .lengthFieldTooLong:
            return ZVTDecodingError(.invalidLength, offset: error.lengthOffset ?? error.offset,
                                   "expected a BER length (00–7F, 81 nn or 82 hi lo) for the TLV object at offset \(error.objectOffset)")
        case .valueTruncated(let length, let available):
            return ZVTDecodingError(.truncated, offset: error.offset,
                                   "expected \(length) value bytes of the TLV object at offset \(error.objectOffset), found \(available)")
        case .nestingTooDeep:
            return ZVTDecodingError(.nestingTooDeep, offset: error.objectOffset, "expected constructed TLV objects nested at most \(maxDepth) deep")
        }
    }
}
