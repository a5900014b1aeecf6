internal import COpenSSL

/// The hash functions PACE and BAC use, computed by libcrypto (`EVP_Digest`).
public enum DigestAlgorithm: Sendable, Hashable {
    /// SHA-1 (3DES and AES-128 key derivation, BAC).
    case sha1
    /// SHA-256 (AES-192 and AES-256 key derivation).
    case sha256

    /// The digest of `data`.
    public func hash(_ data: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        let md = switch self {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        }
        let ok = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &size, md, nil)
            }
        }
        guard ok == 1 else { throw .openSSL(operation: "EVP_Digest") }
        return Array(output.prefix(Int(size)))
    }
}
