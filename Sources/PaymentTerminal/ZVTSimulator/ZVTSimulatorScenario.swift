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
        /// The terminal answers the command with the refusal `84 1E 01 <code>` instead of `80 00`:
        /// nothing starts, nothing is booked.
        case refuse(ZVTResultCode)
        /// The terminal acknowledges, shows its displays, then ends with `84 1E 01 <code>` where
        /// the specification has Abort `06 1E` (seen after a CCV firmware update); nothing is booked.
        case refuseAfterAcknowledgement(ZVTResultCode)
        /// Approved and booked (Status Information with result 00), then Abort `06 1E <code>` where
        /// receipts and Completion belong. The booking stands in the terminal (Repeat Receipt
        /// shows it); the ECR must treat the payment as in doubt, not as aborted.
        case approveThenAbort(ZVTResultCode)
        /// The terminal acknowledges and then sends one kind of message without end (each
        /// re-arms the ECR's T4), until the ECR sends Abort `06 B0` (then `06 1E 6C`) or leaves.
        case flood(Flood)
    }

    /// What a flooding terminal sends again and again.
    public enum Flood: String, Sendable, Hashable, CaseIterable {
        /// Intermediate Status `04 FF` "Bitte warten...".
        case intermediateStatus
        /// A message type outside the specification (`04 EE`), which the ECR refuses with `84 83`.
        case unknownMessages
        /// The same approving Status Information `04 0F` (the payment is booked once, at the start):
        /// the ECR's outcome after its Abort is in doubt.
        case statusInformation
        /// Intermediate Status `04 FF` that goes on after the ECR's Abort (acknowledged, ignored):
        /// the ECR stops waiting after its grace period, in doubt.
        case intermediateStatusIgnoringAbort
    }

    /// What the Status Information carries in BMP 22 (the card number).
    public enum CardNumber: String, Sendable, Hashable {
        /// Masked by the terminal (`672559******1234`), as real terminals send it.
        case masked
        /// Empty: `22 F0 F0` (legal; some terminals send it for cards without a PAN to show).
        case empty
        /// Unmasked: a public Visa test number in BMP 22 and on the receipts, as a careless
        /// terminal would send it; the ECR must mask it everywhere.
        case unmasked
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

    /// A defect the terminal builds into every Completion `06 0F` it sends (status enquiry,
    /// diagnosis, registration, payments), so tests see how the ECR reports malformed bytes.
    public enum Malformation: String, Sendable, Hashable {
        /// BMP 29 (terminal id) cut to 2 of its 4 BCD bytes: `06 0F 03 29 52 50`. The APDU's
        /// length byte matches the bytes sent, so the framing holds and the message decoder fails.
        case truncatedTerminalID
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
    /// The card number in the Status Information (and on the receipts).
    public var cardNumber: CardNumber
    /// The card name (BMP 8B); `nil`: the Status Information has none.
    public var cardName: String?
    /// The defect in every Completion, if any.
    public var malformation: Malformation?

    /// Creates a scenario.
    public init(outcome: Outcome = .approve,
                displays: [Display] = [.status(.insertCard), .text("PIN eingeben"), .status(.pleaseWait)],
                receipts: ReceiptStyle = .printLines, charset: ZVTCharset = .cp437, delay: Duration = .zero, rejectedFrames: Int = 0,
                cardNumber: CardNumber = .masked, cardName: String? = "girocard", malformation: Malformation? = nil) {
        self.outcome = outcome
        self.displays = displays
        self.receipts = receipts
        self.charset = charset
        self.delay = delay
        self.rejectedFrames = rejectedFrames
        self.cardNumber = cardNumber
        self.cardName = cardName
        self.malformation = malformation
    }

    /// Intermediate statuses a terminal sends beyond the specification's table, between known
    /// ones: Ingenico's `A3`, `6B` of revision 13.13 and the unassigned `30`.
    public static let unknownStatusDisplays: [Display] = [
        .status(.insertCard), .status(ZVTIntermediateStatus(rawValue: 0xA3)), .status(ZVTIntermediateStatus(rawValue: 0x6B)),
        .status(ZVTIntermediateStatus(rawValue: 0x30)), .status(.pleaseWait),
    ]

    /// Approve with "Karte einstecken", "PIN eingeben", "Bitte warten..." and CP437 print lines.
    public static let approve = ZVTSimulatorScenario()

    /// The names `bhal simulate payment --scenario` accepts, with a word on the vendor deviations.
    public static let names = [
        "approve", "approve-text-blocks", "approve-latin1 (ISO 8859-1 text blocks)", "approve-latin1-lines (ISO 8859-1 print lines)",
        "decline", "decline-HH (hex result code)", "abort", "timeout", "no-ack", "drop-after-status", "slow", "nak",
        "unknown-status (intermediate status codes outside the table)", "refuse-1e-HH (84 1E 01 HH instead of 80 00)",
        "refuse-1e-late-HH (84 1E 01 HH instead of Abort 06 1E)", "empty-pan (22 F0 F0)", "no-card-name (no BMP 8B)",
        "unmasked-pan (a full test card number the ECR must mask)",
        "approve-then-abort-HH (Status Information 00, then Abort 06 1E HH; the booking stands)",
        "flood-status (04 FF without end)", "flood-unknown (unknown messages without end)",
        "flood-status-information (the approving 04 0F again and again; booked)",
        "flood-status-ignoring-abort (04 FF without end, also after the ECR's Abort)",
        "malformed-completion (every 06 0F with BMP 29 cut short: 06 0F 03 29 52 50)",
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
        case "approve-latin1-lines":
            scenario.receipts = .printLines
            scenario.charset = .latin1
        case "unknown-status": scenario.displays = unknownStatusDisplays
        case "empty-pan": scenario.cardNumber = .empty
        case "no-card-name": scenario.cardName = nil
        case "unmasked-pan": scenario.cardNumber = .unmasked
        case "flood-status": scenario.outcome = .flood(.intermediateStatus)
        case "flood-unknown": scenario.outcome = .flood(.unknownMessages)
        case "flood-status-information": scenario.outcome = .flood(.statusInformation)
        case "flood-status-ignoring-abort": scenario.outcome = .flood(.intermediateStatusIgnoringAbort)
        case "malformed-completion": scenario.malformation = .truncatedTerminalID
        case let other where other.hasPrefix("approve-then-abort-"):
            guard let code = hexCode(other.dropFirst("approve-then-abort-".count)) else { return nil }
            scenario.outcome = .approveThenAbort(code)
        case let other where other.hasPrefix("refuse-1e-late-"):
            guard let code = hexCode(other.dropFirst("refuse-1e-late-".count)) else { return nil }
            scenario.outcome = .refuseAfterAcknowledgement(code)
        case let other where other.hasPrefix("refuse-1e-"):
            guard let code = hexCode(other.dropFirst("refuse-1e-".count)) else { return nil }
            scenario.outcome = .refuse(code)
        case let other where other.hasPrefix("decline-"):
            guard let code = hexCode(other.dropFirst("decline-".count)) else { return nil }
            scenario.outcome = .decline(code)
        default: return nil
        }
        return scenario
    }

    /// A result code from two hex digits (`6c`), else `nil`.
    private static func hexCode(_ text: Substring) -> ZVTResultCode? {
        guard text.count == 2, let code = UInt8(text, radix: 16) else { return nil }
        return ZVTResultCode(rawValue: code)
    }
}
