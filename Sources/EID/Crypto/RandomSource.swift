internal import COpenSSL

/// Where PACE takes its random nonces and ephemeral private keys from. Injectable so that tests
/// can replay worked examples; ``SystemRandomSource`` is the cryptographically secure default.
public protocol RandomSource {
    /// `count` random bytes.
    mutating func bytes(count: Int) throws(EIDCryptoError) -> [UInt8]
}

/// libcrypto's CSPRNG (`RAND_bytes`), the default random source. Thread-safe.
public struct SystemRandomSource: RandomSource, Sendable {
    /// The system random source.
    public init() {}

    /// `count` bytes from `RAND_bytes`.
    public mutating func bytes(count: Int) throws(EIDCryptoError) -> [UInt8] {
        guard count > 0 else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        let ok = output.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        guard ok == 1 else { throw .randomSourceFailed }
        return output
    }
}
