public import DeviceCore

/// What the kiosk's screen shows while a payment runs: the terminal's intermediate status
/// (ZVT `04 FF`) as a typed value, handed to the `display` closure of
/// ``PaymentTerminal/perform(_:display:)`` in the order the terminal sent them.
///
/// The same status also reaches the device's event stream, as ``event``.
public struct PaymentDisplay: Sendable, Hashable, CustomStringConvertible {
    /// What the person at the kiosk has to do, if anything: the shared user-action code
    /// (``DeviceCore/UserAction/Code``), as it appears in the ``event``.
    public typealias Prompt = UserAction.Code

    /// The status code of a display that asks nothing of the person (``DeviceStatus/code``).
    public static let terminalDisplayStatus: DeviceStatus.Code = .terminalDisplay

    /// The action asked of the person, or `nil` for information only ("Bitte warten...").
    public var prompt: Prompt?
    /// The text to show, in German as the terminal sent it (or as its status table gives it).
    public var text: String
    /// The ZVT intermediate status byte (`0A`, `17`, `FF`; vendor codes are kept).
    public var status: ZVTIntermediateStatus

    /// Creates a display.
    public init(prompt: Prompt?, text: String, status: ZVTIntermediateStatus) {
        self.prompt = prompt
        self.text = text
        self.status = status
    }

    /// The device event of this display: ``DeviceEvent/userActionRequired(_:)`` when it asks the
    /// person to act, ``DeviceEvent/statusChanged(_:)`` (code ``terminalDisplayStatus``) otherwise.
    public var event: DeviceEvent {
        if let prompt { return .userActionRequired(UserAction(code: prompt, prompt: text)) }
        return .statusChanged(DeviceStatus(code: Self.terminalDisplayStatus, detail: text))
    }

    /// `insertCard: Karte einstecken`, or the text alone.
    public var description: String { prompt.map { "\($0): \(text)" } ?? text }
}

/// Receives the displays of a running payment, on the terminal's actor: keep it short (hand the
/// value to the UI and return).
public typealias PaymentDisplayHandler = @Sendable (PaymentDisplay) -> Void

extension UserAction.Code {
    /// Enter the PIN on the payment terminal's PIN pad (and watch it).
    public static let watchPINPad = UserAction.Code(rawValue: "watchPINPad")
    /// Read the payment terminal's own display: its text has no code of its own.
    public static let followTerminalDisplay = UserAction.Code(rawValue: "followTerminalDisplay")
}

extension DeviceStatus.Code {
    /// The payment terminal shows a text that asks nothing of the person (detail: the text).
    public static let terminalDisplay = DeviceStatus.Code(rawValue: "terminalDisplay")
}
