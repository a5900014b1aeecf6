public import DeviceCore
public import PaymentTerminal
import Foundation
internal import GRDB

/// The payment journal in an SQLite file (through GRDB): WAL mode with `synchronous=FULL`, so a
/// call returns only after its transaction is on disk.
///
/// One connection per object, serialized by GRDB on its own thread; several objects and processes
/// may open the same file (IMMEDIATE transactions, 10 s busy timeout). Opening a writable journal
/// turns the pending entries of writers that have ended (crashed process, dropped object) in
/// doubt with the reason "process ended before the result arrived"; pending entries of a writer
/// that still runs are left alone. The database itself also enforces the rules: one row per
/// request id, at most one unresolved entry per terminal (``TerminalIdentity``'s endpoint keys,
/// checked again by `begin` together with the TID), entries never deleted, a completed outcome
/// never changed, manual resolutions never changed or deleted. The schema is upgraded by
/// migrations that are never edited once shipped.
///
/// Every text stored (terminal, result fields, receipt lines, reasons, message summaries) passes
/// ``CardDataRedactor``, so a full PAN or track data that slipped past the codec is masked or
/// removed. The request id is the caller's key and is stored as given.
///
/// Thread-safe (`Sendable`); calls run in the order they are made per object. Writes are not
/// interrupted by task cancellation: a result that arrived is stored even if the caller was cancelled.
public final class SQLitePaymentJournal: PaymentJournal {
    /// `$BHAL_PAYMENT_JOURNAL`, or `/var/lib/buergerhal/payments.sqlite` when unset or empty.
    public static var defaultPath: String {
        let value = ProcessInfo.processInfo.environment["BHAL_PAYMENT_JOURNAL"] ?? ""
        return value.isEmpty ? "/var/lib/buergerhal/payments.sqlite" : value
    }

    /// The SQLite settings in force on the journal's connection.
    public struct Durability: Sendable, Hashable {
        /// `PRAGMA journal_mode` (`wal` for writable journals).
        public var journalMode: String
        /// `PRAGMA synchronous` by name (`full` for writable journals).
        public var synchronous: String
    }

    /// The journal file.
    public let path: String
    /// Whether the journal was opened for listing only; every write then throws.
    public let isReadOnly: Bool

    private let database: JournalDatabase
    private let owner: JournalOwner
    private let now: @Sendable () -> Double
    private var errors: JournalErrors { database.errors }

    /// Opens (and creates and migrates, unless `readOnly`) the journal at `path`. Blocks while
    /// the file is opened. A writable open creates missing parent directories and turns pending
    /// entries of ended writers in doubt; a read-only open needs an existing journal and changes
    /// nothing. `now` gives timestamps in seconds since 1970 (default: the system clock).
    public init(path: String, readOnly: Bool = false,
                now: (@Sendable () -> Double)? = nil) throws(DeviceError) {
        self.path = path
        self.isReadOnly = readOnly
        let now = now ?? { Date().timeIntervalSince1970 }
        self.now = now
        let errors = JournalErrors(path: path)
        let owner = JournalOwner()
        self.owner = owner
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.journalMode = readOnly ? .default : .wal
        configuration.busyMode = .timeout(10)
        configuration.label = "PaymentJournal"
        do {
            if !readOnly {
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            database = JournalDatabase(queue: queue, errors: errors)
            if readOnly {
                guard try queue.read(JournalSchema.isJournal) else {
                    throw DeviceError(.other, operation: "open payment journal", message: "\(path) is not a payment journal of this version",
                                      remedy: "Point $BHAL_PAYMENT_JOURNAL or --db at the journal file; open it writable once to upgrade it.")
                }
            } else {
                // GRDB's WAL set-up chooses synchronous=NORMAL; the journal needs every commit on disk.
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    guard try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2 else {
                        throw DatabaseError(message: "SQLite did not accept PRAGMA synchronous = FULL")
                    }
                }
                try JournalSchema.migrator.migrate(queue)
                let time = now()
                try queue.write { db in try Self.markEndedWritersInDoubt(db, now: time) }
            }
        } catch {
            owner.end()
            throw errors.map(error, operation: "open payment journal")
        }
    }

    deinit { owner.end() }

