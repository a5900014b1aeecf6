public import DeviceCore
public import SmartCard

/// The steps of a PACE run, named in errors.
public enum PACEStep: String, Sendable, Hashable, CustomStringConvertible {
    /// SELECT MF and READ BINARY of EF.CardAccess (SFI 1C).
    case readCardAccess = "reading EF.CardAccess"
    /// MSE:Set AT choosing protocol, password and parameters.
    case setAuthenticationTemplate = "MSE:Set AT"
    /// General Authenticate 1: the encrypted nonce.
    case encryptedNonce = "General Authenticate (encrypted nonce)"
    /// General Authenticate 2: mapping keys.
    case mapping = "General Authenticate (mapping)"
    /// General Authenticate 3: ephemeral keys.
    case keyAgreement = "General Authenticate (key agreement)"
    /// General Authenticate 4: authentication tokens.
    case mutualAuthentication = "General Authenticate (mutual authentication)"

    /// The step in words.
    public var description: String { rawValue }
}

/// Why PACE failed. Never carries a password, nonce or key; each case says what to do next
/// (``remedy``).
public enum PACEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// EF.CardAccess could not be read: the card is no PACE document (or not one we know).
    case cardAccessUnavailable(StatusWord)
    /// EF.CardAccess is not valid SecurityInfos.
    case cardAccessMalformed(SecurityInfosError)
    /// The card offers no PACE protocol this terminal supports (the offered ones named).
    case noSupportedProtocol(offered: [String])
    /// The PIN is suspended (one try left): PACE with the CAN must come first in the same session.
    case passwordSuspended
    /// The password is blocked (PIN: unblock with the PUK; PUK: the card must be replaced).
    case passwordBlocked(PACEPassword.Kind)
    /// The password is deactivated (the eID function is switched off).
    case passwordDeactivated(PACEPassword.Kind)
    /// The card refused the password (the chip did not accept our token); for the PIN the tries left.
    case wrongPassword(PACEPassword.Kind, triesLeft: Int?)
    /// The card answered a step with an unexpected status word.
    case cardRefused(PACEStep, StatusWord)
    /// The card's answer to a step is malformed at `offset` of its response data.
    case malformedResponse(PACEStep, offset: Int, reason: String)
    /// The chip's authentication token is wrong: not the card we agreed keys with.
    case chipTokenMismatch
    /// A cryptographic operation failed (a point of the card invalid, libcrypto refused).
    case crypto(PACEStep, EIDCryptoError)
    /// The reader or card failed (removed, pcscd gone).
    case transport(DeviceError)

    /// What went wrong, without secrets, and what to do next.
    public var description: String { "\(message); \(remedy)" }

    /// What went wrong.
    public var message: String {
        switch self {
        case .cardAccessUnavailable(let status): "PACE: EF.CardAccess could not be read (SW \(status))"
        case .cardAccessMalformed(let error): "PACE: EF.CardAccess is malformed: \(error)"
        case .noSupportedProtocol(let offered):
            "PACE: the card offers no supported protocol (offered: \(offered.isEmpty ? "none" : offered.joined(separator: ", ")))"
        case .passwordSuspended: "PACE: the PIN is suspended"
        case .passwordBlocked(let kind): "PACE: the \(kind) is blocked"
        case .passwordDeactivated(let kind): "PACE: the \(kind) is deactivated"
        case .wrongPassword(let kind, let triesLeft):
            "PACE: the card refused the \(kind)" + (triesLeft.map { " (\($0) tries left)" } ?? "")
        case .cardRefused(let step, let status): "PACE: the card answered \(step) with SW \(status)"
        case .malformedResponse(let step, let offset, let reason): "PACE: malformed answer to \(step) at offset \(offset): \(reason)"
        case .chipTokenMismatch: "PACE: the card's authentication token is wrong"
        case .crypto(let step, let error): "PACE: \(step): \(error)"
        case .transport(let error): "PACE: \(error.message)"
        }
    }

    /// What to do next.
    public var remedy: String {
        switch self {
        case .cardAccessUnavailable, .noSupportedProtocol:
            "check that the card is a German ID card or another PACE document; other cards cannot be used here"
        case .cardAccessMalformed, .malformedResponse, .cardRefused, .crypto:
            "remove the card, insert it again and repeat; if it persists, the card or reader is faulty"
        case .passwordSuspended: "enter the CAN (6 digits on the front of the card) first, then the PIN"
        case .passwordBlocked(.pin): "unblock the PIN with the PUK from the PIN letter"
        case .passwordBlocked: "the card cannot be unblocked here; the citizen office can issue a new PIN letter or card"
        case .passwordDeactivated: "the online ID function is switched off; the citizen office can switch it on"
        case .wrongPassword(.pin, let triesLeft) where triesLeft == 1:
            "the PIN is now suspended: enter the CAN first, then the PIN once more"
        case .wrongPassword(.pin, let triesLeft) where triesLeft == 0: "the PIN is blocked: unblock it with the PUK"
        case .wrongPassword: "check the number and enter it again (nothing is retried automatically)"
        case .chipTokenMismatch: "stop: the card may not be genuine or the connection was tampered with; use another reader"
        case .transport(let error): error.remedy
        }
    }
}
