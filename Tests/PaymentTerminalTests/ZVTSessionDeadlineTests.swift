import Clocks
import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import Testing

/// The overall deadline of a command (issue 9, item 4): a terminal that floods the ECR with
/// intermediate status, unknown messages or Status Information is aborted after 5 minutes on the
/// injected clock, the outcome follows the usual rules, and the journal entry stays small.
@Suite("ZVT session overall deadline")
struct ZVTSessionDeadlineTests {
    /// Advances `clock` by `total` in 60-s steps (below T4, which every flood message re-arms),
    /// each after the flood has gone on, so only the overall deadline can run out.
    func advance(_ clock: TestClock<Duration>, by total: Int, while simulator: ZVTTerminalSimulator, messages: Int = 3) async {
        for _ in 0..<(total / 60) {
            let before = simulator.sentMessageCount
            _ = await eventually { simulator.sentMessageCount >= before + messages }
            await clock.advance(by: .seconds(60))
        }
    }

    /// Runs an authorization against `flood` and returns the result, the journal entry and what
    /// the simulator received (checked before the deadline too).
    func flooded(_ flood: ZVTSimulatorScenario.Flood) async throws -> (PaymentResult, JournalEntry, ZVTTerminalSimulator) {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .flood(flood), displays: []))
        let journal = try SessionJournal()
        let clock = TestClock()
        let terminal = try await openTerminal(uri, journal: journal.journal, clock: clock)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "flood") }
        // 60 messages a minute: well past the journal's first 50, so its bound shows.
        await advance(clock, by: 240, while: simulator, messages: 60)
        #expect(await terminal.state == .busy, "4 minutes are below the deadline")
        #expect(simulator.receivedCommands == [.authorization], "no Abort before the deadline")
        await advance(clock, by: 60, while: simulator)
        let result = try await payment.value
        let entry = try await journal.entry("flood")
        await terminal.close()
        simulator.stop()
        return (result, entry, simulator)
    }

    @Test("a flood of 04 FF: Abort at 5 minutes, outcome aborted, a bounded journal entry")
    func floodOfIntermediateStatus() async throws {
        let (result, entry, simulator) = try await flooded(.intermediateStatus)
        #expect(simulator.receivedCommands == [.authorization, .abort])
        #expect(result.outcome == .aborted, "\(String(describing: result.message))")
        #expect(result.resultCode == ZVTResultCode.aborted.rawValue)
        #expect(result.message?.contains("overall deadline") == true, "\(String(describing: result.message))")
        #expect(simulator.sentMessageCount > 200, "the flood really flooded: \(simulator.sentMessageCount)")
        #expect(entry.state == .completed && entry.result?.outcome == .aborted)
        #expect(entry.messages.count <= 110, "\(entry.messages.count) messages for one entry")
        #expect(entry.messages.first?.summary.hasPrefix("06 01") == true)
        #expect(entry.messageTypes(.sent).contains("06 B0"))
        #expect(entry.messageTypes(.received).contains("06 1E"))
        let counts = try #require(entry.messages.first { $0.direction == .received && $0.summary.contains("not recorded one by one") })
        #expect(counts.summary.contains("× 04 FF"), "\(counts.summary)")
    }

    @Test("a flood of unknown messages: refused with 84 83 each, aborted at the deadline")
    func floodOfUnknownMessages() async throws {
        let (result, entry, simulator) = try await flooded(.unknownMessages)
        #expect(simulator.receivedCommands == [.authorization, .abort])
        #expect(result.outcome == .aborted)
        #expect(entry.messages.count <= 110)
        let sent = try #require(entry.messages.first { $0.direction == .sent && $0.summary.contains("not recorded one by one") })
        #expect(sent.summary.contains("× 84 83"), "\(sent.summary)")
    }

    @Test("a flood of approving Status Information: in doubt after the Abort, the last one kept")
    func floodOfStatusInformation() async throws {
        let (result, entry, simulator) = try await flooded(.statusInformation)
        #expect(simulator.receivedCommands == [.authorization, .abort])
        #expect(simulator.transactions.count == 1, "booked once")
        #expect(result.outcome == .inDoubt, "the terminal approved: never aborted")
        #expect(entry.state == .inDoubt)
        #expect(entry.messages.count <= 110)
        #expect(entry.messages.contains { $0.summary.hasPrefix("04 0F") && $0.summary.contains("the last Status Information") },
                "\(entry.messages.map(\.summary).suffix(5))")
    }

    @Test("a terminal that goes on after the Abort: in doubt once the 30-s grace period has passed, not before")
    func abortIgnored() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .flood(.intermediateStatusIgnoringAbort), displays: []))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let clock = TestClock()
        let terminal = try await openTerminal(uri + "?deadline=60", journal: journal.journal, clock: clock)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "ignored") }
        await advance(clock, by: 60, while: simulator)
        #expect(await eventually { simulator.receivedCommands == [.authorization, .abort] })
        for _ in 0..<2 {
            let before = simulator.sentMessageCount
            _ = await eventually { simulator.sentMessageCount >= before + 3 }
            await clock.advance(by: .seconds(14))
        }
        #expect(await terminal.state == .busy, "28 s of the 30-s grace period")
        let before = simulator.sentMessageCount
        _ = await eventually { simulator.sentMessageCount >= before + 3 }
        await clock.advance(by: .seconds(3))
        let result = try await payment.value
        #expect(result.outcome == .inDoubt, "the terminal never ended the payment: it may have booked")
        #expect(result.message?.contains("overall deadline") == true, "\(String(describing: result.message))")
        #expect(simulator.receivedCommands == [.authorization, .abort], "one Abort, never the payment again")
        #expect(try await journal.entry("ignored").state == .inDoubt)
        await terminal.close()
    }

    @Test("the deadline comes from the configuration (URI deadline=SECONDS)")
    func configuredDeadline() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .flood(.intermediateStatus), displays: []))
        defer { simulator.stop() }
        let clock = TestClock()
        let terminal = try await openTerminal(uri + "?deadline=60", clock: clock)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "short") }
        await advance(clock, by: 60, while: simulator)
        #expect(try await payment.value.outcome == .aborted)
        #expect(simulator.receivedCommands == [.authorization, .abort])
        await terminal.close()
    }

    @Test("deadline=SECONDS outside 1-3600 is refused with the reason")
    func invalidDeadline() {
        #expect(throws: ZVTURIError.self) { try ZVTTerminalConfiguration(uri: "zvt+tcp://127.0.0.1?deadline=0") }
        #expect(throws: ZVTURIError.self) { try ZVTTerminalConfiguration(uri: "zvt+tcp://127.0.0.1?deadline=soon") }
        #expect((try? ZVTTerminalConfiguration(uri: "zvt+tcp://127.0.0.1"))?.transactionDeadline == .seconds(300))
    }
}
