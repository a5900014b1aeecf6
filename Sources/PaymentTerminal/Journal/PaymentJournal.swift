public import DeviceCore

/// The state of one journaled payment command.
public enum JournalState: String, Sendable, Hashable, Codable {
    /// Recorded; the command is being sent or the terminal is working on it.
    case pending
    /// The outcome is unknown: resolve it (Status Enquiry / Repeat Receipt) before any new payment.
    case inDoubt
    /// Finished with a known outcome (approved, declined or aborted).
    case completed
}

/// One message exchanged for a journaled command, as stored: masked, never a full PAN, track
/// data or password.
public struct JournalMessage: Sendable, Hashable, Codable {
    /// Which way the message went.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// ECR to terminal.
        case sent
        /// Terminal to ECR.
        case received
    }

    /// Which way the message went.
    public var direction: Direction
    /// The command or answer (`"06 01 Authorization"`, `"04 0F Status Information"`).
    public var summary: String
    /// When it was recorded, seconds since 1970.
    public var timestamp: Double

    /// Creates a message record.
    public init(direction: Direction, summary: String, timestamp: Double) {
        self.direction = direction
        self.summary = summary
        self.timestamp = timestamp
    }
}

/// How a clerk settled an in-doubt entry by hand, after the terminal could not tell (checked
/// against the merchant receipt, the terminal's own journal or the acquirer's portal).
public struct ManualResolution: Sendable, Hashable, Codable {
    /// The outcome the clerk established (approved, declined or aborted).
    public var outcome: PaymentOutcome
    /// Why: what the clerk checked (`"merchant receipt 0042 found, approved"`).
    public var reason: String
    /// When it was recorded, seconds since 1970.
    public var resolvedAt: Double

    /// Creates a record.
    public init(outcome: PaymentOutcome, reason: String, resolvedAt: Double) {
        self.outcome = outcome
        self.reason = reason
        self.resolvedAt = resolvedAt
    }
}

/// One journaled payment: the request, its state, the messages and (once known) the result.
public struct JournalEntry: Sendable, Hashable, Codable {
    /// What was asked for.
    public var request: PaymentRequest
    /// Where it stands.
    public var state: JournalState
    /// The result, once known (also for in-doubt entries resolved later).
    public var result: PaymentResult?
    /// Why the entry is in doubt, when it is.
    public var doubtReason: String?
    /// When the request was recorded, seconds since 1970.
    public var createdAt: Double
    /// When the entry last changed, seconds since 1970.
    public var updatedAt: Double
    /// The messages in order.
    public var messages: [JournalMessage]
    /// How a clerk settled the entry by hand, when that is how it was completed; the messages and
    /// the doubt reason stay as recorded.
    public var manualResolution: ManualResolution?

    /// Creates an entry.
    public init(request: PaymentRequest, state: JournalState, result: PaymentResult? = nil, doubtReason: String? = nil,
                createdAt: Double, updatedAt: Double, messages: [JournalMessage] = [], manualResolution: ManualResolution? = nil) {
        self.request = request
        self.state = state
        self.result = result
        self.doubtReason = doubtReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messages = messages
        self.manualResolution = manualResolution
    }
}

/// The durable record of payment commands that keeps a payment from being lost or sent twice.
///
/// Contract: ``begin(_:)`` is durable (fsync'd) before it returns, and the caller sends nothing to
/// the terminal before it returns. A request id that already exists is never begun again: the
/// call throws and the caller reports the existing entry instead. "The same terminal" follows
/// ``TerminalIdentity``'s rule. Implementations never store full PANs, track data or passwords.
public protocol PaymentJournal: Sendable {
    /// Records a new request as pending. Throws ``DeviceError/Kind/busy`` when the request id
    /// exists, or when an unresolved (pending or in-doubt) entry exists for the same terminal.
    func begin(_ request: PaymentRequest) async throws(DeviceError) -> JournalEntry
    /// Appends a message to a pending entry.
    func record(requestID: String, message: JournalMessage) async throws(DeviceError)
    /// Records the TID the terminal reported while working on a pending or in-doubt entry (its
    /// Status Information or completion), so later payments and recovery recognise the terminal.
    func recordTerminalID(requestID: String, terminalID: String) async throws(DeviceError)
    /// Completes an in-doubt entry with the outcome a clerk established by hand, recorded as a
    /// ``ManualResolution`` with `reason` and the time; the recorded messages are kept. Throws for
    /// an entry that is not in doubt, an outcome of in doubt, or an empty reason.
    func resolveManually(requestID: String, outcome: PaymentOutcome, reason: String) async throws(DeviceError) -> JournalEntry
    /// Completes an entry with its result (outcome approved, declined or aborted).
    func complete(requestID: String, result: PaymentResult) async throws(DeviceError)
    /// Marks an entry in doubt with the reason (connection lost after the command was sent).
    func markInDoubt(requestID: String, reason: String) async throws(DeviceError)
    /// The entry for a request id, if any.
    func entry(requestID: String) async throws(DeviceError) -> JournalEntry?
    /// Entries still pending or in doubt, oldest first (after a crash, pending ones are in doubt).
    func unresolved() async throws(DeviceError) -> [JournalEntry]
    /// The newest entries first, at most `limit`.
    func recent(limit: Int) async throws(DeviceError) -> [JournalEntry]
}