    /// The journal mode and synchronous level in force on this journal's connection.
    public func durability() async throws(DeviceError) -> Durability {
        try await database.read("read payment journal settings") { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "unknown"
            let level = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            let names = [0: "off", 1: "normal", 2: "full", 3: "extra"]
            return Durability(journalMode: mode, synchronous: names[level] ?? "\(level)")
        }
    }

    // MARK: - PaymentJournal

    /// Records the request as pending, durably. Throws `busy` when the request id exists or the
    /// terminal has a pending or in-doubt entry (remedy: `bhal payment recover`).
    public func begin(_ request: PaymentRequest) async throws(DeviceError) -> JournalEntry {
        let operation = "begin payment"
        guard !isReadOnly else { throw errors.readOnly(operation) }
        guard !request.requestID.trimmingCharacters(in: .whitespaces).isEmpty else { throw errors.invalid("the request id is empty", operation: operation) }
        guard !request.terminal.isEmpty else { throw errors.invalid("the terminal is empty", operation: operation) }
        guard (request.amountCents ?? 0) >= 0 else { throw errors.invalid("the amount is negative", operation: operation) }
        let stored = JournalRows.redacted(request)
        let (time, owner, errors) = (now(), owner.value, errors)
        return try await database.write(operation) { db in
            if let state = try String.fetchOne(db, sql: "SELECT state FROM payment_requests WHERE request_id = ?", arguments: [stored.requestID]) {
                throw errors.duplicate(stored.requestID, state: state)
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT request_id, state, terminal, endpoint_keys, terminal_tid FROM payment_requests
                WHERE state IN ('pending', 'inDoubt') ORDER BY id
                """) where JournalRows.identity(row).isSameTerminal(as: stored.identity) {
                throw errors.terminalBusy(row["terminal"], blocking: row["request_id"], state: row["state"])
            }
            try db.execute(sql: """
                INSERT INTO payment_requests (request_id, state, terminal, kind, amount_cents, currency_code,
                                              original_receipt_number, owner, created_at, updated_at, endpoint_keys, terminal_tid)
                VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [stored.requestID, stored.terminal, stored.kind.rawValue, stored.amountCents, stored.currencyCode,
                                 stored.originalReceiptNumber, owner, time, time, JournalRows.lines(stored.identity.endpoints),
                                 stored.identity.terminalID])
            return JournalEntry(request: stored, state: .pending, createdAt: time, updatedAt: time)
        }
    }

    /// Appends a message (summary redacted) to a pending or in-doubt entry; throws for an
    /// unknown or completed one.
    public func record(requestID: String, message: JournalMessage) async throws(DeviceError) {
        let operation = "record payment message"
        guard !isReadOnly else { throw errors.readOnly(operation) }
        let (time, errors) = (now(), errors)
        let summary = CardDataRedactor.redact(message.summary)
        try await database.write(operation) { db in
            try Self.requireOpen(db, requestID, operation: operation, errors: errors)
            try db.execute(sql: "INSERT INTO payment_messages (request_id, direction, summary, timestamp) VALUES (?, ?, ?, ?)",
                           arguments: [requestID, message.direction.rawValue, summary, message.timestamp])
            try db.execute(sql: "UPDATE payment_requests SET updated_at = ? WHERE request_id = ?", arguments: [time, requestID])
        }
    }

    /// Records the TID the terminal reported for a pending or in-doubt entry (redacted like every
    /// text); throws for an unknown or completed one.
    public func recordTerminalID(requestID: String, terminalID: String) async throws(DeviceError) {
        let operation = "record terminal id"
        guard !isReadOnly else { throw errors.readOnly(operation) }
        guard !terminalID.isEmpty else { throw errors.invalid("the terminal id is empty", operation: operation) }
        let (time, errors) = (now(), errors)
        let stored = CardDataRedactor.redact(terminalID)
        try await database.write(operation) { db in
            try Self.requireOpen(db, requestID, operation: operation, errors: errors)
            try db.execute(sql: "UPDATE payment_requests SET terminal_tid = ?, updated_at = ? WHERE request_id = ?",
                           arguments: [stored, time, requestID])
        }
    }

