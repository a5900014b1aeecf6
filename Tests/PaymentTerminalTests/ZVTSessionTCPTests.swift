import DeviceCore
import Foundation
import PaymentTerminal
import Testing

/// The ZVT session against the terminal simulator over real loopback TCP sockets.
@Suite("ZVT session over TCP")
struct ZVTSessionTCPTests {
    @Test("an approved authorization carries the Status Information fields, masked PAN, receipts and display events")
    func approve() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let journal = RecordingJournal()
        let terminal = try await openTerminal(uri, journal: journal)
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
            if case .userActionRequired(let action) = event { return action.code }
            return nil
        }
        #expect(actions.contains("insertCard"))
        #expect(await journal.milestones == ["begin r1", "complete r1 approved"])
        let calls = await journal.calls
        #expect(calls.dropFirst().first?.hasPrefix("record r1 sent 06 01 Authorization") == true, "the command is journaled first: \(calls)")
        #expect(calls.contains { $0.hasPrefix("record r1 received 04 0F Status Information") })
        #expect(!calls.joined().contains("672559000"), "no unmasked PAN digits in the journal")
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
        let journal = RecordingJournal()
        let terminal = try await openTerminal(uri, journal: journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "d1")
        #expect(result.outcome == .declined)
        #expect(result.resultCode == code)
        #expect(result.receiptNumber == nil)
        #expect(simulator.transactions.isEmpty)
        #expect(await journal.milestones == ["begin d1", "complete d1 declined"])
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
        let journal = RecordingJournal()
        let terminal = try await openTerminal(uri, journal: journal)

        let result = try await terminal.authorize(amountCents: 1250, requestID: "x1")

        #expect(result.outcome == .inDoubt, "never declined: \(result)")
        #expect(result.receiptNumber == 1)
        #expect(await journal.milestones == ["begin x1", "inDoubt x1"])
        #expect(simulator.transactions.count == 1)

        simulator.scenario = .approve
        let recovered = try await terminal.repeatReceipt()
        #expect(recovered.outcome == .approved)
        #expect(recovered.receiptNumber == 1)
        #expect(recovered.amountCents == 1250)
        #expect(simulator.transactions.count == 1, "recovery books nothing")
        await terminal.close()
    }

    @Test("a journal that refuses begin (request id exists) means nothing is sent")
    func journalBusy() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri, journal: RecordingJournal(busy: true))
        await #expect(throws: DeviceError.self) { try await terminal.authorize(amountCents: 1250, requestID: "dup") }
        try await Task.sleep(for: .milliseconds(50))
        #expect(simulator.receivedCommands.isEmpty)
        #expect(simulator.transactions.isEmpty)
        await terminal.close()
    }

    @Test("the same request id is sent once: a second authorize with it is refused by the journal")
    func sameRequestIDOnce() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(displays: []))
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri, journal: RecordingJournal())
        _ = try await terminal.authorize(amountCents: 100, requestID: "once")
        do {
            _ = try await terminal.authorize(amountCents: 100, requestID: "once")
            Issue.record("the second authorize must throw")
        } catch {
            #expect(error.kind == .busy)
        }
        #expect(simulator.receivedCommands.filter { $0 == .authorization }.count == 1)
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
        let journal = RecordingJournal()
        let terminal = try await openTerminal(uri, journal: journal)
        do {
            _ = try await terminal.authorize(amountCents: 100, requestID: "off")
            Issue.record("must throw")
        } catch {
            #expect(error.kind == .offline)
        }
        #expect(await journal.calls.isEmpty)
        let report = try await terminal.checkHealth(.internal)
        #expect(!report.passed)
        await terminal.close()
    }

    @Test("Abort 06 B0 sent while the terminal waits ends the payment as aborted")
    func abortWhileRunning() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAnswer, displays: [.status(.insertCard)]))
        defer { simulator.stop() }
        let journal = RecordingJournal()
        let terminal = try await openTerminal(uri, journal: journal)
        let events = EventCollector(terminal.events)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "ab") }
        #expect(await eventually { await events.displayTexts().contains("Karte einstecken") })
        try await Task.sleep(for: .milliseconds(100))
        try await terminal.abort()
        let result = try await payment.value
        #expect(result.outcome == .aborted)
        #expect(result.resultCode == 0x6C)
        #expect(await journal.milestones == ["begin ab", "complete ab aborted"])
        #expect(await journal.calls.contains { $0.hasPrefix("record ab sent 06 B0") })
        await terminal.close()
    }
}
