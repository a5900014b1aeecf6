internal import COpenSSL

/// Raw block encryption without padding (the callers pad with ISO 9797-1 method 2 themselves),
/// through libcrypto's EVP cipher API. One context per call, freed on every path.
enum BlockCipher {
    /// CBC or ECB.
    enum Mode { case cbc, ecb }

    /// Encrypts (`encrypt: true`) or decrypts `data` with `cipher` under `key`; `iv` defaults to zeros.
    static func apply(_ cipher: SessionCipher, mode: Mode = .cbc, key: [UInt8], iv: [UInt8]? = nil, data: [UInt8],
                      encrypt: Bool) throws(EIDCryptoError) -> [UInt8] {
        guard key.count == cipher.keyLength else { throw .wrongKeyLength(length: key.count, expected: cipher.keyLength) }
        guard data.count % cipher.blockSize == 0 else { throw .notBlockAligned(length: data.count, blockSize: cipher.blockSize) }
        var fullKey = key
        defer { wipe(&fullKey) }
        if cipher == .tripleDES { fullKey += key.prefix(8) }  // K1 K2 K1: three-key layout of two-key 3DES
        return try run(evpCipher(cipher, mode: mode), key: fullKey, iv: iv ?? [UInt8](repeating: 0, count: cipher.blockSize),
                       data: data, encrypt: encrypt)
    }

    /// Single DES as 3DES with K‖K‖K (OpenSSL 3 keeps single DES in the legacy provider); used by
    /// the ISO 9797-1 MAC algorithm 3.
    static func singleDES(key: [UInt8], mode: Mode, data: [UInt8], encrypt: Bool) throws(EIDCryptoError) -> [UInt8] {
        guard key.count == 8 else { throw .wrongKeyLength(length: key.count, expected: 8) }
        guard data.count % 8 == 0 else { throw .notBlockAligned(length: data.count, blockSize: 8) }
        var fullKey = key + key + key
        defer { wipe(&fullKey) }
        let evp = mode == .cbc ? EVP_des_ede3_cbc() : EVP_des_ede3_ecb()
        return try run(evp, key: fullKey, iv: [UInt8](repeating: 0, count: 8), data: data, encrypt: encrypt)
    }

    private static func evpCipher(_ cipher: SessionCipher, mode: Mode) -> OpaquePointer? {
        switch (cipher, mode) {
        case (.tripleDES, .cbc): EVP_des_ede3_cbc()
        case (.tripleDES, .ecb): EVP_des_ede3_ecb()
        case (.aes128, .cbc): EVP_aes_128_cbc()
        case (.aes128, .ecb): EVP_aes_128_ecb()
        case (.aes192, .cbc): EVP_aes_192_cbc()
        case (.aes192, .ecb): EVP_aes_192_ecb()
        case (.aes256, .cbc): EVP_aes_256_cbc()
        case (.aes256, .ecb): EVP_aes_256_ecb()
        }
    }

    private static func run(_ evp: OpaquePointer?, key: [UInt8], iv: [UInt8], data: [UInt8], encrypt: Bool) throws(EIDCryptoError) -> [UInt8] {
        guard let evp, let context = EVP_CIPHER_CTX_new() else { throw .openSSL(operation: "EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: data.count + 32)
        var written: Int32 = 0
        var finalWritten: Int32 = 0
        let ok = key.withUnsafeBufferPointer { keyBytes in
            iv.withUnsafeBufferPointer { ivBytes in
                data.withUnsafeBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { out -> Bool in
                        guard EVP_CipherInit_ex(context, evp, nil, keyBytes.baseAddress, ivBytes.baseAddress, encrypt ? 1 : 0) == 1,
                              EVP_CIPHER_CTX_set_padding(context, 0) == 1,
                              EVP_CipherUpdate(context, out.baseAddress, &written, input.baseAddress, Int32(input.count)) == 1,
                              let base = out.baseAddress,
                              EVP_CipherFinal_ex(context, base + Int(written), &finalWritten) == 1
                        else { return false }
                        return true
                    }
                }
            }
        }
        guard ok else {
            wipe(&output)
            throw .openSSL(operation: "EVP_Cipher")
        }
        return Array(output.prefix(Int(written + finalWritten)))
    }
}