    /// Completes an in-doubt entry with the outcome a clerk established, recorded with the reason
    /// (redacted) and the time in `payment_manual_resolutions`. The entry's result carries only the
    /// outcome and a message naming the manual resolution; messages and doubt reason stay. Throws
    /// for a pending entry (a running session owns it), a completed one, an unknown one, an
    /// outcome of in doubt or an empty reason.
    public func resolveManually(requestID: String, outcome: PaymentOutcome, reason: String) async throws(DeviceError) -> JournalEntry {
        let operation = "resolve payment by hand"
        guard !isReadOnly else { throw errors.readOnly(operation) }
        guard outcome != .inDoubt else {
            throw DeviceError(.other, operation: operation, message: "a manual resolution needs a final outcome",
                              remedy: "Give approved, declined or aborted, as the merchant receipt or the acquirer's portal shows.")
        }
        let reason = CardDataRedactor.redact(reason.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !reason.isEmpty else {
            throw DeviceError(.other, operation: operation, message: "a manual resolution needs a reason",
                              remedy: "Say what you checked, e.g. --reason \"merchant receipt 0042 shows approved\".")
        }
        let (time, errors) = (now(), errors)
        let result = PaymentResult(outcome: outcome, message: "resolved by hand: " + reason)
        let assignments = JournalRows.resultAssignments(result)
        try await database.write(operation) { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM payment_requests WHERE request_id = ?", arguments: [requestID]) else {
                throw errors.unknown(requestID, operation: operation)
            }
            guard state == JournalState.inDoubt.rawValue else { throw errors.notInDoubt(requestID, state: state) }
            try db.execute(sql: "INSERT INTO payment_manual_resolutions (request_id, outcome, reason, resolved_at) VALUES (?, ?, ?, ?)",
                           arguments: [requestID, outcome.rawValue, reason, time])
            try db.execute(sql: "UPDATE payment_requests SET state = 'completed', \(assignments.sql), updated_at = ?, completed_at = ? WHERE request_id = ?",
                           arguments: assignments.arguments + [time, time, requestID])
        }
        guard let entry = try await entry(requestID: requestID) else { throw errors.unknown(requestID, operation: operation) }
        return entry
    }

