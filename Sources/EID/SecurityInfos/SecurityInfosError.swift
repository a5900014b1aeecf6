public import DeviceCore

/// Why EF.CardAccess or EF.CardSecurity bytes are not valid SecurityInfos, and where (the
/// absolute offset of the offending byte or object in the file).
public struct SecurityInfosError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Hashable {
        /// The BER-TLV structure itself is broken.
        case encoding(BERTLVError.Reason)
        /// Another tag was expected here.
        case unexpectedTag(expected: UInt32, found: UInt32)
        /// An INTEGER is empty, negative or too large for the field.
        case invalidInteger
        /// An OBJECT IDENTIFIER cannot be decoded.
        case invalidObjectIdentifier
        /// A string is not ASCII.
        case invalidString
        /// A required field is missing (named).
        case missingField(String)
        /// Bytes after the last object.
        case trailingBytes
    }

    /// What was wrong.
    public var reason: Reason
    /// The absolute offset in the file.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    init(_ error: BERTLVError) {
        self.init(.encoding(error.reason), offset: error.offset)
    }

    /// `SecurityInfos: offset N: …`
    public var description: String {
        let text = switch reason {
        case .encoding(let reason): BERTLVError(reason, offset: offset, objectOffset: offset).reasonText
        case .unexpectedTag(let expected, let found): "tag \(Hex.string(BERTLVEncoding.tagBytes(found))) where \(Hex.string(BERTLVEncoding.tagBytes(expected))) was expected"
        case .invalidInteger: "invalid INTEGER"
        case .invalidObjectIdentifier: "invalid OBJECT IDENTIFIER"
        case .invalidString: "string is not ASCII"
        case .missingField(let name): "\(name) is missing"
        case .trailingBytes: "bytes after the last object"
        }
        return "SecurityInfos: offset \(offset): \(text)"
    }
}
