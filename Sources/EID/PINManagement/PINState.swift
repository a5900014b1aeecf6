public import SmartCard

/// The state of the German ID card's PIN as MSE:Set AT with the PIN reference reports it
/// (TR-03110-2 §3.5, BSI TR-03127): 9000 three tries, 63C2 two, 63C1 suspended (CAN first),
/// 63C0 blocked (PUK needed), 6283 deactivated. Some cards answer with alternative codes, which
/// map to the same states: 63C3 (three tries), 6983 (blocked), 6984 (deactivated).
public enum PINState: Sendable, Hashable, CustomStringConvertible {
    /// Three tries left.
    case ready
    /// Two tries left.
    case twoTriesLeft
    /// One try left, usable only after PACE with the CAN in the same session.
    case suspended
    /// No tries left: unblock with the PUK.
    case blocked
    /// The PIN (the online ID function) is deactivated.
    case deactivated
    /// Another status word: not a PIN state.
    case unknown(StatusWord)

    /// The state a status word of MSE:Set AT(PIN) stands for.
    public init(status: StatusWord) {
        switch status.rawValue {
        case 0x9000, 0x63C3: self = .ready
        case 0x63C2: self = .twoTriesLeft
        case 0x63C1: self = .suspended
        case 0x63C0, 0x6983: self = .blocked
        case 0x6283, 0x6984: self = .deactivated
        default: self = .unknown(status)
        }
    }

    /// Tries left before the PIN blocks, when known.
    public var triesLeft: Int? {
        switch self {
        case .ready: 3
        case .twoTriesLeft: 2
        case .suspended: 1
        case .blocked: 0
        case .deactivated, .unknown: nil
        }
    }

    /// `ready`, `two-tries-left`, `suspended`, `blocked`, `deactivated`, `unknown` (JSON and tables).
    public var name: String {
        switch self {
        case .ready: "ready"
        case .twoTriesLeft: "two-tries-left"
        case .suspended: "suspended"
        case .blocked: "blocked"
        case .deactivated: "deactivated"
        case .unknown: "unknown"
        }
    }

    /// What the citizen reads, in German and English, with what to do next.
    public var citizenMessage: CitizenMessage {
        switch self {
        case .ready:
            CitizenMessage(german: "Ihre PIN ist einsatzbereit (3 Versuche).", english: "Your PIN is ready to use (3 tries).")
        case .twoTriesLeft:
            CitizenMessage(german: "Ihre PIN wurde einmal falsch eingegeben. Sie haben noch 2 Versuche.",
                           english: "Your PIN was entered wrongly once. You have 2 tries left.")
        case .suspended:
            CitizenMessage(german: "Ihre PIN ist vorübergehend gesperrt. Geben Sie zuerst die Zugangsnummer (CAN) von der Vorderseite des Ausweises ein, dann die PIN.",
                           english: "Your PIN is suspended. First enter the card access number (CAN) from the front of the card, then the PIN.")
        case .blocked:
            CitizenMessage(german: "Ihre PIN ist gesperrt. Entsperren Sie sie mit der PUK aus Ihrem PIN-Brief.",
                           english: "Your PIN is blocked. Unblock it with the PUK from your PIN letter.")
        case .deactivated:
            CitizenMessage(german: "Die Online-Ausweisfunktion ist ausgeschaltet. Die Bürgerbehörde kann sie einschalten.",
                           english: "The online ID function is switched off. The citizen office can switch it on.")
        case .unknown:
            CitizenMessage(german: "Der PIN-Status konnte nicht gelesen werden. Bitte legen Sie den Ausweis erneut auf.",
                           english: "The PIN status could not be read. Please place the card on the reader again.")
        }
    }

    /// `ready (3 tries)` and the like.
    public var description: String {
        if case .unknown(let status) = self { return "unknown (SW \(status))" }
        return triesLeft.map { "\(name) (\($0) tries)" } ?? name
    }
}

/// A message for the citizen in German (shown first at German terminals) and English.
public struct CitizenMessage: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The German text.
    public var german: String
    /// The English text.
    public var english: String

    /// A message from both texts.
    public init(german: String, english: String) {
        self.german = german
        self.english = english
    }

    /// German, then English on the next line.
    public var description: String { "\(german)\n\(english)" }
}