    /// Completes a pending or in-doubt entry with its final result (redacted). Completing again
    /// with the same result does nothing; with a different one it throws, as does an outcome of
    /// `inDoubt` (use ``markInDoubt(requestID:reason:)``).
    public func complete(requestID: String, result: PaymentResult) async throws(DeviceError) {
        let operation = "complete payment"
        guard !isReadOnly else { throw errors.readOnly(operation) }
        guard result.outcome != .inDoubt else {
            throw errors.invalid("complete() takes approved, declined or aborted; use markInDoubt(requestID:reason:)", operation: operation)
        }
        let stored = JournalRows.redacted(result)
        let (time, errors) = (now(), errors)
        try await database.write(operation) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(JournalRows.requestColumns) FROM payment_requests WHERE request_id = ?",
                                             arguments: [requestID]) else { throw errors.unknown(requestID, operation: operation) }
            let existing = try JournalRows.entry(row, messages: [], errors: errors)
            if existing.state == .completed {
                if existing.result == stored { return }
                throw errors.alreadyCompleted(requestID, outcome: existing.result?.outcome.rawValue ?? "unknown", operation: operation)
            }
            let assignments = JournalRows.resultAssignments(stored)
            try db.execute(sql: "UPDATE payment_requests SET state = 'completed', \(assignments.sql), updated_at = ?, completed_at = ? WHERE request_id = ?",
                           arguments: assignments.arguments + [time, time, requestID])
        }
    }

    /// Marks a pending entry in doubt with the reason; for an entry already in doubt a new reason
    /// is appended. Throws for an unknown or completed entry (a final outcome is never undone).
    public func markInDoubt(requestID: String, reason: String) async throws(DeviceError) {
        let operation = "mark payment in doubt"
        guard !isReadOnly else { throw errors.readOnly(operation) }
        let (time, errors) = (now(), errors)
        let reason = CardDataRedactor.redact(reason)
        try await database.write(operation) { db in
            try Self.requireOpen(db, requestID, operation: operation, errors: errors)
            try db.execute(sql: """
                UPDATE payment_requests SET state = 'inDoubt', updated_at = ?1,
                    doubt_reason = CASE WHEN doubt_reason IS NULL OR doubt_reason = '' THEN ?2
                                        WHEN instr(doubt_reason, ?2) > 0 THEN doubt_reason
                                        ELSE doubt_reason || '; then: ' || ?2 END
                WHERE request_id = ?3
                """, arguments: [time, reason, requestID])
        }
    }

    /// The entry for a request id with its messages, if any.
    public func entry(requestID: String) async throws(DeviceError) -> JournalEntry? {
        try await entries("read payment journal", where: "request_id = ?", order: "id", arguments: [requestID]).first
    }

    /// Entries still pending or in doubt, oldest first.
    public func unresolved() async throws(DeviceError) -> [JournalEntry] {
        try await entries("read unresolved payments", where: "state IN ('pending', 'inDoubt')", order: "created_at, id", arguments: [])
    }

    /// The newest entries first, at most `limit` (none for a limit below 1).
    public func recent(limit: Int) async throws(DeviceError) -> [JournalEntry] {
        guard limit > 0 else { return [] }
        return try await entries("read recent payments", where: "1", order: "id DESC LIMIT \(limit)", arguments: [])
    }

    // MARK: - Helpers

    /// Entries matching a condition, with their messages in order. A read-only journal shows a
    /// pending entry whose writer has ended as in doubt (``JournalSchema/processEndedReason``), as
    /// the next writable open will record it: a listing never calls a dead process's payment pending.
    private func entries(_ operation: String, where condition: String, order: String,
                         arguments: StatementArguments) async throws(DeviceError) -> [JournalEntry] {
        let (errors, readOnly) = (errors, isReadOnly)
        return try await database.read(operation) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(JournalRows.requestColumns), owner FROM payment_requests WHERE \(condition) ORDER BY \(order)",
                                        arguments: arguments)
            let ids: [String] = rows.map { $0["request_id"] }
            var messages: [String: [JournalMessage]] = [:]
            let idList = JournalRows.lines(ids)
            for row in try Row.fetchAll(db, sql: """
                SELECT request_id, direction, summary, timestamp FROM payment_messages
                WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY id
                """, arguments: [idList]) {
                if let message = JournalRows.message(row) { messages[row["request_id"], default: []].append(message) }
            }
            var resolutions: [String: ManualResolution] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT request_id, outcome, reason, resolved_at FROM payment_manual_resolutions
                WHERE request_id IN (SELECT value FROM json_each(?))
                """, arguments: [idList]) {
                resolutions[row["request_id"]] = JournalRows.manualResolution(row)
            }
            return try rows.map { row throws(DeviceError) in
                let id: String = row["request_id"]
                var entry = try JournalRows.entry(row, messages: messages[id] ?? [], manualResolution: resolutions[id], errors: errors)
                if readOnly, entry.state == .pending, !JournalOwner.isAlive(row["owner"]) {
                    entry.state = .inDoubt
                    entry.doubtReason = JournalSchema.processEndedReason
                }
                return entry
            }
        }
    }

    /// Throws unless the entry exists and is not completed.
    private static func requireOpen(_ db: Database, _ requestID: String, operation: String, errors: JournalErrors) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, outcome FROM payment_requests WHERE request_id = ?", arguments: [requestID]) else {
            throw errors.unknown(requestID, operation: operation)
        }
        let state: String = row["state"]
        if state == JournalState.completed.rawValue {
            throw errors.alreadyCompleted(requestID, outcome: row["outcome"] ?? "unknown", operation: operation)
        }
    }

    /// Turns pending entries whose writer has ended in doubt.
    private static func markEndedWritersInDoubt(_ db: Database, now: Double) throws {
        let pending = try Row.fetchAll(db, sql: "SELECT request_id, owner FROM payment_requests WHERE state = 'pending'")
        for row in pending where !JournalOwner.isAlive(row["owner"]) {
            try db.execute(sql: "UPDATE payment_requests SET state = 'inDoubt', doubt_reason = ?, updated_at = ? WHERE request_id = ?",
                           arguments: [JournalSchema.processEndedReason, now, row["request_id"]])
        }
    }
}
