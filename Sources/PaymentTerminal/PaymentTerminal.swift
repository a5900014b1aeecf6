public import DeviceCore

/// A card payment terminal (the ECR side of ZVT). Payment commands build on this protocol.
public protocol PaymentTerminal: Device {
    /// Asks the terminal for its state (ZVT Status Enquiry `05 01`).
    func statusEnquiry() async throws(DeviceError) -> TerminalStatus
    /// Runs the terminal's self-diagnosis, including its link to the payment host (ZVT Diagnosis `06 70`).
    func diagnosis() async throws(DeviceError) -> TerminalStatus
}

/// A terminal's answer to a status enquiry or diagnosis.
public struct TerminalStatus: Sendable, Hashable, Codable {
    /// Whether the terminal can take a payment now.
    public var ready: Bool
    /// The terminal id (TID), when reported.
    public var terminalID: String?
    /// The terminal's own status text (may be German).
    public var text: String

    /// Creates a status.
    public init(ready: Bool, terminalID: String? = nil, text: String) {
        self.ready = ready
        self.terminalID = terminalID
        self.text = text
    }
}
