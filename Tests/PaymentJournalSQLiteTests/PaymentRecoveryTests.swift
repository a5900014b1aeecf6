import DeviceCore
import Foundation
import PaymentTerminal
import PaymentJournalSQLite
import Testing

@Suite("Recovery of in-doubt payments")
struct PaymentRecoveryTests {
    /// A journal with one completed payment (trace 10, receipt 5) and one 12.50 payment in doubt.
    private func journalWithPaymentInDoubt(_ directory: TemporaryJournalDirectory) async throws -> SQLitePaymentJournal {
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-earlier", cents: 500))
        try await journal.complete(requestID: "fee-earlier", result: Sample.approved(cents: 500, trace: 10, receipt: 5))
        _ = try await journal.begin(Sample.authorization("fee-lost", cents: 1250))
        try await journal.markInDoubt(requestID: "fee-lost", reason: "connection lost after Status Information")
        return journal
    }

    private func recovery(_ journal: SQLitePaymentJournal, _ source: ScriptedLastTransactionSource) -> PaymentRecovery {
        PaymentRecovery(journal: journal, terminal: Sample.terminal, source: source,
                        matcher: PaymentRecoveryMatcher(timeZone: TimeZone(identifier: "UTC")!))
    }

    @Test func matchedTransactionCompletesTheEntryWithTheTerminalsResult() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithPaymentInDoubt(directory)
        var booked = Sample.approved(cents: 1250, trace: 11, receipt: 6)
        booked.terminalDateTime = nil
        let source = ScriptedLastTransactionSource(.transaction(booked))
        let resolutions = try await recovery(journal, source).run()

        #expect(source.callCount == 1)
        guard case .completed(let result) = try #require(resolutions.first).status else { Issue.record("not completed"); return }
        #expect(result.outcome == .approved && result.trace == 11 && result.receiptNumber == 6)
        let entry = try #require(try await journal.entry(requestID: "fee-lost"))
        #expect(entry.state == .completed)
        #expect(entry.result?.customerReceipt == booked.customerReceipt)
        #expect(entry.result?.message?.contains("recovered") == true)
        #expect(entry.messages.contains { $0.summary.contains("trace 11") })
        #expect(try await journal.unresolved().isEmpty)
    }

    @Test(arguments: [true, false])
    func noMatchingBookingCompletesTheEntryAsAborted(terminalHoldsNothing: Bool) async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithPaymentInDoubt(directory)
        // The terminal's last transaction is the earlier, journaled one, or there is none at all.
        let last: PaymentResult? = terminalHoldsNothing ? nil : Sample.approved(cents: 500, trace: 10, receipt: 5)
        let source = ScriptedLastTransactionSource(.transaction(last))
        _ = try await recovery(journal, source).run()

        let entry = try #require(try await journal.entry(requestID: "fee-lost"))
        #expect(entry.state == .completed)
        #expect(entry.result?.outcome == .aborted)
        #expect(entry.result?.message?.contains(terminalHoldsNothing ? "no stored transaction" : "fee-earlier") == true)
        _ = try await journal.begin(Sample.authorization("fee-next"))  // the terminal is free again
    }

    @Test func unreachableTerminalLeavesTheEntryInDoubt() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithPaymentInDoubt(directory)
        let source = ScriptedLastTransactionSource(.unreachable)
        let resolutions = try await recovery(journal, source).run()

        guard case .stillInDoubt(let reason) = try #require(resolutions.first).status else { Issue.record("resolved"); return }
        #expect(reason.contains("connection refused"))
        let entry = try #require(try await journal.entry(requestID: "fee-lost"))
        #expect(entry.state == .inDoubt && entry.result == nil)
        await #expect(throws: DeviceError.self) { _ = try await journal.begin(Sample.authorization("fee-next")) }
    }

    @Test func aNewTransactionForAnotherAmountStaysInDoubt() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithPaymentInDoubt(directory)
        let source = ScriptedLastTransactionSource(.transaction(Sample.approved(cents: 9999, trace: 11, receipt: 6)))
        let resolutions = try await recovery(journal, source).run()
        guard case .stillInDoubt = try #require(resolutions.first).status else { Issue.record("resolved"); return }
        #expect(try await journal.entry(requestID: "fee-lost")?.state == .inDoubt)
    }

    @Test func nothingInDoubtMeansTheTerminalIsNotAsked() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-running"))  // a live session's payment
        let source = ScriptedLastTransactionSource(.transaction(Sample.approved()))
        let resolutions = try await recovery(journal, source).run()
        #expect(source.callCount == 0)
        #expect(resolutions == [PaymentRecovery.Resolution(requestID: "fee-running", status: .inProgress)])
        #expect(try await journal.entry(requestID: "fee-running")?.state == .pending)
    }

    @Test func recoveryAfterACrashFindsTheBookedPayment() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        do {
            let journal = try directory.open()
            _ = try await journal.begin(Sample.authorization("fee-crash"))
            try await journal.record(requestID: "fee-crash", message: JournalMessage(direction: .sent, summary: "06 01 Authorization", timestamp: 1))
        }
        let journal = try directory.open()
        let source = ScriptedLastTransactionSource(.transaction(Sample.approved(cents: 1250, trace: 1, receipt: 1)))
        var matcher = PaymentRecoveryMatcher(timeZone: TimeZone(identifier: "UTC")!)
        matcher.clockTolerance = .infinity
        _ = try await PaymentRecovery(journal: journal, terminal: Sample.terminal, source: source, matcher: matcher).run()
        #expect(try await journal.entry(requestID: "fee-crash")?.result?.outcome == .approved)
    }
}

