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
    /// The stable machine name of a condition, shared by every backend of a family. Extensible
    /// like ``DeviceError/Kind``: each family module declares its codes (`.cardInserted` in
    /// SmartCard, `.paperEnd` in ReceiptPrinter); applications compare against those constants.
    /// Encoded as its name (`"cardInserted"`).
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The code's name as it appears in machine output.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creates a code from a literal name.
        public init(stringLiteral value: String) { rawValue = value }
        /// The name.
        public var description: String { rawValue }
    }

    /// The condition (``Code/cardInserted``, ``Code/paperNearEnd``, …).
    public var code: Code
    /// Whether the condition is now present (`true`) or cleared (`false`).
    public var active: Bool
    /// Free detail (the card's ATR, the reader name); never personal data.
    public var detail: String?

    /// Creates a status report.
    public init(code: Code, active: Bool = true, detail: String? = nil) {
        self.code = code
        self.active = active
        self.detail = detail
    }

    /// `code` or `code cleared`, with the detail.
    public var description: String {
        let base = active ? code.rawValue : "\(code) cleared"
        return detail.map { "\(base) (\($0))" } ?? base
    }
}

/// An action the person at the terminal must take, for the application to show on screen.
public struct UserAction: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable machine name of an action, shared by every backend. Extensible like
    /// ``DeviceError/Kind``: the actions more than one family asks for are declared here, the
    /// others by their family module (`.sign` in SignaturePad, `.watchPINPad` in PaymentTerminal).
    /// Encoded as its name (`"insertCard"`).
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The code's name as it appears in machine output.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creates a code from a literal name.
        public init(stringLiteral value: String) { rawValue = value }
        /// The name.
        public var description: String { rawValue }

        /// Insert (or tap) the card: the card reader without a card, the payment terminal waiting for one.
        public static let insertCard = Code(rawValue: "insertCard")
        /// Take the card out (of the payment terminal or the reader).
        public static let removeCard = Code(rawValue: "removeCard")
    }

    /// What the person must do (``Code/insertCard``, …).
    public var code: Code
    /// The text to show, as the device or backend gives it (may be German).
    public var prompt: String

    /// Creates a user action.
    public init(code: Code, prompt: String) {
        self.code = code
        self.prompt = prompt
    }

    /// `code: prompt`
    public var description: String { "\(code): \(prompt)" }
}
