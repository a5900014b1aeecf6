/// The one BER-TLV reader of BuergerHAL (X.690 BER as ISO/IEC 7816-4 and ZVT's TLV container use
/// it): multi-byte tags up to 4 bytes, definite lengths in short form or with up to
/// ``maxLengthBytes`` length bytes, values bounded by the input (or the enclosing object), and
/// nested readers for constructed objects that count their depth. It never traps on external
/// bytes: every failure is a ``BERTLVError`` naming the offsets.
///
/// Families keep their own value types (ISO 7816's `BERTLV`, ZVT's `ZVTTLV`) and build them from
/// the ``Header``s this reader returns; encoding uses ``BERTLVEncoding``.
public struct BERTLVReader: Sendable {
    /// Where one object sits: its tag, and the offsets of its parts.
    public struct Header: Sendable, Hashable {
        /// The tag bytes read big-endian (`0x7F49`, `0x5F1F`, `0x84`).
        public var tag: UInt32
        /// Whether bit 6 of the first tag byte marks the object as constructed.
        public var isConstructed: Bool
        /// The absolute offset of the first tag byte.
        public var objectOffset: Int
        /// The absolute offset of the length field.
        public var lengthOffset: Int
        /// The absolute offset of the first value byte.
        public var valueOffset: Int
        /// The value's length in bytes (within the input: checked).
        public var length: Int
    }

    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private let base: Int
    /// The most length bytes after `8x` that are accepted (ZVT allows 2, ISO 7816 up to 4).
    public let maxLengthBytes: Int
    /// How deep this reader sits inside constructed objects (0 for the outermost list).
    public let depth: Int
    /// The deepest nesting ``contents(of:)`` allows.
    public let maxDepth: Int

    /// A reader over `bytes`; reported offsets are `baseOffset` plus the index in `bytes`.
    public init(_ bytes: [UInt8], baseOffset: Int = 0, maxLengthBytes: Int = 4, maxDepth: Int = 32) {
        self.init(bytes, start: 0, end: bytes.count, base: baseOffset, maxLengthBytes: maxLengthBytes, depth: 0, maxDepth: maxDepth)
    }

    private init(_ bytes: [UInt8], start: Int, end: Int, base: Int, maxLengthBytes: Int, depth: Int, maxDepth: Int) {
        self.bytes = bytes
        self.end = min(max(end, 0), bytes.count)
        index = min(max(start, 0), self.end)
        self.base = base
        self.maxLengthBytes = min(max(maxLengthBytes, 0), 4)
        self.depth = depth
        self.maxDepth = maxDepth
    }

    /// The absolute offset of the next byte.
    public var offset: Int { base + index }
    /// Whether every byte was read.
    public var isAtEnd: Bool { index >= end }
    /// How many bytes are left.
    public var remaining: Int { end - index }

    /// Skips any bytes in `padding` (ISO 7816-4 allows `00` and `FF` between objects).
    public mutating func skip(padding: Set<UInt8>) {
        while index < end, padding.contains(bytes[index]) { index += 1 }
    }

    /// Reads the next object's tag and length and moves past its value.
    public mutating func readHeader() throws(BERTLVError) -> Header {
        let objectStart = index
        func failure(_ reason: BERTLVError.Reason, at position: Int, lengthAt: Int? = nil) -> BERTLVError {
            BERTLVError(reason, offset: base + position, objectOffset: base + objectStart, lengthOffset: lengthAt.map { base + $0 })
        }
        // Tag: first byte; low 5 bits all set → more bytes follow while bit 8 is set.
        guard index < end else { throw failure(.truncatedTag, at: index) }
        let first = bytes[index]
        index += 1
        var tag = UInt32(first)
        if first & 0x1F == 0x1F {
            var count = 1
            while true {
                guard index < end else { throw failure(.truncatedTag, at: index) }
                guard count < 4 else { throw failure(.tagTooLong, at: index) }
                let byte = bytes[index]
                index += 1
                count += 1
                tag = tag << 8 | UInt32(byte)
                if byte & 0x80 == 0 { break }
            }
        }
        let lengthStart = index
        let length = try readLength(objectStart: objectStart)
        guard length <= end - index else {
            throw failure(.valueTruncated(length: length, available: end - index), at: index, lengthAt: lengthStart)
        }
        let header = Header(tag: tag, isConstructed: first & 0x20 != 0, objectOffset: base + objectStart, lengthOffset: base + lengthStart,
                            valueOffset: base + index, length: length)
        index += length
        return header
    }

