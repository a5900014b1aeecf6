import DeviceCore

/// The ECR's side of one ZVT command cycle as a pure state machine: feed it each message from the
/// terminal, send the reply it returns, emit its events, and stop when ``end`` is set.
///
/// Handles `80 00` (ack), `84 xx` (refusal), `04 FF` intermediate status (event; its timeout
/// changes T4), `04 0F` status information (kept), `06 D1`/`06 D3` receipts, `06 0F` completion and
/// `06 1E` abort. The ECR acknowledges every terminal message with `80 00 00`; unknown messages
/// get `84 83 00` (function not possible).
///
/// A refusal `84 xx` after the acknowledgement ends the cycle like Abort `06 1E` with its result
/// code (the one in its data, `84 1E 01 6C` → 6C, else `xx`): some terminals end a transaction
/// that way (zvt.md §10, a CCV firmware). The exception is the terminal's answer to the ECR's
/// own Abort `06 B0`, which the caller marks: `80 00` or `84 xx` there says whether the abort was
/// accepted, and the transaction goes on until the terminal ends it.
struct ZVTCommandFlow: Sendable {
    /// How a command cycle ended.
    enum End: Sendable, Hashable {
        /// Completion `06 0F`.
        case completion(ZVTMessage)
        /// Abort `06 1E` with its result code.
        case terminalAbort(ZVTResultCode)
        /// The command was refused with `84 xx`.
        case refused(ZVTResultCode)
        /// `80 00` ended a command that has no further answer (Abort, Log-Off, Display Text).
        case acknowledged
    }

    /// What to do after a message.
    struct Step: Sendable {
        /// The answer to send to the terminal, if any.
        var reply: ZVTAPDU?
        /// Events for the device's stream.
        var events: [DeviceEvent] = []
    }

    /// The ECR's positive answer `80 00 00`.
    static let acknowledgement = ZVTAPDU(class: 0x80, instruction: 0x00)
    /// The ECR's answer to a message it does not know: `84 83 00`.
    static let notPossible = ZVTAPDU(class: 0x84, instruction: ZVTResultCode.functionNotPossible.rawValue)

    /// Whether `80 00` ends the command.
    let endsWithAcknowledgement: Bool
    /// The character set of texts.
    let charset: ZVTCharset
    /// T3: the limit for the acknowledgement.
    let acknowledgementTimeout: Duration
    /// T4: the limit between messages once the terminal works on the command.
    private(set) var completionTimeout: Duration
    /// Whether the terminal has acknowledged (explicitly or by sending its first message).
    private(set) var acknowledged = false
    /// How the command ended, once it has.
    private(set) var end: End?
    /// The last Status Information `04 0F`.
    private(set) var statusInformation: ZVTMessage?
    /// The receipts so far.
    private(set) var receipts = ZVTReceiptCollector()
    /// Whether the ECR sent Abort `06 B0` because the cycle's overall deadline passed.
    private(set) var abortedAtDeadline = false

    /// Creates the flow of a command that has just been sent.
    init(endsWithAcknowledgement: Bool = false, charset: ZVTCharset, acknowledgementTimeout: Duration, completionTimeout: Duration) {
        self.endsWithAcknowledgement = endsWithAcknowledgement
        self.charset = charset
        self.acknowledgementTimeout = acknowledgementTimeout
        self.completionTimeout = completionTimeout
    }

    /// How long to wait for the next message: T3 before the acknowledgement, T4 after it.
    var timeout: Duration { acknowledged ? completionTimeout : acknowledgementTimeout }

    /// Whether the cycle has ended.
    var isFinished: Bool { end != nil }

    /// Notes that the ECR sent Abort `06 B0` at the overall deadline (the result says so).
    mutating func noteAbortAtDeadline() { abortedAtDeadline = true }

    /// Handles one message from the terminal; `answersAbort` marks the answer to an Abort `06 B0`
    /// the ECR sent into this cycle.
    mutating func handle(_ message: ZVTMessage, answersAbort: Bool = false) -> Step {
        let type = message.type
        if answersAbort { return Step() }
        if type == .acknowledgement || (type.isRefusal && type.instruction == 0x00) {
            // A late 80 00 (the answer to our own Abort while a payment runs) changes nothing.
            if !acknowledged {
                acknowledged = true
                if endsWithAcknowledgement { end = .acknowledged }
            }
            return Step()
        }
        if type.isRefusal {
            let code = message.resultCode ?? ZVTResultCode(rawValue: type.instruction)
            end = acknowledged ? .terminalAbort(code) : .refused(code)
            if acknowledged { receipts.finish() }
            return Step()
        }
        acknowledged = true
        var step = Step(reply: Self.acknowledgement)
        switch type {
        case .intermediateStatus:
            if case .number(let minutes)? = message.field(id: .statusTimeout)?.value, minutes > 0 {
                completionTimeout = .seconds(minutes * 60)
            }
            step.events.append(ZVTDisplayEvent.event(for: message, charset: charset))
        case .statusInformation:
            statusInformation = message
        case .printLine:
            receipts.addPrintLine(message)
        case .printTextBlock:
            receipts.addTextBlock(message, charset: charset)
        case .completion:
            receipts.finish()
            end = .completion(message)
        case .terminalAbort:
            receipts.finish()
            end = .terminalAbort(message.resultCode ?? .systemError)
        default:
            step.reply = Self.notPossible
        }
        return step
    }
}
