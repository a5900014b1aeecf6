/// Something that answers command APDUs as a card does: the card inside ``SimulatedCardReader``
/// and behind ``VPCDVirtualCard``. ``SimulatedCard`` (a file-system card) and the EID module's
/// simulated German ID card conform; tests wrap one to inject faults.
public protocol SimulatedCardResponder: Sendable {
    /// The answer-to-reset.
    var atr: [UInt8] { get }
    /// Resets the card's state as a card reset (or a new insertion) does.
    mutating func reset()
    /// Answers one command APDU (data ‖ SW1 SW2), never trapping on malformed commands.
    mutating func respond(to command: [UInt8]) -> [UInt8]
}

extension SimulatedCard: SimulatedCardResponder {}