    /// Reads a length field alone (short form, or `81`…`8n` followed by n bytes; `80`, the
    /// indefinite form, is refused), for formats that put a BER length after a tag of their own.
    public mutating func readLength() throws(BERTLVError) -> Int {
        try readLength(objectStart: index)
    }

    private mutating func readLength(objectStart: Int) throws(BERTLVError) -> Int {
        let lengthStart = index
        func failure(_ reason: BERTLVError.Reason, at position: Int) -> BERTLVError {
            BERTLVError(reason, offset: base + position, objectOffset: base + objectStart, lengthOffset: base + lengthStart)
        }
        guard index < end else { throw failure(.truncatedLength, at: index) }
        let lengthByte = bytes[index]
        index += 1
        guard lengthByte >= 0x80 else { return Int(lengthByte) }
        let count = Int(lengthByte & 0x7F)
        guard count != 0 else { throw failure(.indefiniteLength, at: lengthStart) }
        guard count <= maxLengthBytes else { throw failure(.lengthFieldTooLong(bytes: count), at: lengthStart) }
        var length = 0
        for _ in 0..<count {
            guard index < end else { throw failure(.truncatedLength, at: index) }
            length = length << 8 | Int(bytes[index])
            index += 1
        }
        return length
    }

    /// The value bytes of `header` (an object this reader returned).
    public func value(of header: Header) -> [UInt8] {
        let start = header.valueOffset - base
        guard start >= 0, header.length >= 0, start + header.length <= bytes.count else { return [] }
        return Array(bytes[start..<(start + header.length)])
    }

    /// A reader over the value of constructed object `header`, one level deeper; fails when that
    /// would nest deeper than ``maxDepth``.
    public func contents(of header: Header) throws(BERTLVError) -> BERTLVReader {
        guard depth < maxDepth else {
            throw BERTLVError(.nestingTooDeep(limit: maxDepth), offset: header.objectOffset, objectOffset: header.objectOffset,
                              lengthOffset: header.lengthOffset)
        }
        let start = header.valueOffset - base
        return BERTLVReader(bytes, start: start, end: start + header.length, base: base, maxLengthBytes: maxLengthBytes,
                            depth: depth + 1, maxDepth: maxDepth)
    }
}

/// BER-TLV encoding with the shortest (DER) forms, shared by every family.
public enum BERTLVEncoding {
    /// The bytes of `tag` (read big-endian), most significant first; `0` is one byte.
    public static func tagBytes(_ tag: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = tag
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest != 0
        return bytes
    }

    /// The definite length field for `length` bytes in its shortest form: `nn` up to 127, then
    /// `81 nn`, `82 hhll`, `83 …`, `84 …`. Negative lengths encode as 0.
    public static func length(_ length: Int) -> [UInt8] {
        let length = max(length, 0)
        switch length {
        case ..<0x80: return [UInt8(length)]
        case ..<0x100: return [0x81, UInt8(length)]
        case ..<0x1_0000: return [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        case ..<0x100_0000: return [0x83, UInt8(length >> 16), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        default: return [0x84, UInt8((length >> 24) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        }
    }

    /// Tag, shortest length and value.
    public static func object(tag: UInt32, value: [UInt8]) -> [UInt8] {
        tagBytes(tag) + length(value.count) + value
    }
}
