/// ICAO 9303-11 §9.7.1 / TR-03110-3 A.2.3 key derivation: KDF(K, c) = H(K ‖ c), c big-endian
/// 32-bit, cut to the cipher's key length; 3DES keys get odd DES parity.
public enum KeyDerivation {
    /// The counter values of the KDF.
    public enum Purpose: UInt32, Sendable {
        /// Encryption key (KSenc).
        case encryption = 1
        /// MAC key (KSmac).
        case mac = 2
        /// The PACE password key Kπ.
        case password = 3
    }

    /// KDF(`secret`, `purpose`) for `cipher`.
    public static func derive(_ secret: [UInt8], purpose: Purpose, cipher: SessionCipher) throws(EIDCryptoError) -> [UInt8] {
        let counter = purpose.rawValue
        var input = secret + [UInt8(counter >> 24), UInt8((counter >> 16) & 0xFF), UInt8((counter >> 8) & 0xFF), UInt8(counter & 0xFF)]
        defer { wipe(&input) }
        var digest = try cipher.kdfDigest.hash(input)
        defer { wipe(&digest) }
        var key = Array(digest.prefix(cipher.keyLength))
        if cipher == .tripleDES { key = key.map(withOddParity) }
        return key
    }

    /// `byte` with its lowest bit set so that the byte has odd parity (DES key parity).
    static func withOddParity(_ byte: UInt8) -> UInt8 {
        let high = byte & 0xFE
        return high.nonzeroBitCount % 2 == 0 ? high | 1 : high
    }
}
