internal import COpenSSL

/// One of the RFC 5114 MODP groups of PACE (parameter IDs 0–2) with the modular arithmetic DH
/// Generic Mapping needs, all in libcrypto: p, q and g from OpenSSL's named groups
/// (`dh_1024_160`, `dh_2048_224`, `dh_2048_256`), exponentiation with constant-time secret
/// exponents. Not thread-safe (it owns a `BN_CTX`): use one per PACE run.
final class DHGroup {
    private let context: OpaquePointer
    let prime: DHNumber
    let order: DHNumber
    let generator: DHNumber
    private let primeMinusOne: DHNumber
    /// The length of p in bytes: the width of every public value and of the shared secret.
    let byteLength: Int

    /// The group of `parameters`; fails for the elliptic curves.
    init(_ parameters: StandardizedDomainParameters) throws(EIDCryptoError) {
        let name = switch parameters {
        case .modp1024: "dh_1024_160"
        case .modp2048_224: "dh_2048_224"
        case .modp2048_256: "dh_2048_256"
        default: ""
        }
        guard !name.isEmpty else { throw .openSSL(operation: "DH group for \(parameters)") }
        guard let context = BN_CTX_new() else { throw .openSSL(operation: "BN_CTX_new") }
        self.context = context
        var (p, q, g): (OpaquePointer?, OpaquePointer?, OpaquePointer?) = (nil, nil, nil)
        guard let parameterContext = EVP_PKEY_CTX_new_from_name(nil, "DH", nil) else {
            BN_CTX_free(context)
            throw .openSSL(operation: "EVP_PKEY_CTX_new_from_name(DH)")
        }
        defer { EVP_PKEY_CTX_free(parameterContext) }
        var groupName = Array(name.utf8CString)
        var key: OpaquePointer?
        let generated = groupName.withUnsafeMutableBufferPointer { nameBytes -> Bool in
            var params = [OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, nameBytes.baseAddress, 0), OSSL_PARAM_construct_end()]
            return EVP_PKEY_paramgen_init(parameterContext) == 1 && EVP_PKEY_CTX_set_params(parameterContext, &params) == 1
                && EVP_PKEY_generate(parameterContext, &key) == 1
        }
        defer { EVP_PKEY_free(key) }
        guard generated, let key, EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_FFC_P, &p) == 1,
              EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_FFC_Q, &q) == 1, EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_FFC_G, &g) == 1,
              let p, let q, let g, let pMinusOne = BN_dup(p)
        else {
            BN_free(p)
            BN_free(q)
            BN_free(g)
            BN_CTX_free(context)
            throw .openSSL(operation: "EVP_PKEY_get_bn_param(\(name))")
        }
        prime = DHNumber(p)
        order = DHNumber(q)
        generator = DHNumber(g)
        primeMinusOne = DHNumber(pMinusOne)
        byteLength = (Int(BN_num_bits(p)) + 7) / 8
        guard BN_sub_word(pMinusOne, 1) == 1 else { throw .openSSL(operation: "BN_sub_word") }
    }

    deinit { BN_CTX_free(context) }

    /// `base ^ exponent mod p`, the exponent treated as secret (constant time).
    func power(_ base: DHNumber, _ exponent: DHNumber) throws(EIDCryptoError) -> DHNumber {
        guard let result = BN_new() else { throw .openSSL(operation: "BN_new") }
        let number = DHNumber(result)
        BN_set_flags(exponent.number, Int32(BN_FLG_CONSTTIME))
        guard BN_mod_exp(result, base.number, exponent.number, prime.number, context) == 1 else { throw .openSSL(operation: "BN_mod_exp") }
        return number
    }

    /// `left · right mod p`.
    func multiply(_ left: DHNumber, _ right: DHNumber) throws(EIDCryptoError) -> DHNumber {
        guard let result = BN_new() else { throw .openSSL(operation: "BN_new") }
        let number = DHNumber(result)
        guard BN_mod_mul(result, left.number, right.number, prime.number, context) == 1 else { throw .openSSL(operation: "BN_mod_mul") }
        return number
    }

    /// A public value from its big-endian encoding of ``byteLength`` bytes, checked to lie in
    /// 2 … p−2 and in the subgroup of order q (y^q = 1), as TR-03110 requires.
    func decodePublic(_ bytes: [UInt8]) throws(EIDCryptoError) -> DHNumber {
        guard bytes.count == byteLength else { throw .invalidPoint }
        let value = try number(bytes)
        guard BN_is_zero(value.number) == 0, BN_is_one(value.number) == 0, BN_cmp(value.number, primeMinusOne.number) < 0 else {
            throw .invalidPoint
        }
        let check = try power(value, order)
        guard BN_is_one(check.number) == 1 else { throw .invalidPoint }
        return value
    }

    /// A number from big-endian bytes (secure heap: nonces and keys).
    func number(_ bytes: [UInt8]) throws(EIDCryptoError) -> DHNumber {
        guard let number = BN_secure_new() else { throw .openSSL(operation: "BN_secure_new") }
        let result = DHNumber(number)
        guard bytes.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), number) }) != nil else {
            throw .openSSL(operation: "BN_bin2bn")
        }
        return result
    }

    /// The big-endian encoding, left-padded to ``byteLength``.
    func encode(_ number: DHNumber) throws(EIDCryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: byteLength)
        let written = output.withUnsafeMutableBufferPointer { BN_bn2binpad(number.number, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(byteLength) else { throw .openSSL(operation: "BN_bn2binpad") }
        return output
    }

    /// A private exponent uniform in 1 ..< q by rejection sampling (as ``ECCurve/randomScalar(_:)``).
    func randomExponent(_ random: inout some RandomSource) throws(EIDCryptoError) -> DHNumber {
        let bits = Int(BN_num_bits(order.number))
        let length = (bits + 7) / 8
        for _ in 0..<64 {
            var bytes = try random.bytes(count: length)
            defer { wipe(&bytes) }
            guard bytes.count == length else { throw .randomSourceFailed }
            bytes[0] &= UInt8(0xFF >> (length * 8 - bits))
            let candidate = try number(bytes)
            if BN_is_zero(candidate.number) == 0, BN_cmp(candidate.number, order.number) < 0 { return candidate }
        }
        throw .randomSourceFailed
    }
}

/// A `BIGNUM`, cleared and freed with its owner.
final class DHNumber {
    let number: OpaquePointer
    init(_ number: OpaquePointer) { self.number = number }
    deinit { BN_clear_free(number) }
}
