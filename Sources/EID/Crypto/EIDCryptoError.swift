/// Why a cryptographic step of PACE or secure messaging failed. Never carries key material or
/// plaintext: only the operation and, for points, where they came from.
public enum EIDCryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libcrypto refused an operation (`operation` names the OpenSSL call).
    case openSSL(operation: String)
    /// A point received from the other side is malformed or not on the curve.
    case invalidPoint
    /// A point is the point at infinity (not allowed as a public key).
    case pointAtInfinity
    /// Input for a block cipher is not a multiple of the block size.
    case notBlockAligned(length: Int, blockSize: Int)
    /// A key has the wrong length for the cipher.
    case wrongKeyLength(length: Int, expected: Int)
    /// The secure random source failed.
    case randomSourceFailed

    /// What went wrong, without secrets.
    public var description: String {
        switch self {
        case .openSSL(let operation): "libcrypto failed in \(operation)"
        case .invalidPoint: "the card sent a point that is not on the curve"
        case .pointAtInfinity: "the card sent the point at infinity"
        case .notBlockAligned(let length, let blockSize): "\(length) bytes are not a multiple of the \(blockSize)-byte block"
        case .wrongKeyLength(let length, let expected): "key of \(length) bytes, \(expected) expected"
        case .randomSourceFailed: "the secure random source failed"
        }
    }
}
