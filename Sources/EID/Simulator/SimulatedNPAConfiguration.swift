/// The secrets and state a simulated German ID card starts with. The defaults are the
/// simulator's test identity (never a real card's): CAN 123456, PIN 123456, PUK 1234567890.
public struct SimulatedNPAConfiguration: Sendable {
    /// The card access number (6 digits).
    public var can: PACEPassword
    /// The PIN: 6 digits, or 5 for a card still on its transport PIN.
    public var pin: PACEPassword
    /// The PUK (10 digits).
    public var puk: PACEPassword
    /// Tries left for the PIN (3 ready, 2, 1 suspended, 0 blocked).
    public var pinRetries: Int
    /// Whether the PIN (the online ID function) is deactivated.
    public var pinDeactivated: Bool
    /// The PACEInfos EF.CardAccess lists, in order (ECDH-GM on standardized curves).
    public var paceInfos: [PACEInfo]

    /// brainpoolP256r1 with AES-128, as on German ID cards.
    public static let defaultPACEInfos = [
        PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .generic, cipher: .aes128), parameterID: .standardized(.brainpoolP256r1)),
    ]

    /// A configuration from its parts; without arguments the test identity in a ready state.
    public init(can: PACEPassword? = nil, pin: PACEPassword? = nil, puk: PACEPassword? = nil, pinRetries: Int = 3,
                pinDeactivated: Bool = false, paceInfos: [PACEInfo] = Self.defaultPACEInfos) {
        self.can = can ?? Self.testCAN
        self.pin = pin ?? Self.testPIN
        self.puk = puk ?? Self.testPUK
        self.pinRetries = min(max(pinRetries, 0), 3)
        self.pinDeactivated = pinDeactivated
        self.paceInfos = paceInfos
    }

    private static let testCAN = PACEPassword(kind: .can, secret: Array("123456".utf8))
    private static let testPIN = PACEPassword(kind: .pin, secret: Array("123456".utf8))
    private static let testPUK = PACEPassword(kind: .puk, secret: Array("1234567890".utf8))
}
