/// The ECDH Generic Mapping of PACE (ICAO 9303-11 §4.4.3.3.1), the same for terminal and chip:
/// each side sends a mapping key, both compute G̃ = s·G + SKmap·PKmap(other), then agree on an
/// ephemeral key pair over G̃. Coordinates on the wire are left-padded to the field size.
/// Not thread-safe; one per PACE run.
final class ECDHGenericMapping {
    let curve: ECCurve
    private var mappingKey: ECScalar?
    private var mappedGenerator: ECPoint?
    private var ephemeralKey: ECScalar?
    /// This side's ephemeral public key once generated (the token of the other side covers it).
    private(set) var ephemeralPublicKey: [UInt8]?

    /// A mapping on the curve of `parameters`.
    init(_ parameters: StandardizedDomainParameters) throws(EIDCryptoError) {
        curve = try ECCurve(parameters)
    }

    /// Step 2, first half: chooses SKmap and returns PKmap = SKmap·G encoded.
    func makeMappingKey(_ random: inout some RandomSource) throws(EIDCryptoError) -> [UInt8] {
        let key = try curve.randomScalar(&random)
        mappingKey = key
        return try curve.encode(curve.multiply(curve.generator(), by: key))
    }

    /// Step 2, second half: G̃ = s·G + SKmap·PKmap(other); fails when the other key is invalid or
    /// equals no point on the curve. Returns G̃ encoded (for tests and logs of public values).
    @discardableResult
    func map(nonce: [UInt8], otherMappingKey: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        guard let mappingKey else { throw .openSSL(operation: "mapping key missing") }
        let other = try curve.decodePoint(otherMappingKey)
        let shared = try curve.multiply(other, by: mappingKey)
        let nonceScalar = try curve.scalar(nonce)
        let sG = try curve.multiply(curve.generator(), by: nonceScalar)
        let generator = try curve.add(sG, shared)
        mappedGenerator = generator
        self.mappingKey = nil
        return try curve.encode(generator)
    }

    /// Step 3, first half: chooses the ephemeral key and returns PK = SK·G̃ encoded.
    func makeEphemeralKey(_ random: inout some RandomSource) throws(EIDCryptoError) -> [UInt8] {
        guard let mappedGenerator else { throw .openSSL(operation: "mapped generator missing") }
        let key = try curve.randomScalar(&random)
        ephemeralKey = key
        let encoded = try curve.encode(curve.multiply(mappedGenerator, by: key))
        ephemeralPublicKey = encoded
        return encoded
    }

    /// Step 3, second half: the shared secret K = x(SK·PK(other)). The other key must differ
    /// from ours (TR-03110-2 §3.4.1 check against reflection).
    func sharedSecret(otherEphemeralKey: [UInt8]) throws(EIDCryptoError) -> [UInt8] {
        guard let ephemeralKey else { throw .openSSL(operation: "ephemeral key missing") }
        guard otherEphemeralKey != ephemeralPublicKey else { throw .invalidPoint }
        let other = try curve.decodePoint(otherEphemeralKey)
        let secret = try curve.xCoordinate(curve.multiply(other, by: ephemeralKey))
        self.ephemeralKey = nil
        return secret
    }
}
