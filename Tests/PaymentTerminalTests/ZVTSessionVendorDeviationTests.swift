import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import TestSupport
import Testing

/// Vendor deviations seen in the field (zvt.md §10), end to end: the simulator's named scenarios
/// against the session over loopback TCP and a socat pty pair, journaled into SQLite.
@Suite("ZVT vendor deviations end to end")
struct ZVTSessionVendorDeviationTests {
    /// The simulator with the scenario `name` (fails the test for an unknown name).
    func scenario(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ZVTSimulatorScenario {
        try #require(ZVTSimulatorScenario.named(name), sourceLocation: sourceLocation)
    }

    @Test("status codes outside the table: the kiosk gets a generic text, the payment goes on")
    func unknownIntermediateStatus() async throws {
        let (simulator, uri) = try tcpSimulator(try scenario("unknown-status"))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let events = EventCollector(terminal.events)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "vendor-status")
        #expect(result.outcome == .approved && result.receiptNumber == 1)
        let generic = "Bitte Anzeige am Terminal beachten"
        #expect(await events.displayTexts() == ["Karte einstecken", generic, generic, generic, "Bitte warten..."])
        let entry = try await journal.entry("vendor-status")
        #expect(entry.state == .completed && entry.result?.outcome == .approved)
        let statuses = entry.messages.filter { $0.summary.hasPrefix("04 FF") }.map(\.summary)
        #expect(statuses.count == 5)
        #expect(statuses.contains { $0.contains("A3") } && statuses.contains { $0.contains("6B") }, "the codes stay in the journal: \(statuses)")
        await terminal.close()
    }

