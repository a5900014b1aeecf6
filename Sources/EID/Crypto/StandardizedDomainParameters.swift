/// The standardized domain parameter IDs of PACE (ICAO 9303-11 §9.5.1, TR-03110-3 A.2.1.1):
/// 0–2 the RFC 5114 MODP groups, 8–18 the NIST and Brainpool curves. Other IDs are kept as
/// their number (``PACEDomainParameterID/other(_:)``) by the SecurityInfos parser.
public enum StandardizedDomainParameters: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 1024-bit MODP group with 160-bit prime order subgroup (RFC 5114 §2.1).
    case modp1024 = 0
    /// 2048-bit MODP group with 224-bit prime order subgroup (RFC 5114 §2.2).
    case modp2048_224 = 1
    /// 2048-bit MODP group with 256-bit prime order subgroup (RFC 5114 §2.3).
    case modp2048_256 = 2
    /// NIST P-192 (secp192r1).
    case p192 = 8
    /// brainpoolP192r1.
    case brainpoolP192r1 = 9
    /// NIST P-224 (secp224r1).
    case p224 = 10
    /// brainpoolP224r1.
    case brainpoolP224r1 = 11
    /// NIST P-256 (secp256r1).
    case p256 = 12
    /// brainpoolP256r1.
    case brainpoolP256r1 = 13
    /// brainpoolP320r1.
    case brainpoolP320r1 = 14
    /// NIST P-384 (secp384r1).
    case p384 = 15
    /// brainpoolP384r1.
    case brainpoolP384r1 = 16
    /// brainpoolP512r1.
    case brainpoolP512r1 = 17
    /// NIST P-521 (secp521r1).
    case p521 = 18

    /// Whether these are elliptic-curve parameters (IDs 8–18).
    public var isEllipticCurve: Bool { rawValue >= 8 }

    /// The elliptic curves among them.
    public static var ellipticCurves: [StandardizedDomainParameters] { allCases.filter(\.isEllipticCurve) }

    /// The curve or group name (`brainpoolP256r1`, `P-256`, `MODP-1024/160`).
    public var description: String {
        switch self {
        case .modp1024: "MODP-1024/160"
        case .modp2048_224: "MODP-2048/224"
        case .modp2048_256: "MODP-2048/256"
        case .p192: "P-192"
        case .brainpoolP192r1: "brainpoolP192r1"
        case .p224: "P-224"
        case .brainpoolP224r1: "brainpoolP224r1"
        case .p256: "P-256"
        case .brainpoolP256r1: "brainpoolP256r1"
        case .brainpoolP320r1: "brainpoolP320r1"
        case .p384: "P-384"
        case .brainpoolP384r1: "brainpoolP384r1"
        case .brainpoolP512r1: "brainpoolP512r1"
        case .p521: "P-521"
        }
    }
}
