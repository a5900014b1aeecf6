/// The block ciphers of PACE and secure messaging (the last arc of a PACE OID).
public enum SessionCipher: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Two-key 3DES (112-bit), ISO 9797-1 MAC algorithm 3.
    case tripleDES
    /// AES with a 128-bit key, CMAC.
    case aes128
    /// AES with a 192-bit key, CMAC.
    case aes192
    /// AES with a 256-bit key, CMAC.
    case aes256

    /// The key length in bytes (16 for two-key 3DES).
    public var keyLength: Int {
        switch self {
        case .tripleDES, .aes128: 16
        case .aes192: 24
        case .aes256: 32
        }
    }

    /// The block size in bytes.
    public var blockSize: Int { self == .tripleDES ? 8 : 16 }

    /// The hash the key derivation uses for this cipher.
    public var kdfDigest: DigestAlgorithm {
        switch self {
        case .tripleDES, .aes128: .sha1
        case .aes192, .aes256: .sha256
        }
    }

    /// `3DES`, `AES-128`, …
    public var description: String {
        switch self {
        case .tripleDES: "3DES"
        case .aes128: "AES-128"
        case .aes192: "AES-192"
        case .aes256: "AES-256"
        }
    }
}
