internal import COpenSSL

/// One standardized elliptic curve as a libcrypto `EC_GROUP`, with the point and scalar
/// operations PACE needs. Not thread-safe (it owns a `BN_CTX`): use one per PACE run.
final class ECCurve {
    let group: OpaquePointer
    let context: OpaquePointer
    let order: OpaquePointer
    /// The field size in bytes: the width of every coordinate on the wire.
    let fieldSize: Int
    /// The parameters this curve stands for.
    let parameters: StandardizedDomainParameters

    /// The curve of `parameters`; fails for the MODP groups.
    init(_ parameters: StandardizedDomainParameters) throws(EIDCryptoError) {
        guard let nid = Self.nid(parameters) else { throw .openSSL(operation: "EC_GROUP_new_by_curve_name(\(parameters))") }
        guard let group = EC_GROUP_new_by_curve_name(nid) else { throw .openSSL(operation: "EC_GROUP_new_by_curve_name") }
        guard let context = BN_CTX_new() else {
            EC_GROUP_free(group)
            throw .openSSL(operation: "BN_CTX_new")
        }
        guard let order = BN_new() else {
            BN_CTX_free(context)
            EC_GROUP_free(group)
            throw .openSSL(operation: "BN_new")
        }
        self.group = group
        self.context = context
        self.order = order
        self.parameters = parameters
        fieldSize = (Int(EC_GROUP_get_degree(group)) + 7) / 8
        guard EC_GROUP_get_order(group, order, context) == 1 else { throw .openSSL(operation: "EC_GROUP_get_order") }
    }

    deinit {
        BN_free(order)
        BN_CTX_free(context)
        EC_GROUP_free(group)
    }

    private static func nid(_ parameters: StandardizedDomainParameters) -> Int32? {
        switch parameters {
        case .modp1024, .modp2048_224, .modp2048_256: nil
        case .p192: NID_X9_62_prime192v1
        case .brainpoolP192r1: NID_brainpoolP192r1
        case .p224: NID_secp224r1
        case .brainpoolP224r1: NID_brainpoolP224r1
        case .p256: NID_X9_62_prime256v1
        case .brainpoolP256r1: NID_brainpoolP256r1
        case .brainpoolP320r1: NID_brainpoolP320r1
        case .p384: NID_secp384r1
        case .brainpoolP384r1: NID_brainpoolP384r1
        case .brainpoolP512r1: NID_brainpoolP512r1
        case .p521: NID_secp521r1
        }
    }

    /// The curve's own generator.
    func generator() throws(EIDCryptoError) -> ECPoint {
        guard let base = EC_GROUP_get0_generator(group), let copy = EC_POINT_dup(base, group) else { throw .openSSL(operation: "EC_POINT_dup") }
        return ECPoint(copy)
    }

    /// A point from its uncompressed encoding `04 X Y` (coordinates of exactly ``fieldSize``
    /// bytes), checked to lie on the curve and not to be the point at infinity.
    func decodePoint(_ bytes: [UInt8]) throws(EIDCryptoError) -> ECPoint {
        guard bytes.count == 1 + 2 * fieldSize, bytes.first == 0x04 else { throw .invalidPoint }
        guard let point = EC_POINT_new(group) else { throw .openSSL(operation: "EC_POINT_new") }
        let result = ECPoint(point)
        let decoded = bytes.withUnsafeBufferPointer { EC_POINT_oct2point(group, point, $0.baseAddress, $0.count, context) }
        guard decoded == 1, EC_POINT_is_on_curve(group, point, context) == 1 else { throw .invalidPoint }
        guard EC_POINT_is_at_infinity(group, point) == 0 else { throw .pointAtInfinity }
        return result
    }

