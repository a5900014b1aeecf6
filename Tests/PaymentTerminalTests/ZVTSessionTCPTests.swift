import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import Testing

/// The ZVT session against the terminal simulator over real loopback TCP sockets.
@Suite("ZVT session over TCP")
struct ZVTSessionTCPTests {
    @Test("an approved authorization carries the Status Information fields, masked PAN, receipts and display events")
    func approve() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let events = EventCollector(terminal.events)

        let result = try await terminal.authorize(amountCents: 1250, requestID: "r1")

        #expect(result.outcome == .approved)
        #expect(result.resultCode == 0)
        #expect(result.amountCents == 1250)
        #expect(result.receiptNumber == 1)
        #expect(result.trace == 1)
        #expect(result.terminalID == "52500001")
        #expect(result.cardName == "girocard")
        #expect(result.cardType == 5)
        #expect(result.maskedPAN == "672559******1234")
        #expect(result.customerReceipt.contains("Bürgeramt Musterstadt"))
        #expect(result.customerReceipt.contains("Kundenbeleg"))
        #expect(result.merchantReceipt.contains("Händlerbeleg"))
        #expect(simulator.transactions.count == 1)
        #expect(await events.displayTexts() == ["Karte einstecken", "PIN eingeben", "Bitte warten..."])
        let actions = await events.snapshot().compactMap { event -> String? in
            if case .userActionRequired(let action) = event { return action.code.rawValue }
            return nil
        }
        #expect(actions.contains("insertCard"))

