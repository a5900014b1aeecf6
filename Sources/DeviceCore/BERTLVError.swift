/// Why BER-TLV bytes could not be read, and where: the offset of the offending (or first
/// missing) byte, and the offsets of the object and its length field, so that each user can
/// report the position its own format documents.
public struct BERTLVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Hashable {
        /// The input ended inside a tag.
        case truncatedTag
        /// The tag has more bytes than allowed (more than 4).
        case tagTooLong
        /// The input ended inside a length field.
        case truncatedLength
        /// Length byte `80`: the indefinite form, which these formats do not allow.
        case indefiniteLength
        /// A long-form length of `bytes` bytes, more than the format allows.
        case lengthFieldTooLong(bytes: Int)
        /// The value is declared `length` bytes long but only `available` are left (in the input
        /// or in the enclosing object).
        case valueTruncated(length: Int, available: Int)
        /// Constructed objects nested deeper than `limit`.
        case nestingTooDeep(limit: Int)
    }

    /// What was wrong.
    public var reason: Reason
    /// The absolute offset of the offending byte, or of the first missing one.
    public var offset: Int
    /// The absolute offset of the object's first tag byte.
    public var objectOffset: Int
    /// The absolute offset of the object's length field, once the tag was read.
    public var lengthOffset: Int?

    /// Creates an error.
    public init(_ reason: Reason, offset: Int, objectOffset: Int, lengthOffset: Int? = nil) {
        self.reason = reason
        self.offset = offset
        self.objectOffset = objectOffset
        self.lengthOffset = lengthOffset
    }

    /// The reason in words (`length 5 exceeds the 1 bytes left`).
    public var reasonText: String {
        switch reason {
        case .truncatedTag: "truncated tag"
        case .tagTooLong: "tag longer than 4 bytes"
        case .truncatedLength: "truncated length"
        case .indefiniteLength: "indefinite length is not allowed"
        case .lengthFieldTooLong(let bytes): "length field of \(bytes) bytes"
        case .valueTruncated(let length, let available): "length \(length) exceeds the \(available) bytes left"
        case .nestingTooDeep(let limit): "objects nested deeper than \(limit)"
        }
    }

    /// `offset N: reason`
    public var description: String { "offset \(offset): \(reasonText)" }
}
