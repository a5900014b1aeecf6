public import SmartCard

/// Why a PIN operation on the German ID card failed: for the technician (``description``) and
/// for the citizen (``citizenMessage``, German and English, saying what to do next).
public enum PINManagementError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PACE failed (wrong PIN, CAN or PUK; suspended, blocked; card or reader fault).
    case pace(PACEError)
    /// Secure messaging failed after PACE.
    case secureMessaging(SecureMessagingError)
    /// The card refused the operation itself (RESET RETRY COUNTER) with this status word.
    case cardRefused(operation: String, StatusWord)
    /// The input is not usable (e.g. a new PIN with 5 digits); nothing was sent.
    case invalidInput(String)

    /// What went wrong, for logs and technicians (no secrets).
    public var description: String {
        switch self {
        case .pace(let error): error.description
        case .secureMessaging(let error): error.description
        case .cardRefused(let operation, let status): "\(operation): the card answered SW \(status); take the card out, put it back and repeat once"
        case .invalidInput(let reason): reason
        }
    }

    /// What the citizen reads.
    public var citizenMessage: CitizenMessage {
        switch self {
        case .pace(.wrongPassword(.pin, let triesLeft)):
            switch triesLeft {
            case 0?: CitizenMessage(german: "Die PIN war falsch. Ihre PIN ist jetzt gesperrt; entsperren Sie sie mit der PUK aus Ihrem PIN-Brief.",
                                    english: "The PIN was wrong. Your PIN is now blocked; unblock it with the PUK from your PIN letter.")
            case 1?: CitizenMessage(german: "Die PIN war falsch. Ihre PIN ist jetzt vorübergehend gesperrt: geben Sie beim nächsten Versuch zuerst die Zugangsnummer (CAN) ein.",
                                    english: "The PIN was wrong. Your PIN is now suspended: next time, enter the card access number (CAN) first.")
            case let left?: CitizenMessage(german: "Die PIN war falsch. Sie haben noch \(left) Versuche.", english: "The PIN was wrong. You have \(left) tries left.")
            case nil: CitizenMessage(german: "Die PIN war falsch. Bitte prüfen Sie sie.", english: "The PIN was wrong. Please check it.")
            }
        case .pace(.wrongPassword(.can, _)):
            CitizenMessage(german: "Die Zugangsnummer (CAN) war falsch. Sie steht vorne rechts unten auf dem Ausweis; bitte geben Sie sie erneut ein.",
                           english: "The card access number (CAN) was wrong. It is printed at the bottom right of the front of the card; please enter it again.")
        case .pace(.wrongPassword(.puk, _)):
            CitizenMessage(german: "Die PUK war falsch. Sie steht in Ihrem PIN-Brief; bitte prüfen Sie sie.",
                           english: "The PUK was wrong. It is in your PIN letter; please check it.")
        case .pace(.wrongPassword(.mrz, _)):
            CitizenMessage(german: "Die Daten aus der maschinenlesbaren Zone passen nicht zum Dokument.", english: "The machine readable zone data does not match the document.")
        case .pace(.passwordSuspended): PINState.suspended.citizenMessage
        case .pace(.passwordBlocked(.pin)): PINState.blocked.citizenMessage
        case .pace(.passwordBlocked):
            CitizenMessage(german: "Die PUK kann nicht mehr verwendet werden. Die Bürgerbehörde kann Ihnen einen neuen PIN-Brief ausstellen.",
                           english: "The PUK can no longer be used. The citizen office can issue a new PIN letter.")
        case .pace(.passwordDeactivated): PINState.deactivated.citizenMessage
        case .pace(.transport), .secureMessaging(.transport):
            CitizenMessage(german: "Die Verbindung zum Ausweis wurde unterbrochen. Bitte legen Sie den Ausweis erneut auf und versuchen Sie es noch einmal.",
                           english: "The connection to the card was interrupted. Please place the card on the reader again and try once more.")
        case .pace(.chipTokenMismatch):
            CitizenMessage(german: "Der Ausweis konnte nicht sicher geprüft werden. Bitte wenden Sie sich an das Personal.",
                           english: "The card could not be checked securely. Please ask the staff for help.")
        case .pace(.noSupportedProtocol), .pace(.cardAccessUnavailable):
            CitizenMessage(german: "Diese Karte ist kein Personalausweis oder wird hier nicht unterstützt.",
                           english: "This card is not an ID card or is not supported here.")
        case .invalidInput:
            CitizenMessage(german: "Die neue PIN muss aus 6 Ziffern bestehen. Bitte geben Sie sie erneut ein.",
                           english: "The new PIN must have 6 digits. Please enter it again.")
        case .pace, .secureMessaging, .cardRefused:
            CitizenMessage(german: "Der Ausweis konnte nicht gelesen werden. Bitte legen Sie ihn erneut auf; klappt es wieder nicht, wenden Sie sich an das Personal.",
                           english: "The card could not be read. Please place it on the reader again; if it fails again, ask the staff for help.")
        }
    }
}

/// What a successful PIN operation did.
public enum PINOperationOutcome: String, Sendable, Hashable, Codable {
    /// The PIN (or transport PIN) was replaced by the new 6-digit PIN.
    case pinChanged = "changed"
    /// CAN then PIN: the suspended PIN has three tries again.
    case pinResumed = "resumed"
    /// The PUK reset the blocked PIN's retry counter to three.
    case pinUnblocked = "unblocked"

    /// What the citizen reads.
    public var citizenMessage: CitizenMessage {
        switch self {
        case .pinChanged: CitizenMessage(german: "Ihre neue PIN ist gesetzt.", english: "Your new PIN is set.")
        case .pinResumed: CitizenMessage(german: "Ihre PIN ist wieder einsatzbereit (3 Versuche).", english: "Your PIN is ready to use again (3 tries).")
        case .pinUnblocked:
            CitizenMessage(german: "Ihre PIN ist entsperrt und wieder einsatzbereit (3 Versuche).", english: "Your PIN is unblocked and ready to use again (3 tries).")
        }
    }
}