    @Test("84 1E 01 xx in place of the acknowledgement or of Abort 06 1E: an outcome with that result code, nothing booked",
          arguments: [("refuse-1e-6c", UInt8(0x6C), PaymentOutcome.aborted), ("refuse-1e-late-6c", 0x6C, .aborted),
                      ("refuse-1e-late-05", 0x05, .declined), ("refuse-1e-9a", 0x9A, .declined)])
    func refusalWithResultCode(name: String, code: UInt8, outcome: PaymentOutcome) async throws {
        let (simulator, uri) = try tcpSimulator(try scenario(name))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: name)
        #expect(result.outcome == outcome)
        #expect(result.resultCode == code)
        #expect(result.message?.contains(ZVTResultCode(rawValue: code).description) == true, "\(String(describing: result.message))")
        #expect(result.receiptNumber == nil)
        #expect(simulator.transactions.isEmpty)
        let entry = try await journal.entry(name)
        #expect(entry.state == .completed)
        #expect(entry.result?.outcome == outcome && entry.result?.resultCode == code)
        #expect(entry.messageTypes(.received).last == "84 1E")
        #expect(await terminal.state == .idle)
        // The terminal is free for the next payment: nothing was left in doubt.
        simulator.scenario = ZVTSimulatorScenario(displays: [], receipts: .none)
        #expect(try await terminal.authorize(amountCents: 1250, requestID: name + "-next").outcome == .approved)
        await terminal.close()
    }

    @Test("Status Information 00, then Abort 06 1E: in doubt, never aborted; recovery finds the booking, nothing is booked twice")
    func approvedThenAborted() async throws {
        let (simulator, uri) = try tcpSimulator(try scenario("approve-then-abort-6c"))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "then-abort")
        #expect(result.outcome == .inDoubt, "an approved payment must not be reported aborted: \(result)")
        #expect(result.receiptNumber == 1 && result.amountCents == 1250)
        #expect(result.message?.contains("may be booked") == true, "\(String(describing: result.message))")
        #expect(simulator.transactions.count == 1)
        let lost = try await journal.entry("then-abort")
        #expect(lost.state == .inDoubt)
        #expect(lost.messageTypes(.received).last == "06 1E")
        await #expect(throws: DeviceError.self, "the entry in doubt blocks the next payment") {
            _ = try await terminal.authorize(amountCents: 1250, requestID: "then-abort-again")
        }

        simulator.scenario = .approve
        #expect(try await terminal.recoverInDoubtPayments().map(\.requestID) == ["then-abort"])
        let recovered = try await journal.entry("then-abort")
        #expect(recovered.state == .completed && recovered.result?.outcome == .approved)
        #expect(recovered.result?.receiptNumber == 1)
        #expect(simulator.transactions.count == 1, "recovery books nothing")
        await terminal.close()
    }

    @Test("ISO 8859-1 receipts as print lines and as text blocks keep their umlauts",
          arguments: ["approve-latin1-lines", "approve-latin1"])
    func latin1Receipts(name: String) async throws {
        let (simulator, uri) = try tcpSimulator(try scenario(name))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri + "?charset=latin1", journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: name)
        #expect(result.outcome == .approved)
        #expect(result.customerReceipt.first == "Bürgeramt Musterstadt")
        #expect(result.customerReceipt.contains("Gebühr bezahlt - Danke"))
        #expect(result.merchantReceipt.contains("Händlerbeleg"))
        #expect(try await journal.entry(name).result?.customerReceipt == result.customerReceipt)
        await terminal.close()
    }

    @Test("the same ISO 8859-1 receipt read as CP437 shows no umlauts: the URI's charset matters")
    func latin1ReadAsCP437() async throws {
        let (simulator, uri) = try tcpSimulator(try scenario("approve-latin1-lines"))
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "wrong-charset")
        #expect(result.outcome == .approved)
        #expect(!result.customerReceipt.contains("Bürgeramt Musterstadt"))
        await terminal.close()
    }

    @Test("an empty PAN 22 F0 F0 gives no masked PAN at all, not garbage")
    func emptyPAN() async throws {
        let (simulator, uri) = try tcpSimulator(try scenario("empty-pan"))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "empty-pan")
        #expect(result.outcome == .approved)
        #expect(result.maskedPAN == nil)
        #expect(result.cardName == "girocard" && result.receiptNumber == 1)
        let entry = try await journal.entry("empty-pan")
        #expect(entry.result?.maskedPAN == nil)
        let status = try #require(entry.messages.first { $0.summary.hasPrefix("04 0F") })
        #expect(status.summary.contains("22 PAN / EF_ID: ;"), "the empty BMP 22 arrived and shows empty: \(status.summary)")
        await terminal.close()
    }

    @Test("Status Information without a card name: approved, card name absent")
    func noCardName() async throws {
        let (simulator, uri) = try tcpSimulator(try scenario("no-card-name"))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "no-name")
        #expect(result.outcome == .approved)
        #expect(result.cardName == nil)
        #expect(result.cardType == 5 && result.maskedPAN == "672559******1234")
        #expect(try await journal.entry("no-name").result?.cardName == nil)
        await terminal.close()
    }

    @Test("a terminal that sends the full card number: result, receipts and journal file show 6/4 at most")
    func unmaskedPAN() async throws {
        let (simulator, uri) = try tcpSimulator(try scenario("unmasked-pan"))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let result = try await terminal.authorize(amountCents: 1250, requestID: "unmasked")
        #expect(result.outcome == .approved)
        #expect(result.maskedPAN == "476173******0010")
        #expect(result.customerReceipt.contains("girocard 476173******0010"))
        expectNoCardNumber(result.customerReceipt + result.merchantReceipt)
        let entry = try await journal.entry("unmasked")
        expectNoCardNumber(entry.storedTexts)
        let bytes = try journal.fileBytes()
        #expect(bytes.range(of: Data("4761739001010010".utf8)) == nil, "no full card number in the SQLite files")
        #expect(bytes.range(of: Data("900101".utf8)) == nil)
        await terminal.close()
    }

    @Test("deviations over the serial pty: unknown statuses, ISO 8859-1 print lines, 84 1E after the acknowledgement, empty PAN",
          arguments: ["unknown-status", "approve-latin1-lines", "refuse-1e-late-6c", "empty-pan"])
    func overSerial(name: String) async throws {
        let pty = try PtyPair()
        defer { pty.stop() }
        let simulator = ZVTTerminalSimulator(scenario: try scenario(name))
        try simulator.attach(serialDevice: pty.terminal)
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal("zvt+serial://\(pty.ecr)?charset=latin1", journal: journal.journal)
        let events = EventCollector(terminal.events)
        let result = try await terminal.authorize(amountCents: 1250, requestID: name)
        switch name {
        case "refuse-1e-late-6c":
            #expect(result.outcome == .aborted && result.resultCode == 0x6C)
            #expect(simulator.transactions.isEmpty)
        case "unknown-status":
            #expect(result.outcome == .approved)
            #expect(await events.displayTexts().filter { $0 == "Bitte Anzeige am Terminal beachten" }.count == 3)
        case "approve-latin1-lines":
            #expect(result.outcome == .approved)
            #expect(result.customerReceipt.first == "Bürgeramt Musterstadt" && result.merchantReceipt.contains("Händlerbeleg"))
        default:
            #expect(result.outcome == .approved && result.maskedPAN == nil)
        }
        let entry = try await journal.entry(name)
        #expect(entry.state == .completed && entry.result?.outcome == result.outcome)
        await terminal.close()
    }
}
