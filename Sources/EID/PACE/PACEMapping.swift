/// A PACE Generic Mapping, the same on terminal and chip: each side sends a mapping key, both
/// map the nonce to a new generator, then agree on ephemeral keys over it. ECDH
/// (``ECDHGenericMapping``, IDs 8–18) and DH (``DHGenericMapping``, IDs 0–2) conform.
protocol PACEMapping: AnyObject {
    /// The tag of the ephemeral public key inside the token's `7F49` (86 for ECDH, 84 for DH).
    var publicKeyTag: UInt32 { get }
    /// This side's ephemeral public key once generated.
    var ephemeralPublicKey: [UInt8]? { get }
    /// Step 2, first half: this side's mapping public key.
    func makeMappingKey(_ random: inout some RandomSource) throws(EIDCryptoError) -> [UInt8]
    /// Step 2, second half: maps the nonce with the other side's mapping key.
    @discardableResult
    func map(nonce: [UInt8], otherMappingKey: [UInt8]) throws(EIDCryptoError) -> [UInt8]
    /// Step 3, first half: this side's ephemeral public key.
    func makeEphemeralKey(_ random: inout some RandomSource) throws(EIDCryptoError) -> [UInt8]
    /// Step 3, second half: the shared secret K.
    func sharedSecret(otherEphemeralKey: [UInt8]) throws(EIDCryptoError) -> [UInt8]
}

extension ECDHGenericMapping: PACEMapping {
    var publicKeyTag: UInt32 { 0x86 }
}

/// The Generic Mapping for `parameters`: ECDH on the curves, DH on the MODP groups.
func genericMapping(_ parameters: StandardizedDomainParameters) throws(EIDCryptoError) -> any PACEMapping {
    parameters.isEllipticCurve ? try ECDHGenericMapping(parameters) : try DHGenericMapping(parameters)
}
