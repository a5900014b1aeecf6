/// Something a device reports without being asked. One `AsyncStream` of these per device.
public enum DeviceEvent: Sendable, Hashable {
    /// The lifecycle state changed.
    case stateChanged(DeviceState)
    /// A family-specific condition appeared or cleared (card inserted, paper near end).
    case statusChanged(DeviceStatus)
    /// The citizen or clerk must act (insert the card, sign again); not an error.
    case userActionRequired(UserAction)
    /// The device itself went away (reader unplugged, terminal disconnected).
    case removed
    /// An operation failed or the device reported a fault.
    case error(DeviceError)
}

/// A family-specific condition reported in a ``DeviceEvent/statusChanged(_:)`` event.
public struct DeviceStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable machine name (`"cardInserted"`, `"paperNearEnd"`).
    public var code: String
    /// Whether the condition is now present (`true`) or cleared (`false`).
    public var active: Bool
    /// Free detail (the card's ATR, the reader name); never personal data.
    public var detail: String?

    /// Creates a status report.
    public init(code: String, active: Bool = true, detail: String? = nil) {
        self.code = code
        self.active = active
        self.detail = detail
    }

    /// `code` or `code cleared`, with the detail.
    public var description: String {
        let base = active ? code : "\(code) cleared"
        return detail.map { "\(base) (\($0))" } ?? base
    }
}

/// An action the person at the terminal must take, for the application to show on screen.
public struct UserAction: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable machine name (`"insertCard"`, `"enterPIN"`, `"signAgain"`).
    public var code: String
    /// The text to show, as the device or backend gives it (may be German).
    public var prompt: String

    /// Creates a user action.
    public init(code: String, prompt: String) {
        self.code = code
        self.prompt = prompt
    }

    /// `code: prompt`
    public var description: String { "\(code): \(prompt)" }
}
