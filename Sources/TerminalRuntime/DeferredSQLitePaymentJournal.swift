import DeviceCore
import PaymentJournalSQLite
import PaymentTerminal

/// The SQLite payment journal at a path, opened on its first call (on a thread of its own:
/// opening and migrating the file blocks). A failed open throws from that call, so a payment
/// whose journal cannot be opened is never sent, and is tried again on the next call.
actor DeferredSQLitePaymentJournal: PaymentJournal {
    private let path: String
    private let executor: DedicatedThreadExecutor
    private var journal: SQLitePaymentJournal?

    /// Opening the file runs on this thread, not on the cooperative pool.
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// A journal at `path`, not yet opened.
    init(path: String) {
        self.path = path
        executor = DedicatedThreadExecutor(name: "bhal-journal-open")
    }

    private func opened() throws(DeviceError) -> SQLitePaymentJournal {
        if let journal { return journal }
        let journal = try SQLitePaymentJournal(path: path)
        self.journal = journal
        return journal
    }

    func begin(_ request: PaymentRequest) async throws(DeviceError) -> JournalEntry { try await opened().begin(request) }

    func record(requestID: String, message: JournalMessage) async throws(DeviceError) {
        try await opened().record(requestID: requestID, message: message)
    }

    func recordTerminalID(requestID: String, terminalID: String) async throws(DeviceError) {
        try await opened().recordTerminalID(requestID: requestID, terminalID: terminalID)
    }

    func resolveManually(requestID: String, outcome: PaymentOutcome, reason: String) async throws(DeviceError) -> JournalEntry {
        try await opened().resolveManually(requestID: requestID, outcome: outcome, reason: reason)
    }

    func complete(requestID: String, result: PaymentResult) async throws(DeviceError) {
        try await opened().complete(requestID: requestID, result: result)
    }

    func markInDoubt(requestID: String, reason: String) async throws(DeviceError) {
        try await opened().markInDoubt(requestID: requestID, reason: reason)
    }

    func entry(requestID: String) async throws(DeviceError) -> JournalEntry? { try await opened().entry(requestID: requestID) }

    func unresolved() async throws(DeviceError) -> [JournalEntry] { try await opened().unresolved() }

    func recent(limit: Int) async throws(DeviceError) -> [JournalEntry] { try await opened().recent(limit: limit) }
}