@Suite("Recovery matching rule")
struct PaymentRecoveryMatcherTests {
    let matcher = PaymentRecoveryMatcher(clockTolerance: 900, timeZone: TimeZone(identifier: "UTC")!)
    /// 2026-06-12 10:15:00 UTC.
    let requestTime = 1_781_259_300.0

    private func inDoubt(_ kind: PaymentKind = .authorization, cents: Int? = 1250) -> JournalEntry {
        JournalEntry(request: PaymentRequest(requestID: "r", kind: kind, amountCents: cents, terminal: Sample.terminal),
                     state: .inDoubt, createdAt: requestTime, updatedAt: requestTime)
    }

    private func last(_ dateTime: String?, trace: Int? = 11, receipt: Int? = 6) -> PaymentResult {
        var result = Sample.approved(cents: 1250, trace: trace ?? 0, receipt: receipt ?? 0)
        result.trace = trace
        result.receiptNumber = receipt
        result.terminalDateTime = dateTime
        return result
    }

    @Test func terminalDateDecidesOnlyAgainstAMatch() {
        #expect(matcher.decide(entry: inDoubt(), last: last("0612 101502"), known: []) == .booked(last("0612 101502")))
        #expect(matcher.decide(entry: inDoubt(), last: last("0612 100500"), known: []) == .booked(last("0612 100500")))  // 10 min skew
        guard case .undecided = matcher.decide(entry: inDoubt(), last: last("0611 101502"), known: []) else {
            Issue.record("a transaction of the day before was taken as this request's"); return
        }
    }

    @Test func cannotDecideWithoutNumbersAmountOrForEndOfDay() {
        let cases: [(JournalEntry, PaymentResult)] = [
            (inDoubt(), last(nil, trace: nil, receipt: nil)),
            (inDoubt(cents: nil), last(nil)),
            (inDoubt(.endOfDay, cents: nil), last(nil)),
        ]
        for (entry, result) in cases {
            guard case .undecided = matcher.decide(entry: entry, last: result, known: []) else {
                Issue.record("decided \(entry.request.kind) without evidence"); continue
            }
        }
    }

    @Test func aTerminalReportingAnotherTIDIsNotTakenForTheOneThatRanTheRequest() {
        var entry = inDoubt()
        entry.request.identity.terminalID = "52500001"
        var replacement = last("0612 101502")
        replacement.terminalID = "52500002"  // a replaced terminal's own booking of the same amount
        guard case .undecided(let reason) = matcher.decide(entry: entry, last: replacement, known: []) else {
            Issue.record("another terminal's transaction was taken as this request's"); return
        }
        #expect(reason.contains("52500002") && reason.contains("52500001"))
        var same = replacement
        same.terminalID = "52500001"
        #expect(matcher.decide(entry: entry, last: same, known: []) == .booked(same))
    }

    @Test func receiptNumbersRestartingAfterEndOfDayDoNotHideABooking() {
        // The baseline had receipt 6 on an earlier day with trace 3; today's receipt 6 has trace 11.
        var earlier = JournalEntry(request: PaymentRequest(requestID: "old", kind: .authorization, amountCents: 700, terminal: Sample.terminal),
                                   state: .completed, createdAt: requestTime - 86_400, updatedAt: requestTime - 86_400)
        earlier.result = last(nil, trace: 3, receipt: 6)
        #expect(matcher.decide(entry: inDoubt(), last: last(nil), known: [earlier]) == .booked(last(nil)))
    }
}
