import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import TestSupport
import Testing

/// The ZVT session against the simulator over a real pty pair made by socat: DLE STX framing,
/// CRC, ACK/NAK and repeats.
@Suite("ZVT session over a serial pty pair", .serialized)
struct ZVTSessionSerialTests {
    /// A simulator on the terminal end and an open, claimed terminal on the ECR end.
    func withSerial(_ scenario: ZVTSimulatorScenario, charset: ZVTCharset = .cp437, journal: (any PaymentJournal)? = nil,
                    _ body: (ZVTPaymentTerminal, ZVTTerminalSimulator) async throws -> Void) async throws {
        let pty = try PtyPair()
        defer { pty.stop() }
        let simulator = ZVTTerminalSimulator(scenario: scenario)
        try simulator.attach(serialDevice: pty.terminal)
        defer { simulator.stop() }
        let terminal = try await openTerminal("zvt+serial://\(pty.ecr)?baud=9600", charset: charset, journal: journal)
        try await body(terminal, simulator)
        await terminal.close()
    }

    /// The pty a socat link points to.
    func resolvedPath(of terminal: ZVTPaymentTerminal) -> String? {
        guard case .serial(let path, _) = terminal.configuration.endpoint else { return nil }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: path))
    }

    @Test("an approved authorization with receipts and display texts", arguments: [ZVTCharset.cp437, .latin1])
    func approve(charset: ZVTCharset) async throws {
        let journal = try SessionJournal()
        try await withSerial(ZVTSimulatorScenario(receipts: .printLines, charset: charset), charset: charset, journal: journal.journal) { terminal, simulator in
            let events = EventCollector(terminal.events)
            let result = try await terminal.authorize(amountCents: 1250, requestID: "s1")
            #expect(result.outcome == .approved)
            #expect(result.receiptNumber == 1)
            #expect(result.maskedPAN == "672559******1234")
            #expect(result.customerReceipt.contains("Gebühr bezahlt - Danke"))
            #expect(result.merchantReceipt.contains("Händlerbeleg"))
            #expect(await events.displayTexts() == ["Karte einstecken", "PIN eingeben", "Bitte warten..."])
            let entry = try await journal.entry("s1")
            #expect(entry.state == .completed && entry.result == result)
            #expect(entry.messages.first?.summary.hasPrefix("06 01 Authorization") == true)
            #expect(entry.messageTypes(.received).contains("04 0F") && entry.messageTypes(.received).last == "06 0F")
            #expect(entry.request.identity.terminalID == "52500001")
            let pty = try #require(resolvedPath(of: terminal))
            #expect(entry.request.identity.endpoints == ["zvt+serial://\(pty)", terminal.configuration.endpoint.key].sorted(),
                    "the socat link and the pty it points to are both keys")
            expectNoCardNumber(entry.storedTexts)
            #expect(try await terminal.statusEnquiry().ready)
        }
    }

    @Test("a decline and an abort over serial")
    func declineAndAbort() async throws {
        try await withSerial(ZVTSimulatorScenario(outcome: .decline(ZVTResultCode(rawValue: 0x05)), displays: [])) { terminal, simulator in
            let declined = try await terminal.authorize(amountCents: 1250, requestID: "sd")
            #expect(declined.outcome == .declined && declined.resultCode == 0x05)
            simulator.scenario = ZVTSimulatorScenario(outcome: .citizenAbort, displays: [])
            let aborted = try await terminal.authorize(amountCents: 1250, requestID: "sa")
            #expect(aborted.outcome == .aborted && aborted.resultCode == 0x6C)
        }
    }

    @Test("NAK: the ECR repeats a rejected frame (up to twice) and the payment goes through")
    func nakAndRepeat() async throws {
        try await withSerial(ZVTSimulatorScenario(displays: [], receipts: .none, rejectedFrames: 2)) { terminal, simulator in
            let result = try await terminal.authorize(amountCents: 990, requestID: "nak")
            #expect(result.outcome == .approved)
            #expect(simulator.receivedCommands == [.authorization])
        }
    }

    @Test("three NAKs: the command provably never arrived, so it fails without doubt and nothing is booked")
    func nakThreeTimes() async throws {
        let journal = try SessionJournal()
        try await withSerial(ZVTSimulatorScenario(displays: [], receipts: .none, rejectedFrames: 3), journal: journal.journal) { terminal, simulator in
            do {
                _ = try await terminal.authorize(amountCents: 990, requestID: "nak3")
                Issue.record("must fail")
            } catch {
                #expect((error as? DeviceError)?.kind == .protocol)
            }
            #expect(simulator.transactions.isEmpty)
            let entry = try await journal.entry("nak3")
            #expect(entry.state == .completed && entry.result?.outcome == .aborted)
            #expect(entry.result?.message?.hasPrefix("not sent") == true, "\(String(describing: entry.result?.message))")
            #expect(entry.messages.isEmpty, "no command reached the terminal, so none is recorded as sent")
        }
    }

    @Test("silence after the Status Information leaves the payment in doubt (T4 shortened to 300 ms)")
    func silenceAfterStatusInformation() async throws {
        let pty = try PtyPair()
        defer { pty.stop() }
        let simulator = ZVTTerminalSimulator(scenario: ZVTSimulatorScenario(outcome: .dropAfterStatusInformation, displays: [], receipts: .none))
        try simulator.attach(serialDevice: pty.terminal)
        defer { simulator.stop() }
        var configuration = try ZVTTerminalConfiguration(uri: "zvt+serial://\(pty.ecr)")
        configuration.completionTimeout = .milliseconds(300)
        let journal = try SessionJournal()
        let terminal = ZVTPaymentTerminal(logicalName: "payment", configuration: configuration, journal: journal.journal)
        try await terminal.open()
        try await terminal.claim()
        let result = try await terminal.authorize(amountCents: 1250, requestID: "silent")
        #expect(result.outcome == .inDoubt)
        #expect(result.receiptNumber == 1)
        let lost = try await journal.entry("silent")
        #expect(lost.state == .inDoubt && lost.doubtReason?.contains("T4") == true, "\(String(describing: lost.doubtReason))")
        simulator.scenario = ZVTSimulatorScenario(displays: [], receipts: .none)
        _ = try await terminal.recoverInDoubtPayments()
        let recovered = try await journal.entry("silent")
        #expect(recovered.state == .completed && recovered.result?.outcome == .approved && recovered.result?.receiptNumber == 1)
        #expect(simulator.transactions.count == 1)
        await terminal.close()
    }
}
