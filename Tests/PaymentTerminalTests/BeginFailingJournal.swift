import DeviceCore
import PaymentJournalSQLite
import PaymentTerminal

/// The one journal fake the session tests keep: a real ``SQLitePaymentJournal`` whose `begin`
/// fails the way a full disk makes SQLite fail (`SQLITE_FULL`), every other call passed through.
///
/// Why a fake: a real write failure cannot be produced on demand without touching the whole test
/// process (a full file system, a file-size limit, a lock held for SQLite's 10 s busy timeout).
/// Everything else the session tests check runs on the real SQLite journal.
struct BeginFailingJournal: PaymentJournal {
    /// The real journal behind the fake.
    let base: SQLitePaymentJournal

    /// The error `begin` throws, as the SQLite journal reports a full disk.
    static let diskFull = DeviceError(.hardwareFault, operation: "begin payment", message: "the disk holding the payment journal is full",
                                      remedy: "Free space on the journal's file system, then retry.",
                                      backendCode: .init(domain: "SQLite", value: 13, name: "SQLITE_FULL"))

    func begin(_ request: PaymentRequest) async throws(DeviceError) -> JournalEntry { throw Self.diskFull }

    func record(requestID: String, message: JournalMessage) async throws(DeviceError) {
        try await base.record(requestID: requestID, message: message)
    }

    func recordTerminalID(requestID: String, terminalID: String) async throws(DeviceError) {
        try await base.recordTerminalID(requestID: requestID, terminalID: terminalID)
    }

    func resolveManually(requestID: String, outcome: PaymentOutcome, reason: String) async throws(DeviceError) -> JournalEntry {
        try await base.resolveManually(requestID: requestID, outcome: outcome, reason: reason)
    }

    func complete(requestID: String, result: PaymentResult) async throws(DeviceError) {
        try await base.complete(requestID: requestID, result: result)
    }

    func markInDoubt(requestID: String, reason: String) async throws(DeviceError) {
        try await base.markInDoubt(requestID: requestID, reason: reason)
    }

    func entry(requestID: String) async throws(DeviceError) -> JournalEntry? { try await base.entry(requestID: requestID) }

    func unresolved() async throws(DeviceError) -> [JournalEntry] { try await base.unresolved() }

    func recent(limit: Int) async throws(DeviceError) -> [JournalEntry] { try await base.recent(limit: limit) }
}
