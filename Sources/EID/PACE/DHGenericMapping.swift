/// The DH Generic Mapping of PACE (ICAO 9303-11 §4.4.3.3.1) on the RFC 5114 groups, the same for
/// terminal and chip: g̃ = g^s · h with h = PKmap(other)^SKmap, then ephemeral keys over g̃.
/// Public values on the wire are left-padded to the length of p. Not thread-safe; one per run.
final class DHGenericMapping: PACEMapping {
    let group: DHGroup
    private var mappingKey: DHNumber?
    private var mappedGenerator: DHNumber?
    private var ephemeralKey: DHNumber?
    private(set) var ephemeralPublicKey: [UInt8]?
    /// DH public keys are data object 84 inside `7F49`.
    var publicKeyTag: UInt32 { 0x84 }

    /// A mapping in the group of `parameters`.
    init(_ parameters: StandardizedDomainParameters) throws(EIDCryptoError) {
        group = try DHGroup(parameters)
    }

    func makeMappingKey(_ random: inout some RandomSource) throws(EIDCryptoError) -> [UInt8] {
        let key = try group.randomExponent(&random)
        mappingKey = key
        return try group.encode(group.power(group.generator, key))
    }

    @discardableResult
    func map(nonce: [UInt8], otherMappingKey: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        guard let mappingKey else { throw .openSSL(operation: "mapping key missing") }
        let other = try group.decodePublic(otherMappingKey)
        let shared = try group.power(other, mappingKey)
        let generator = try group.multiply(group.power(group.generator, group.number(nonce)), shared)
        let encoded = try group.encode(generator)
        // A mapped generator of 0 or 1 would make every key trivial (the DH "point at infinity").
        let isTrivial = encoded.dropLast().allSatisfy { $0 == 0 } && (encoded.last ?? 0) <= 1
        guard !isTrivial else { throw .pointAtInfinity }
        mappedGenerator = generator
        self.mappingKey = nil
        return encoded
    }

    func makeEphemeralKey(_ random: inout some RandomSource) throws(EIDCryptoError) -> [UInt8] {
        guard let mappedGenerator else { throw .openSSL(operation: "mapped generator missing") }
        let key = try group.randomExponent(&random)
        ephemeralKey = key
        let encoded = try group.encode(group.power(mappedGenerator, key))
        ephemeralPublicKey = encoded
        return encoded
    }

    /// K = PK(other)^SK mod p; the other key must differ from ours and lie in the subgroup.
    func sharedSecret(otherEphemeralKey: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        guard let ephemeralKey else { throw .openSSL(operation: "ephemeral key missing") }
        guard otherEphemeralKey != ephemeralPublicKey else { throw .invalidPoint }
        let other = try group.decodePublic(otherEphemeralKey)
        let secret = try group.encode(group.power(other, ephemeralKey))
        self.ephemeralKey = nil
        return secret
    }
}
