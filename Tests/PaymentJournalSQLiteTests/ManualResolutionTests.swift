import DeviceCore
import Foundation
import PaymentTerminal
import PaymentJournalSQLite
import Testing

/// A clerk settles an in-doubt entry the terminal cannot decide (`bhal payment recover --mark`).
@Suite("SQLite journal: manual resolution of an in-doubt entry")
struct ManualResolutionTests {
    /// A journal with fee-lost in doubt after a Status Information was recorded; the clock is `time`.
    private func journalWithEntryInDoubt(_ directory: TemporaryJournalDirectory, time: Double = 1_781_259_300) async throws -> SQLitePaymentJournal {
        let journal = try SQLitePaymentJournal(path: directory.journalPath, now: { time })
        _ = try await journal.begin(Sample.authorization("fee-lost"))
        try await journal.record(requestID: "fee-lost", message: JournalMessage(direction: .sent, summary: "06 01 Authorization", timestamp: 1))
        try await journal.record(requestID: "fee-lost", message: JournalMessage(direction: .received, summary: "04 0F Status Information", timestamp: 2))
        try await journal.markInDoubt(requestID: "fee-lost", reason: "connection lost after Status Information")
        return journal
    }

    @Test(arguments: [PaymentOutcome.approved, .declined, .aborted])
    func completesWithOutcomeReasonAndTimeKeepingTheRecordedAnswers(outcome: PaymentOutcome) async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(directory)
        let before = try #require(try await journal.entry(requestID: "fee-lost"))

        let resolved = try await journal.resolveManually(requestID: "fee-lost", outcome: outcome, reason: "  merchant receipt 0042 checked  ")

        #expect(resolved.state == .completed)
        #expect(resolved.result?.outcome == outcome)
        #expect(resolved.manualResolution == ManualResolution(outcome: outcome, reason: "merchant receipt 0042 checked", resolvedAt: 1_781_259_300))
        #expect(resolved.result?.message?.contains("merchant receipt 0042 checked") == true)
        #expect(resolved.messages == before.messages, "the recorded answers are kept as they were")
        #expect(resolved.doubtReason == before.doubtReason)
        // Read back through another connection, and the terminal takes payments again.
        #expect(try await directory.open(readOnly: true).entry(requestID: "fee-lost") == resolved)
        #expect(try await journal.unresolved().isEmpty)
        _ = try await journal.begin(Sample.authorization("fee-next"))
    }

    @Test func aResolutionIsFinal() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(directory)
        _ = try await journal.resolveManually(requestID: "fee-lost", outcome: .approved, reason: "acquirer portal shows it booked")
        let again = await #expect(throws: DeviceError.self) {
            _ = try await journal.resolveManually(requestID: "fee-lost", outcome: .declined, reason: "second thoughts")
        }
        #expect(again?.message.contains("already completed") == true)
        await #expect(throws: DeviceError.self) { try await journal.complete(requestID: "fee-lost", result: PaymentResult(outcome: .declined)) }
        let entry = try #require(try await journal.entry(requestID: "fee-lost"))
        #expect(entry.result?.outcome == .approved && entry.manualResolution?.outcome == .approved)
    }

    @Test func onlyInDoubtEntriesWithAReasonAndAFinalOutcome() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-running"))
        let pending = await #expect(throws: DeviceError.self) {
            _ = try await journal.resolveManually(requestID: "fee-running", outcome: .approved, reason: "looked")
        }
        #expect(pending?.message.contains("pending") == true)
        #expect(pending?.remedy.contains("wait") == true)
        await #expect(throws: DeviceError.self) { _ = try await journal.resolveManually(requestID: "ghost", outcome: .approved, reason: "x") }
        try await journal.markInDoubt(requestID: "fee-running", reason: "lost")
        let noReason = await #expect(throws: DeviceError.self) {
            _ = try await journal.resolveManually(requestID: "fee-running", outcome: .approved, reason: "   ")
        }
        #expect(noReason?.remedy.contains("--reason") == true)
        await #expect(throws: DeviceError.self) { _ = try await journal.resolveManually(requestID: "fee-running", outcome: .inDoubt, reason: "x") }
        #expect(try await journal.entry(requestID: "fee-running")?.state == .inDoubt)
        await #expect(throws: DeviceError.self) {
            _ = try await directory.open(readOnly: true).resolveManually(requestID: "fee-running", outcome: .approved, reason: "x")
        }
    }

    @Test func aCardNumberInTheReasonIsMasked() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(directory)
        let resolved = try await journal.resolveManually(requestID: "fee-lost", outcome: .approved, reason: "receipt shows card 4111111111111111")
        #expect(resolved.manualResolution?.reason == "receipt shows card 411111******1111")
        #expect(try directory.allBytes().range(of: Data("4111111111111111".utf8)) == nil)
    }
}