        // The journal, read back from the SQLite file through the public API.
        let entry = try await journal.entry("r1")
        #expect(entry.state == .completed)
        #expect(entry.result == result, "the final outcome with every field and both receipts")
        #expect(entry.doubtReason == nil)
        #expect(entry.request.amountCents == 1250 && entry.request.kind == .authorization)
        #expect(entry.request.identity.terminalID == "52500001", "the TID from the Status Information")
        #expect(entry.request.identity.endpoints.contains(uri))
        let first = try #require(entry.messages.first)
        #expect(first.direction == .sent && first.summary.hasPrefix("06 01 Authorization"), "the command is journaled first: \(first)")
        #expect(entry.createdAt <= first.timestamp, "the entry exists before the command went out")
        #expect(entry.messageTypes(.received) == ["80 00", "04 FF", "04 FF", "04 FF", "04 0F"] + Array(repeating: "06 D1", count: 16) + ["06 0F"],
                "every answer is recorded")
        #expect(entry.messageTypes(.sent) == ["06 01"] + Array(repeating: "80 00", count: 21), "each terminal message acknowledged")
        expectNoCardNumber(entry.storedTexts)
        #expect(await terminal.statistics.bytesSent > 0)
        #expect(await terminal.state == .idle)
        await terminal.close()
    }

    @Test("receipts decode in both character sets, as print lines and as text blocks",
          arguments: [ZVTCharset.cp437, .latin1], [ZVTSimulatorScenario.ReceiptStyle.printLines, .textBlocks])
    func receipts(charset: ZVTCharset, style: ZVTSimulatorScenario.ReceiptStyle) async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(displays: [], receipts: style, charset: charset))
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri + "?charset=\(charset.rawValue)")
        let result = try await terminal.authorize(amountCents: 500, requestID: "receipt")
        #expect(result.outcome == .approved)
        #expect(result.customerReceipt.first == "Bürgeramt Musterstadt")
        #expect(result.customerReceipt.last == "Gebühr bezahlt - Danke")
        #expect(result.merchantReceipt.contains("Händlerbeleg"))
        #expect(result.customerReceipt.count == 8 && result.merchantReceipt.count == 8)
        await terminal.close()
    }

    @Test("a slow terminal (a pause before each of its messages) still completes")
    func slowTerminal() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(delay: .milliseconds(40)))
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri)
        let start = ContinuousClock.now
        let result = try await terminal.authorize(amountCents: 100, requestID: "slow")
        #expect(result.outcome == .approved)
        #expect(ContinuousClock.now - start >= .milliseconds(40 * 20), "3 displays, status, 16 print lines, completion")
        await terminal.close()
    }

    @Test("a decline ends with the terminal's result code and nothing booked", arguments: [UInt8(0x05), 0x78, 0x9A])
    func decline(code: UInt8) async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .decline(ZVTResultCode(rawValue: code)), displays: []))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "d1")
        #expect(result.outcome == .declined)
        #expect(result.resultCode == code)
        #expect(result.receiptNumber == nil)
        #expect(simulator.transactions.isEmpty)
        let entry = try await journal.entry("d1")
        #expect(entry.state == .completed)
        #expect(entry.result?.outcome == .declined && entry.result?.resultCode == code)
        #expect(entry.messageTypes(.received) == ["80 00", "04 0F", "06 1E"])
        await terminal.close()
    }

    @Test("the citizen's abort ends as aborted with result 6C")
    func citizenAbort() async throws {
        let (simulator, uri) = try tcpSimulator(.named("abort") ?? .approve)
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "a1")
        #expect(result.outcome == .aborted)
        #expect(result.resultCode == 0x6C)
        await terminal.close()
    }

    @Test("a connection dropped after the Status Information leaves the payment in doubt; Repeat Receipt recovers it")
    func droppedAfterStatusInformation() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .dropAfterStatusInformation, displays: []))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)

        let result = try await terminal.authorize(amountCents: 1250, requestID: "x1")

        #expect(result.outcome == .inDoubt, "never declined: \(result)")
        #expect(result.receiptNumber == 1)
        #expect(simulator.transactions.count == 1)
        let lost = try await journal.entry("x1")
        #expect(lost.state == .inDoubt)
        #expect(lost.result == nil)
        #expect(lost.doubtReason?.isEmpty == false)
        #expect(lost.messageTypes(.received).last == "04 0F", "the Status Information that arrived is recorded")
        #expect(lost.request.identity.terminalID == "52500001", "the entry names the terminal that ran it")
        await #expect(throws: DeviceError.self, "an entry in doubt blocks the next payment") {
            _ = try await terminal.authorize(amountCents: 100, requestID: "x2")
        }

        simulator.scenario = .approve
        let resolutions = try await terminal.recoverInDoubtPayments()
        #expect(resolutions.map(\.requestID) == ["x1"])
        let recovered = try await journal.entry("x1")
        #expect(recovered.state == .completed)
        #expect(recovered.result?.outcome == .approved)
        #expect(recovered.result?.receiptNumber == 1 && recovered.result?.amountCents == 1250)
        #expect(recovered.messages.count > lost.messages.count, "the recorded answers stay; recovery adds its own")
        #expect(Array(recovered.messages.prefix(lost.messages.count)) == lost.messages)
        #expect(simulator.transactions.count == 1, "recovery books nothing")
        #expect(simulator.receivedCommands == [.authorization, .repeatReceipt])
        await terminal.close()
    }

    @Test("a request id already in the journal is refused before anything is sent")
    func journalBusy() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let journal = try SessionJournal()
        _ = try await journal.journal.begin(PaymentRequest(requestID: "dup", kind: .authorization, amountCents: 1250, terminal: uri))
        try await journal.journal.complete(requestID: "dup", result: PaymentResult(outcome: .approved, amountCents: 1250))
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let error = await #expect(throws: DeviceError.self) { try await terminal.authorize(amountCents: 1250, requestID: "dup") }
        #expect(error?.kind == .busy)
        #expect(error?.remedy.contains("bhal payment journal") == true)
        #expect(simulator.receivedCommands.isEmpty)
        #expect(try await journal.entry("dup").messages.isEmpty, "the existing entry is left as it was")
        await terminal.close()
    }

    @Test("a journal write failure before sending (disk full) means nothing is sent and nothing is booked")
    func journalWriteFailure() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: BeginFailingJournal(base: journal.journal))
        let error = await #expect(throws: DeviceError.self) { try await terminal.authorize(amountCents: 1250, requestID: "full") }
        #expect(error == BeginFailingJournal.diskFull)
        #expect(simulator.receivedCommands.isEmpty)
        #expect(simulator.transactions.isEmpty)
        #expect(try await journal.journal.recent(limit: 10).isEmpty)
        #expect(await terminal.state != .busy)
        // The same handle pays once the journal works again.
        let working = try await openTerminal(uri, journal: journal.journal)
        #expect(try await working.authorize(amountCents: 1250, requestID: "full").outcome == .approved)
        #expect(simulator.receivedCommands == [.authorization])
        await terminal.close()
        await working.close()
    }

    @Test("the same request id is sent once: a second authorize with it is refused by the journal")
    func sameRequestIDOnce() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(displays: []))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        _ = try await terminal.authorize(amountCents: 100, requestID: "once")
        do {
            _ = try await terminal.authorize(amountCents: 100, requestID: "once")
            Issue.record("the second authorize must throw")
        } catch {
            #expect(error.kind == .busy)
        }
        #expect(simulator.receivedCommands.filter { $0 == .authorization }.count == 1)
        #expect(try await journal.entry("once").messageTypes(.sent).filter { $0 == "06 01" }.count == 1)
        await terminal.close()
    }

    @Test("refund, reversal by receipt, pre-authorisation with book total and end-of-day")
    func otherPaymentCommands() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(displays: [], receipts: .textBlocks))
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri)
        let payment = try await terminal.authorize(amountCents: 2000, requestID: "p")
        let reversal = try await terminal.reverse(receiptNumber: try #require(payment.receiptNumber), requestID: "rev")
        #expect(reversal.outcome == .approved)
        #expect(reversal.amountCents == 2000)
        #expect(reversal.customerReceipt.contains("Storno"))
        let again = try await terminal.reverse(receiptNumber: try #require(payment.receiptNumber), requestID: "rev2")
        #expect(again.outcome == .declined)
        #expect(again.resultCode == 0xB4)
        #expect(try await terminal.refund(amountCents: 700, requestID: "ref").outcome == .approved)
        let reservation = try await terminal.preAuthorize(amountCents: 5000, requestID: "pre")
        #expect(reservation.outcome == .approved)
        let booked = try await terminal.bookTotal(receiptNumber: try #require(reservation.receiptNumber), amountCents: 4200, requestID: "book")
        #expect(booked.outcome == .approved && booked.amountCents == 4200)
        #expect(try await terminal.partialReversal(receiptNumber: try #require(reservation.receiptNumber), amountCents: 800,
                                                   requestID: "partial").outcome == .approved)
        let endOfDay = try await terminal.endOfDay(requestID: "eod")
        #expect(endOfDay.outcome == .approved)
        #expect(simulator.receivedCommands == [.authorization, .reversal, .reversal, .refund, .preAuthorization, .bookTotal,
                                               .partialReversal, .endOfDay])
        await terminal.close()
    }

    @Test("status enquiry, diagnosis, registration, display text, log-off and the health check")
    func administration() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri)
        let status = try await terminal.statusEnquiry()
        #expect(status.ready && status.terminalID == "52500001")
        #expect(try await terminal.diagnosis().ready)
        #expect(try await terminal.register().terminalID == "52500001")
        try await terminal.displayText(["Bitte Karte", "bereithalten"])
        try await terminal.logOff()
        try await terminal.abort()
        for level in [HealthCheckLevel.internal, .external] {
            let report = try await terminal.checkHealth(level)
            #expect(report.passed, "\(report.text)")
            #expect(report.steps.map(\.name).first == "connection")
        }
        #expect(simulator.transactions.isEmpty)
        await terminal.close()
    }

    @Test("an unreachable terminal fails as offline before anything is journaled")
    func unreachable() async throws {
        let (simulator, uri) = try tcpSimulator()
        simulator.stop()
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        do {
            _ = try await terminal.authorize(amountCents: 100, requestID: "off")
            Issue.record("must throw")
        } catch {
            #expect(error.kind == .offline)
        }
        #expect(try await journal.journal.recent(limit: 10).isEmpty)
        let report = try await terminal.checkHealth(.internal)
        #expect(!report.passed)
        await terminal.close()
    }

    @Test("Abort 06 B0 sent while the terminal waits ends the payment as aborted")
    func abortWhileRunning() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAnswer, displays: [.status(.insertCard)]))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let events = EventCollector(terminal.events)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "ab") }
        #expect(await eventually { await events.displayTexts().contains("Karte einstecken") })
        try await Task.sleep(for: .milliseconds(100))
        try await terminal.abort()
        let result = try await payment.value
        #expect(result.outcome == .aborted)
        #expect(result.resultCode == 0x6C)
        let entry = try await journal.entry("ab")
        #expect(entry.state == .completed && entry.result?.outcome == .aborted && entry.result?.resultCode == 0x6C)
        #expect(entry.messageTypes(.sent).first == "06 01" && entry.messageTypes(.sent).contains("06 B0"), "the Abort is journaled")
        #expect(entry.messageTypes(.received).last == "06 1E", "the terminal's Abort is recorded")
        await terminal.close()
    }
}
