import DeviceCore
import Foundation
import PaymentTerminal
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

    @Test("an approved authorization with receipts and display texts", arguments: [ZVTCharset.cp437, .latin1])
    func approve(charset: ZVTCharset) async throws {
        let journal = RecordingJournal()
        try await withSerial(ZVTSimulatorScenario(receipts: .printLines, charset: charset), charset: charset, journal: journal) { terminal, simulator in
            let events = EventCollector(terminal.events)
            let result = try await terminal.authorize(amountCents: 1250, requestID: "s1")
            #expect(result.outcome == .approved)
            #expect(result.receiptNumber == 1)
            #expect(result.maskedPAN == "672559******1234")
            #expect(result.customerReceipt.contains("Gebühr bezahlt - Danke"))
            #expect(result.merchantReceipt.contains("Händlerbeleg"))
            #expect(await events.displayTexts() == ["Karte einstecken", "PIN eingeben", "Bitte warten..."])
            #expect(await journal.milestones == ["begin s1", "complete s1 approved"])
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
        let journal = RecordingJournal()
        try await withSerial(ZVTSimulatorScenario(displays: [], receipts: .none, rejectedFrames: 3), journal: journal) { terminal, simulator in
            do {
                _ = try await terminal.authorize(amountCents: 990, requestID: "nak3")
                Issue.record("must fail")
            } catch {
                #expect((error as? DeviceError)?.kind == .protocol)
            }
            #expect(simulator.transactions.isEmpty)
            #expect(await journal.milestones == ["begin nak3", "complete nak3 aborted"])
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
        let terminal = ZVTPaymentTerminal(logicalName: "payment", configuration: configuration)
        try await terminal.open()
        try await terminal.claim()
        let result = try await terminal.authorize(amountCents: 1250, requestID: "silent")
        #expect(result.outcome == .inDoubt)
        #expect(result.receiptNumber == 1)
        simulator.scenario = ZVTSimulatorScenario(displays: [], receipts: .none)
        let recovered = try await terminal.repeatReceipt()
        #expect(recovered.outcome == .approved && recovered.receiptNumber == 1)
        await terminal.close()
    }
}
