import DeviceCore
import Foundation
import PaymentTerminal
import PaymentJournalSQLite
import Testing

@Suite("SQLite payment journal")
struct SQLitePaymentJournalTests {
    @Test func beginRecordCompleteRoundTrip() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        let begun = try await journal.begin(Sample.authorization("fee-1"))
        #expect(begun.state == .pending)
        try await journal.record(requestID: "fee-1", message: JournalMessage(direction: .sent, summary: "06 01 Authorization", timestamp: 1))
        try await journal.record(requestID: "fee-1", message: JournalMessage(direction: .received, summary: "04 0F Status Information", timestamp: 2))
        try await journal.complete(requestID: "fee-1", result: Sample.approved())

        let entry = try #require(try await journal.entry(requestID: "fee-1"))
        #expect(entry.state == .completed)
        #expect(entry.request == Sample.authorization("fee-1"))
        #expect(entry.result == Sample.approved())
        #expect(entry.messages.map(\.summary) == ["06 01 Authorization", "04 0F Status Information"])
        #expect(entry.messages.map(\.direction) == [.sent, .received])
        #expect(try await journal.unresolved().isEmpty)
        #expect(try await journal.recent(limit: 10).map(\.request.requestID) == ["fee-1"])

        // Reopened, the entry reads back the same.
        let reopened = try directory.open()
        #expect(try await reopened.entry(requestID: "fee-1") == entry)
        #expect(try await journal.entry(requestID: "nope") == nil)
    }

    @Test func beginIsCommittedWhenItReturns() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-1"))
        // Another connection sees it at once: the transaction is committed, not buffered.
        let reader = try directory.open(readOnly: true)
        #expect(try await reader.entry(requestID: "fee-1")?.state == .pending)
    }

    @Test func duplicateRequestIDIsRejected() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-1"))
        try await journal.complete(requestID: "fee-1", result: Sample.approved())
        let error = await #expect(throws: DeviceError.self) {
            _ = try await journal.begin(Sample.authorization("fee-1", terminal: "zvt+tcp://10.0.0.9:20007"))
        }
        #expect(error?.kind == .busy)
        #expect(error?.message.contains("fee-1") == true)
    }

    @Test func secondRequestIsBlockedWhileOneIsInDoubt() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-1"))
        try await journal.markInDoubt(requestID: "fee-1", reason: "connection lost after Authorization")
        let error = await #expect(throws: DeviceError.self) { _ = try await journal.begin(Sample.authorization("fee-2")) }
        #expect(error?.kind == .busy)
        #expect(error?.remedy.contains("bhal payment recover") == true)
        // Pending blocks too, and another terminal is not blocked.
        _ = try await journal.begin(Sample.authorization("fee-3", terminal: "zvt+tcp://10.0.0.9:20007"))
        await #expect(throws: DeviceError.self) {
            _ = try await journal.begin(Sample.authorization("fee-4", terminal: "zvt+tcp://10.0.0.9:20007"))
        }
        let unresolved = try await journal.unresolved()
        #expect(unresolved.map(\.request.requestID) == ["fee-1", "fee-3"])
        #expect(unresolved.first?.doubtReason == "connection lost after Authorization")
        // Once resolved, the terminal takes a new payment.
        try await journal.complete(requestID: "fee-1", result: PaymentResult(outcome: .aborted, message: "not booked"))
        _ = try await journal.begin(Sample.authorization("fee-2"))
    }

    @Test func crashLeavesTheEntryInDoubt() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        do {
            let journal = try directory.open()
            _ = try await journal.begin(Sample.authorization("fee-1"))
            try await journal.record(requestID: "fee-1", message: JournalMessage(direction: .sent, summary: "06 01 Authorization", timestamp: 1))
            // The journal object goes away without complete(): as if the process had died.
        }
        let reopened = try directory.open()
        let entry = try #require(try await reopened.entry(requestID: "fee-1"))
        #expect(entry.state == .inDoubt)
        #expect(entry.doubtReason == "process ended before the result arrived")
        #expect(try await reopened.unresolved().map(\.request.requestID) == ["fee-1"])
        await #expect(throws: DeviceError.self) { _ = try await reopened.begin(Sample.authorization("fee-2")) }
    }

    @Test func openingDoesNotTouchAPaymentThatIsStillRunning() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let session = try directory.open()
        _ = try await session.begin(Sample.authorization("fee-1"))
        // A second journal object (a technician's command) opens the same file meanwhile.
        let other = try directory.open()
        #expect(try await other.entry(requestID: "fee-1")?.state == .pending)
        try await session.complete(requestID: "fee-1", result: Sample.approved())
        #expect(try await other.entry(requestID: "fee-1")?.state == .completed)
    }

    @Test func parallelBeginsWithTheSameIDLetExactlyOneThrough() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        // Four objects = four SQLite connections on one file, plus parallel calls on each.
        let journals = try (0..<4).map { _ in try directory.open() }
        let outcomes = await withTaskGroup(of: Result<JournalEntry, DeviceError>.self) { group in
            for index in 0..<40 {
                let journal = journals[index % journals.count]
                group.addTask {
                    do throws(DeviceError) { return .success(try await journal.begin(Sample.authorization("fee-same"))) }
                    catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let successes = outcomes.filter { if case .success = $0 { true } else { false } }
        #expect(successes.count == 1)
        for case .failure(let error) in outcomes { #expect(error.kind == .busy) }
        #expect(try await journals[0].recent(limit: 100).count == 1)
    }

    @Test func parallelBeginsForOneTerminalLetExactlyOneThrough() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journals = try (0..<3).map { _ in try directory.open() }
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<30 {
                let journal = journals[index % journals.count]
                group.addTask { (try? await journal.begin(Sample.authorization("fee-\(index)"))) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }

    @Test func completedOutcomeIsFinal() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-1"))
        try await journal.complete(requestID: "fee-1", result: Sample.approved())
        try await journal.complete(requestID: "fee-1", result: Sample.approved())  // same result: no-op
        await #expect(throws: DeviceError.self) {
            try await journal.complete(requestID: "fee-1", result: PaymentResult(outcome: .aborted))
        }
        await #expect(throws: DeviceError.self) { try await journal.markInDoubt(requestID: "fee-1", reason: "late") }
        await #expect(throws: DeviceError.self) {
            try await journal.record(requestID: "fee-1", message: JournalMessage(direction: .received, summary: "late", timestamp: 3))
        }
        #expect(try await journal.entry(requestID: "fee-1")?.result == Sample.approved())
    }

    @Test func misuseIsRejected() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        await #expect(throws: DeviceError.self) { try await journal.complete(requestID: "ghost", result: Sample.approved()) }
        await #expect(throws: DeviceError.self) { try await journal.markInDoubt(requestID: "ghost", reason: "x") }
        _ = try await journal.begin(Sample.authorization("fee-1"))
        await #expect(throws: DeviceError.self) {
            try await journal.complete(requestID: "fee-1", result: PaymentResult(outcome: .inDoubt))
        }
        await #expect(throws: DeviceError.self) { _ = try await journal.begin(Sample.authorization(" ", terminal: "zvt+tcp://other")) }
    }

    @Test func durabilitySettingsAreApplied() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        let settings = try await journal.durability()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == "full")
        #expect(try await directory.open(readOnly: true).durability().journalMode == "wal")
    }

    @Test func readOnlyJournalListsButNeverWrites() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let writer = try directory.open()
        _ = try await writer.begin(Sample.authorization("fee-1"))
        let reader = try directory.open(readOnly: true)
        #expect(reader.isReadOnly)
        #expect(try await reader.recent(limit: 5).count == 1)
        let error = await #expect(throws: DeviceError.self) { _ = try await reader.begin(Sample.authorization("fee-2", terminal: "x")) }
        #expect(error?.kind == .permissionDenied)
    }

    @Test func missingJournalFailsReadOnlyOpenWithARemedy() throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let error = #expect(throws: DeviceError.self) { _ = try directory.open(readOnly: true) }
        #expect(error?.operation == "open payment journal")
        #expect(error?.remedy.contains("BHAL_PAYMENT_JOURNAL") == true)
        #expect(error?.backendCode?.domain == "SQLite")
    }

    @Test func recentIsNewestFirstAndLimited() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        for index in 1...5 {
            _ = try await journal.begin(Sample.authorization("fee-\(index)"))
            try await journal.complete(requestID: "fee-\(index)", result: Sample.approved(trace: index, receipt: index))
        }
        #expect(try await journal.recent(limit: 3).map(\.request.requestID) == ["fee-5", "fee-4", "fee-3"])
        #expect(try await journal.recent(limit: 0).isEmpty)
    }
}

