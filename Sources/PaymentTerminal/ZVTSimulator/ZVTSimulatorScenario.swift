/// The script a ``ZVTTerminalSimulator`` follows for payment commands: how they end, what the
/// display shows on the way, how receipts are sent and how fast the terminal is.
public struct ZVTSimulatorScenario: Sendable, Hashable {
    /// How a payment command ends.
    public enum Outcome: Sendable, Hashable {
        /// Approved: Status Information with result 00, receipts, Completion.
        case approve
        /// Declined: Status Information and Abort `06 1E` with this result code.
        case decline(ZVTResultCode)
        /// The citizen pressed abort: Abort `06 1E 6C`.
        case citizenAbort
        /// The terminal acknowledges and then never answers (the ECR's T4 runs out); an Abort `06 B0`
        /// from the ECR ends it with `06 1E 6C`.
        case noAnswer
        /// The terminal never acknowledges any command (the ECR's T3 runs out).
        case noAcknowledgement
        /// Approved and booked, then the connection drops right after the Status Information
        /// (serial: the terminal falls silent). The ECR's outcome is in doubt.
        case dropAfterStatusInformation
    }

    /// How receipts reach the ECR.
    public enum ReceiptStyle: String, Sendable, Hashable {
        /// No receipts.
        case none
        /// Print Line `06 D1`, one message per line.
        case printLines
        /// Print Text Block `06 D3`, one message per receipt.
        case textBlocks
    }

    /// One intermediate status the terminal shows before the outcome.
    public enum Display: Sendable, Hashable {
        /// A status from the table (`0A` Karte einstecken, `17` Bitte warten...).
        case status(ZVTIntermediateStatus)
        /// Free text in TLV 24 (status `FF`), e.g. "PIN eingeben".
        case text(String)
    }

    /// How payment commands end.
    public var outcome: Outcome
    /// The intermediate statuses shown before the outcome, in order.
    public var displays: [Display]
    /// How receipts are sent.
    public var receipts: ReceiptStyle
    /// The character set of receipt and display texts.
    public var charset: ZVTCharset
    /// The pause before each message the terminal sends unasked (a slow terminal).
    public var delay: Duration
    /// Serial only: the first frames of each command answered with NAK (the ECR must repeat).
    public var rejectedFrames: Int

    /// Creates a scenario.
    public init(outcome: Outcome = .approve,
                displays: [Display] = [.status(.insertCard), .text("PIN eingeben"), .status(.pleaseWait)],
                receipts: ReceiptStyle = .printLines, charset: ZVTCharset = .cp437, delay: Duration = .zero, rejectedFrames: Int = 0) {
        self.outcome = outcome
        self.displays = displays
        self.receipts = receipts
        self.charset = charset
        self.delay = delay
        self.rejectedFrames = rejectedFrames
    }

    /// Approve with "Karte einstecken", "PIN eingeben", "Bitte warten..." and CP437 print lines.
    public static let approve = ZVTSimulatorScenario()

    /// The names `bhal simulate payment --scenario` accepts.
    public static let names = [
        "approve", "approve-text-blocks", "approve-latin1", "decline", "decline-HH (hex result code)", "abort", "timeout",
        "no-ack", "drop-after-status", "slow", "nak",
    ]

    /// The scenario with a name from ``names``; `nil` for unknown names.
    public static func named(_ name: String) -> ZVTSimulatorScenario? {
        var scenario = ZVTSimulatorScenario()
        switch name.lowercased() {
        case "approve": break
        case "approve-text-blocks": scenario.receipts = .textBlocks
        case "approve-latin1":
            scenario.receipts = .textBlocks
            scenario.charset = .latin1
        case "decline": scenario.outcome = .decline(ZVTResultCode(rawValue: 0x05))
        case "abort":
            scenario.outcome = .citizenAbort
            scenario.displays = [.status(.insertCard)]
        case "timeout": scenario.outcome = .noAnswer
        case "no-ack": scenario.outcome = .noAcknowledgement
        case "drop-after-status": scenario.outcome = .dropAfterStatusInformation
        case "slow": scenario.delay = .seconds(1)
        case "nak": scenario.rejectedFrames = 1
        case let other where other.hasPrefix("decline-"):
            guard let code = UInt8(other.dropFirst("decline-".count), radix: 16) else { return nil }
            scenario.outcome = .decline(ZVTResultCode(rawValue: code))
        default: return nil
        }
        return scenario
    }
}
