/// The session keys PACE agrees on (KSenc, KSmac) with their cipher. Never printed: the
/// ``description`` names only the cipher. ``wipe()`` clears them once the channel ends.
public struct SessionKeys: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The cipher of the secure channel.
    public let cipher: SessionCipher
    /// KSenc.
    var encryptionKey: [UInt8]
    /// KSmac.
    var macKey: [UInt8]

    /// Keys from their parts (PACE on both sides, tests with published vectors).
    init(cipher: SessionCipher, encryptionKey: [UInt8], macKey: [UInt8]) {
        self.cipher = cipher
        self.encryptionKey = encryptionKey
        self.macKey = macKey
    }

    /// KSenc and KSmac derived from the shared secret K (KDF counters 1 and 2).
    init(cipher: SessionCipher, sharedSecret: [UInt8]) throws(EIDCryptoError) {
        self.init(cipher: cipher, encryptionKey: try KeyDerivation.derive(sharedSecret, purpose: .encryption, cipher: cipher),
                  macKey: try KeyDerivation.derive(sharedSecret, purpose: .mac, cipher: cipher))
    }

    /// Overwrites both keys with zeros.
    public mutating func wipe() {
        EID.wipe(&encryptionKey)
        EID.wipe(&macKey)
    }

    /// `AES-128 session keys (redacted)`.
    public var description: String { "\(cipher) session keys (redacted)" }
    /// As ``description``.
    public var debugDescription: String { description }
    /// Only the cipher, so `dump` and debuggers show no key.
    public var customMirror: Mirror { Mirror(self, children: ["cipher": cipher]) }
}
