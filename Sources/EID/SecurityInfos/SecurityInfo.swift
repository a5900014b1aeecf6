/// A domain-parameter ID: one of the standardized ones, or a proprietary number (32–255 per
/// TR-03110-3, defined by a PACEDomainParameterInfo on the same card).
public enum PACEDomainParameterID: Sendable, Hashable, CustomStringConvertible {
    /// IDs 0–2 and 8–18.
    case standardized(StandardizedDomainParameters)
    /// Any other ID.
    case other(Int)

    /// The ID from its number.
    public init(_ value: Int) {
        self = StandardizedDomainParameters(rawValue: value).map(Self.standardized) ?? .other(value)
    }

    /// The number on the wire.
    public var rawValue: Int {
        switch self {
        case .standardized(let parameters): parameters.rawValue
        case .other(let value): value
        }
    }

    /// `13 (brainpoolP256r1)` or `42`.
    public var description: String {
        switch self {
        case .standardized(let parameters): "\(parameters.rawValue) (\(parameters))"
        case .other(let value): "\(value)"
        }
    }
}

/// PACEInfo (ICAO 9303-11 §9.2.1): a PACE protocol the chip supports.
public struct PACEInfo: Sendable, Hashable {
    /// The protocol (from the OID).
    public var protocolType: PACEProtocol
    /// The protocol version (2 on current documents).
    public var version: Int
    /// The domain parameters, when the card names them.
    public var parameterID: PACEDomainParameterID?

    /// A PACEInfo from its fields (simulated cards, tests).
    public init(protocolType: PACEProtocol, version: Int = 2, parameterID: PACEDomainParameterID?) {
        self.protocolType = protocolType
        self.version = version
        self.parameterID = parameterID
    }
}

/// PACEDomainParameterInfo: explicit (proprietary) domain parameters for a PACE mapping.
public struct PACEDomainParameterInfo: Sendable, Hashable {
    /// The protocol OID (`id-PACE-ECDH-GM` and the like, without a cipher arc).
    public var protocolOID: ASN1OID
    /// The DER bytes of the AlgorithmIdentifier holding the parameters, kept unparsed.
    public var domainParameterDER: [UInt8]
    /// The ID PACEInfos refer to, when present.
    public var parameterID: Int?
}

/// ChipAuthenticationInfo (TR-03110-3 A.1.1.2): `id-CA-{DH,ECDH}-{3DES,AES…}`.
public struct ChipAuthenticationInfo: Sendable, Hashable {
    /// The protocol OID.
    public var protocolOID: ASN1OID
    /// DH or ECDH.
    public var keyAgreement: PACEProtocol.KeyAgreement
    /// The cipher of the session keys after CA.
    public var cipher: SessionCipher
    /// The CA version (1, 2 or 3).
    public var version: Int
    /// The key ID when several CA keys exist.
    public var keyID: Int?
}

/// TerminalAuthenticationInfo (TR-03110-3 A.1.1.3).
public struct TerminalAuthenticationInfo: Sendable, Hashable {
    /// The TA version (1 or 2).
    public var version: Int

    /// An info from its version.
    public init(version: Int) { self.version = version }
}

/// CardInfoLocator (TR-03110-3 A.1.1.7): where the card's CardInfo can be found.
public struct CardInfoLocator: Sendable, Hashable {
    /// The URL (an IA5String).
    public var url: String

    /// A locator from its URL.
    public init(url: String) { self.url = url }
}

/// One SecurityInfo of EF.CardAccess or EF.CardSecurity.
public enum SecurityInfo: Sendable, Hashable {
    /// PACEInfo.
    case pace(PACEInfo)
    /// PACEDomainParameterInfo.
    case paceDomainParameters(PACEDomainParameterInfo)
    /// ChipAuthenticationInfo.
    case chipAuthentication(ChipAuthenticationInfo)
    /// TerminalAuthenticationInfo.
    case terminalAuthentication(TerminalAuthenticationInfo)
    /// CardInfoLocator.
    case cardInfoLocator(CardInfoLocator)
    /// Any other SecurityInfo: its OID and the whole DER SEQUENCE, kept as is.
    case unknown(oid: ASN1OID, der: [UInt8])
}
