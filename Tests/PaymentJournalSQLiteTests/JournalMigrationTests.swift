import DeviceCore
import Foundation
import GRDB
import PaymentTerminal
@testable import PaymentJournalSQLite
import Testing

/// Journals written by earlier versions open and upgrade in place, keeping every entry.
@Suite("SQLite journal: schema migrations")
struct JournalMigrationTests {
    /// A journal file at schema version 1 (the first migration only), with an entry in doubt on
    /// `zvt+tcp://LOCALHOST:20007` and a completed one with TID 52500038 on a serial line.
    private func version1Journal(_ directory: TemporaryJournalDirectory) throws {
        let queue = try DatabaseQueue(path: directory.journalPath)
        try JournalSchema.migrator.migrate(queue, upTo: "v1: requests and messages")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO payment_requests (request_id, state, terminal, kind, amount_cents, currency_code, doubt_reason, created_at, updated_at)
                VALUES ('old-lost', 'inDoubt', 'zvt+tcp://LOCALHOST:20007', 'authorization', 1250, 978, 'connection lost', 1, 1);
                INSERT INTO payment_requests (request_id, state, terminal, kind, amount_cents, currency_code, outcome, result_code,
                                              receipt_number, trace, terminal_id, created_at, updated_at)
                VALUES ('old-done', 'completed', 'zvt+serial:///dev/ttyS0?baud=9600', 'authorization', 500, 978, 'approved', 0, 5, 10,
                        '52500038', 0, 0);
                INSERT INTO payment_messages (request_id, direction, summary, timestamp) VALUES ('old-lost', 'received', '04 0F Status Information', 1);
                """)
        }
    }

    @Test func aVersion1JournalIsUpgradedWithItsEntriesAndTheirIdentity() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        try version1Journal(directory)
        let readOnlyError = #expect(throws: DeviceError.self) { _ = try directory.open(readOnly: true) }
        #expect(readOnlyError?.remedy.contains("writable") == true, "a listing cannot upgrade; the error says how")

        let journal = try directory.open()

        let lost = try #require(try await journal.entry(requestID: "old-lost"))
        #expect(lost.state == .inDoubt && lost.doubtReason == "connection lost")
        #expect(lost.request.identity == TerminalIdentity(endpoints: ["zvt+tcp://localhost:20007"]))
        #expect(lost.messages.map(\.summary) == ["04 0F Status Information"])
        let done = try #require(try await journal.entry(requestID: "old-done"))
        #expect(done.request.identity == TerminalIdentity(endpoints: ["zvt+serial:///dev/ttyS0"], terminalID: "52500038"))
        #expect(done.result?.receiptNumber == 5 && done.manualResolution == nil)
        // The old in-doubt entry blocks its terminal under the new rule, and can be settled by hand.
        await #expect(throws: DeviceError.self) { _ = try await journal.begin(Sample.authorization("new", terminal: "zvt+tcp://localhost")) }
        _ = try await journal.resolveManually(requestID: "old-lost", outcome: .aborted, reason: "not on the day's settlement")
        _ = try await journal.begin(Sample.authorization("new", terminal: "zvt+tcp://localhost"))
        #expect(try directory.open(readOnly: true).isReadOnly)
        #expect(try directory.open().isReadOnly == false, "opening again migrates nothing twice")
    }

    @Test func theSchemaRefusesASecondUnresolvedEntrySharingAnEndpointKeyWhoeverWritesIt() throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        _ = try directory.open()
        let queue = try DatabaseQueue(path: directory.journalPath)
        let insert = """
            INSERT INTO payment_requests (request_id, state, terminal, kind, currency_code, created_at, updated_at, endpoint_keys)
            VALUES (?, ?, ?, 'authorization', 978, 0, 0, ?)
            """
        try queue.write { db in
            try db.execute(sql: insert, arguments: ["a", "inDoubt", "zvt+tcp://127.0.0.1:20007", #"["zvt+tcp://127.0.0.1:20007"]"#])
            try db.execute(sql: insert, arguments: ["b", "pending", "zvt+tcp://10.0.0.1", #"["zvt+tcp://10.0.0.1:20007"]"#])
        }
        // Another spelling of a's terminal, written straight into the file: the trigger refuses it.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: insert, arguments: ["c", "pending", "zvt+tcp://127.0.0.1?charset=latin1",
                                                        #"["zvt+serial:///dev/ttyS9", "zvt+tcp://127.0.0.1:20007"]"#])
            }
        }
    }

    @Test func manualResolutionsAreNeverChangedOrDeleted() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-1"))
        try await journal.markInDoubt(requestID: "fee-1", reason: "lost")
        _ = try await journal.resolveManually(requestID: "fee-1", outcome: .approved, reason: "merchant receipt found")
        let queue = try DatabaseQueue(path: directory.journalPath)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE payment_manual_resolutions SET outcome = 'declined'") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM payment_manual_resolutions") }
        }
        #expect(try await journal.entry(requestID: "fee-1")?.manualResolution?.outcome == .approved)
    }
}
