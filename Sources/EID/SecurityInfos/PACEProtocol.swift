/// A PACE protocol as named by its OID `id-PACE` (0.4.0.127.0.7.2.2.4) `.mapping.cipher`:
/// DH or ECDH × Generic, Integrated or Chip Authentication Mapping × 3DES or AES.
public struct PACEProtocol: Sendable, Hashable, CustomStringConvertible {
    /// Diffie-Hellman over a MODP group or over an elliptic curve.
    public enum KeyAgreement: Sendable, Hashable {
        /// Diffie-Hellman (parameter IDs 0–2).
        case dh
        /// Elliptic-curve Diffie-Hellman (parameter IDs 8–18).
        case ecdh
    }

    /// How the nonce is mapped to the ephemeral generator.
    public enum Mapping: Sendable, Hashable {
        /// Generic Mapping.
        case generic
        /// Integrated Mapping.
        case integrated
        /// Chip Authentication Mapping (ECDH only).
        case chipAuthentication
    }

    /// DH or ECDH.
    public var keyAgreement: KeyAgreement
    /// GM, IM or CAM.
    public var mapping: Mapping
    /// The cipher of the session keys.
    public var cipher: SessionCipher

    /// A protocol from its parts.
    public init(keyAgreement: KeyAgreement, mapping: Mapping, cipher: SessionCipher) {
        self.keyAgreement = keyAgreement
        self.mapping = mapping
        self.cipher = cipher
    }

    static let idPACE: [UInt64] = ASN1OID.bsiProtocols + [4]

    /// The protocol an OID names, or `nil` when it is no standardized PACE protocol.
    public init?(oid: ASN1OID) {
        guard oid.isUnder(Self.idPACE, extraArcs: 2) else { return nil }
        let (mappingArc, cipherArc) = (oid.arcs[oid.arcs.count - 2], oid.arcs[oid.arcs.count - 1])
        switch mappingArc {
        case 1: (keyAgreement, mapping) = (.dh, .generic)
        case 2: (keyAgreement, mapping) = (.ecdh, .generic)
        case 3: (keyAgreement, mapping) = (.dh, .integrated)
        case 4: (keyAgreement, mapping) = (.ecdh, .integrated)
        case 6: (keyAgreement, mapping) = (.ecdh, .chipAuthentication)
        default: return nil
        }
        switch cipherArc {
        case 1: cipher = .tripleDES
        case 2: cipher = .aes128
        case 3: cipher = .aes192
        case 4: cipher = .aes256
        default: return nil
        }
        // CAM is defined for AES only.
        if mapping == .chipAuthentication, cipher == .tripleDES { return nil }
    }

    /// The mapping arc of the OID.
    var mappingArc: UInt64 {
        switch (keyAgreement, mapping) {
        case (.dh, .generic): 1
        case (.ecdh, .generic): 2
        case (.dh, .integrated): 3
        case (.ecdh, .integrated): 4
        case (_, .chipAuthentication): 6
        }
    }

    /// The protocol's OID (`04 00 7F 00 07 02 02 04 02 02` for ECDH-GM AES-128).
    public var oid: ASN1OID {
        let cipherArc: UInt64 = switch cipher {
        case .tripleDES: 1
        case .aes128: 2
        case .aes192: 3
        case .aes256: 4
        }
        return ASN1OID(known: Self.idPACE + [mappingArc, cipherArc])
    }

    /// `ECDH-GM AES-128`.
    public var description: String {
        let agreement = keyAgreement == .dh ? "DH" : "ECDH"
        let mapping = switch mapping {
        case .generic: "GM"
        case .integrated: "IM"
        case .chipAuthentication: "CAM"
        }
        return "\(agreement)-\(mapping) \(cipher)"
    }
}