/// The read-only view (`bhal payment journal`) of a payment whose process has ended (issue 9, item 9).
@Suite("Payment journal read-only view of ended writers")
struct JournalReadOnlyEndedWriterTests {
    @Test("a pending entry of an ended writer shows in doubt read-only; the file is not changed")
    func endedWriterShowsInDoubt() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        do {
            let journal = try directory.open()
            _ = try await journal.begin(Sample.authorization("fee-1"))
            // The journal object goes away without complete(): as if the process had died.
        }
        // The database and its WAL (readers may touch the -shm index, which holds no data).
        func stored() -> Data {
            ["", "-wal"].reduce(into: Data()) { data, suffix in
                data.append((try? Data(contentsOf: URL(fileURLWithPath: directory.journalPath + suffix))) ?? Data())
            }
        }
        let before = stored()
        let reader = try directory.open(readOnly: true)
        let entry = try #require(try await reader.entry(requestID: "fee-1"))
        #expect(entry.state == .inDoubt)
        #expect(entry.doubtReason == "process ended before the result arrived")
        #expect(try await reader.recent(limit: 5).first?.state == .inDoubt)
        #expect(try await reader.unresolved().map(\.state) == [.inDoubt])
        #expect(stored() == before, "a read-only view writes nothing")
    }

    @Test("a pending entry of a running writer stays pending read-only")
    func runningWriterStaysPending() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let session = try directory.open()
        _ = try await session.begin(Sample.authorization("fee-1"))
        let reader = try directory.open(readOnly: true)
        #expect(try await reader.entry(requestID: "fee-1")?.state == .pending)
        try await session.complete(requestID: "fee-1", result: Sample.approved())
    }
}
