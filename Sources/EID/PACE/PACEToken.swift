internal import DeviceCore

/// PACE authentication tokens (ICAO 9303-11 §4.4.3.4): MAC(KSmac, `7F49 { 06 OID, 86|84 PK }`),
/// 8 bytes; PK is the *other* side's ephemeral public key.
public enum PACEToken {
    /// The public-key data object the token is computed over.
    /// `publicKeyTag` is 86 for an EC point, 84 for a DH public value.
    public static func input(protocolOID: [UInt8], publicKey: [UInt8], publicKeyTag: UInt32 = 0x86) -> [UInt8] {
        BERTLVEncoding.object(tag: 0x7F49, value: BERTLVEncoding.object(tag: 0x06, value: protocolOID)
            + BERTLVEncoding.object(tag: publicKeyTag, value: publicKey))
    }

    /// The 8-byte token for `publicKey` under `macKey`.
    public static func compute(cipher: SessionCipher, macKey: [UInt8], protocolOID: [UInt8], publicKey: [UInt8],
                               publicKeyTag: UInt32 = 0x86) throws(EIDCryptoError) -> [UInt8] {
        var data = input(protocolOID: protocolOID, publicKey: publicKey, publicKeyTag: publicKeyTag)
        if cipher == .tripleDES { data = MessageAuthentication.pad(data, blockSize: 8) }
        return try MessageAuthentication.mac(cipher, key: macKey, data: data)
    }
}
