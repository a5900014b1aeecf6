internal import COpenSSL

/// The MACs of PACE tokens and secure messaging: AES-CMAC (libcrypto `EVP_MAC` "CMAC") and, for
/// 3DES, ISO/IEC 9797-1 MAC algorithm 3 with DES (the "retail MAC"). Both cut to 8 bytes.
enum MessageAuthentication {
    /// ISO/IEC 9797-1 padding method 2: `80` then zeros to the block size.
    static func pad(_ data: [UInt8], blockSize: Int) -> [UInt8] {
        var padded = data + [0x80]
        while padded.count % blockSize != 0 { padded.append(0) }
        return padded
    }

    /// The 8-byte MAC of `data` (unpadded for AES, which CMAC pads itself; callers pad 3DES input).
    static func mac(_ cipher: SessionCipher, key: [UInt8], data: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        guard key.count == cipher.keyLength else { throw .wrongKeyLength(length: key.count, expected: cipher.keyLength) }
        switch cipher {
        case .tripleDES: return try retailMAC(key: key, paddedData: data)
        case .aes128, .aes192, .aes256: return Array(try cmac(cipher, key: key, data: data).prefix(8))
        }
    }

    private static func retailMAC(key: [UInt8], paddedData: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        let k1 = Array(key.prefix(8))
        let k2 = Array(key.suffix(8))
        let chain = try BlockCipher.singleDES(key: k1, mode: .cbc, data: paddedData, encrypt: true)
        let last = Array(chain.suffix(8))
        let decrypted = try BlockCipher.singleDES(key: k2, mode: .ecb, data: last, encrypt: false)
        return try BlockCipher.singleDES(key: k1, mode: .ecb, data: decrypted, encrypt: true)
    }

    private static func cmac(_ cipher: SessionCipher, key: [UInt8], data: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        guard let mac = EVP_MAC_fetch(nil, "CMAC", nil) else { throw .openSSL(operation: "EVP_MAC_fetch(CMAC)") }
        defer { EVP_MAC_free(mac) }
        guard let context = EVP_MAC_CTX_new(mac) else { throw .openSSL(operation: "EVP_MAC_CTX_new") }
        defer { EVP_MAC_CTX_free(context) }
        var cipherName = Array("AES-\(cipher.keyLength * 8)-CBC".utf8CString)
        var output = [UInt8](repeating: 0, count: 16)
        var written = 0
        let ok = cipherName.withUnsafeMutableBufferPointer { name -> Bool in
            var params = [OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, name.baseAddress, 0), OSSL_PARAM_construct_end()]
            return key.withUnsafeBufferPointer { keyBytes in
                data.withUnsafeBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { out in
                        EVP_MAC_init(context, keyBytes.baseAddress, keyBytes.count, &params) == 1
                            && EVP_MAC_update(context, input.baseAddress, input.count) == 1
                            && EVP_MAC_final(context, out.baseAddress, &written, out.count) == 1
                    }
                }
            }
        }
        guard ok else { throw .openSSL(operation: "EVP_MAC (CMAC)") }
        return Array(output.prefix(written))
    }
}