    /// The uncompressed encoding `04 X Y`, coordinates left-padded to ``fieldSize``.
    func encode(_ point: ECPoint) throws(EIDCryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 1 + 2 * fieldSize)
        let written = output.withUnsafeMutableBufferPointer {
            EC_POINT_point2oct(group, point.pointer, POINT_CONVERSION_UNCOMPRESSED, $0.baseAddress, $0.count, context)
        }
        guard written == output.count else { throw .openSSL(operation: "EC_POINT_point2oct") }
        return output
    }

    /// The x-coordinate of `point`, left-padded to ``fieldSize`` (the ECDH shared secret).
    func xCoordinate(_ point: ECPoint) throws(EIDCryptoError) -> [UInt8] {
        Array(try encode(point).dropFirst().prefix(fieldSize))
    }

    /// `scalar · point`.
    func multiply(_ point: ECPoint, by scalar: ECScalar) throws(EIDCryptoError) -> ECPoint {
        guard let result = EC_POINT_new(group) else { throw .openSSL(operation: "EC_POINT_new") }
        let product = ECPoint(result)
        guard EC_POINT_mul(group, result, nil, point.pointer, scalar.number, context) == 1 else { throw .openSSL(operation: "EC_POINT_mul") }
        guard EC_POINT_is_at_infinity(group, result) == 0 else { throw .pointAtInfinity }
        return product
    }

    /// `left + right`.
    func add(_ left: ECPoint, _ right: ECPoint) throws(EIDCryptoError) -> ECPoint {
        guard let result = EC_POINT_new(group) else { throw .openSSL(operation: "EC_POINT_new") }
        let sum = ECPoint(result)
        guard EC_POINT_add(group, result, left.pointer, right.pointer, context) == 1 else { throw .openSSL(operation: "EC_POINT_add") }
        guard EC_POINT_is_at_infinity(group, result) == 0 else { throw .pointAtInfinity }
        return sum
    }

    /// A scalar from big-endian bytes, reduced modulo the group order; zero is refused.
    func scalar(_ bytes: [UInt8]) throws(EIDCryptoError) -> ECScalar {
        guard let number = BN_secure_new() else { throw .openSSL(operation: "BN_secure_new") }
        let scalar = ECScalar(number)
        let converted = bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), number) }
        guard converted != nil, BN_nnmod(number, number, order, context) == 1 else { throw .openSSL(operation: "BN_nnmod") }
        guard BN_is_zero(number) == 0 else { throw .openSSL(operation: "scalar is zero") }
        return scalar
    }

    /// A fresh private key from `random`, uniform in 1 ..< order: candidates of the order's byte
    /// length, masked to its bit length, are drawn until one lies below the order (rejection
    /// sampling; reducing a field-size value modulo the order would bias the key).
    func randomScalar(_ random: inout some RandomSource) throws(EIDCryptoError) -> ECScalar {
        let orderBits = Int(BN_num_bits(order))
        let orderBytes = (orderBits + 7) / 8
        let excessBits = orderBytes * 8 - orderBits
        for _ in 0..<Self.maximumKeyDraws {
            var bytes = try random.bytes(count: orderBytes)
            defer { wipe(&bytes) }
            guard bytes.count == orderBytes else { throw .randomSourceFailed }
            bytes[0] &= UInt8(0xFF >> excessBits)
            guard let number = BN_secure_new() else { throw .openSSL(operation: "BN_secure_new") }
            let candidate = ECScalar(number)
            let converted = bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), number) }
            guard converted != nil else { throw .openSSL(operation: "BN_bin2bn") }
            if BN_is_zero(number) == 0, BN_cmp(number, order) < 0 { return candidate }
        }
        throw .randomSourceFailed
    }

    /// Draws before giving up on the random source; each draw is accepted with probability
    /// above 1/2, so 64 failures mean the source is broken, not unlucky.
    private static let maximumKeyDraws = 64
}

/// An `EC_POINT`, freed with its owner.
final class ECPoint {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { EC_POINT_clear_free(pointer) }
}

/// A secret scalar (`BIGNUM` from the secure heap), cleared when freed.
final class ECScalar {
    let number: OpaquePointer
    init(_ number: OpaquePointer) { self.number = number }
    deinit { BN_clear_free(number) }
}
