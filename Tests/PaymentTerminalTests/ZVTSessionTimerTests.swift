import Clocks
import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import Testing

/// T3 and T4 on an injected clock: the tests advance time by hand and never wait for real timers.
@Suite("ZVT session timers")
struct ZVTSessionTimerTests {
    @Test("T3: a terminal that never acknowledges ends the payment in doubt at once on an ImmediateClock")
    func acknowledgementTimeout() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAcknowledgement))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal, clock: ImmediateClock())
        let result = try await terminal.authorize(amountCents: 1250, requestID: "t3")
        #expect(result.outcome == .inDoubt)
        #expect(result.message?.contains("T3") == true, "\(String(describing: result.message))")
        let entry = try await journal.entry("t3")
        #expect(entry.state == .inDoubt && entry.result == nil)
        #expect(entry.doubtReason?.contains("T3") == true, "\(String(describing: entry.doubtReason))")
        #expect(entry.messageTypes(.sent) == ["06 01"] && entry.messageTypes(.received).isEmpty)
        #expect(await terminal.statistics.communicationErrorCount == 1)
        await terminal.close()
    }

    @Test("while the terminal holds the command, the entry is on disk: pending, with the command recorded")
    func entryDurableWhileTheTerminalHoldsTheCommand() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAcknowledgement))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let clock = TestClock()
        let terminal = try await openTerminal(uri, journal: journal.journal, clock: clock)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "held") }
        #expect(await eventually { simulator.receivedCommands == [.authorization] })
        // What another process sees now, through its own connection to the file.
        let seen = try #require(try await journal.reader().entry(requestID: "held"))
        #expect(seen.state == .pending)
        #expect(seen.request.amountCents == 1250)
        #expect(seen.messageTypes(.received).isEmpty)
        // The record of the command itself follows its sending, before any answer is awaited.
        #expect(await eventually { (try? await journal.reader().entry(requestID: "held"))?.messageTypes(.sent) == ["06 01"] })
        // Then T3 runs out (advanced until the session's timer is armed and fires).
        #expect(await eventually {
            await clock.advance(by: .seconds(5))
            return await terminal.state != .busy
        })
        #expect(try await payment.value.outcome == .inDoubt)
        #expect(try await journal.entry("held").state == .inDoubt)
        await terminal.close()
    }

    @Test("T3 on a status enquiry throws a timeout naming T3")
    func statusEnquiryTimeout() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAcknowledgement))
        defer { simulator.stop() }
        let terminal = try await openTerminal(uri, clock: ImmediateClock())
        do {
            _ = try await terminal.statusEnquiry()
            Issue.record("must time out")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.operation.contains("T3"))
        }
        await terminal.close()
    }

    @Test("T4: 180 s of silence after the acknowledgement ends the payment in doubt, not before")
    func completionTimeout() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAnswer, displays: [.status(.insertCard)]))
        defer { simulator.stop() }
        let clock = TestClock()
        let terminal = try await openTerminal(uri, clock: clock)
        let events = EventCollector(terminal.events)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "t4") }
        #expect(await eventually { await events.displayTexts().contains("Karte einstecken") })
        try await Task.sleep(for: .milliseconds(100))
        await clock.advance(by: .seconds(179))
        try await Task.sleep(for: .milliseconds(200))
        #expect(await terminal.state == .busy, "T4 must not expire before 180 s")
        await clock.advance(by: .seconds(2))
        let result = try await payment.value
        #expect(result.outcome == .inDoubt)
        #expect(result.message?.contains("T4") == true, "\(String(describing: result.message))")
        await terminal.close()
    }

    @Test("T4 is changed by the timeout in the terminal's intermediate status (5 minutes)")
    func completionTimeoutFromTerminal() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAnswer, displays: [.text("PIN eingeben")]))
        defer { simulator.stop() }
        let clock = TestClock()
        let terminal = try await openTerminal(uri, clock: clock)
        let events = EventCollector(terminal.events)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "t4b") }
        #expect(await eventually { await events.displayTexts().contains("PIN eingeben") })
        try await Task.sleep(for: .milliseconds(100))
        await clock.advance(by: .seconds(181))
        try await Task.sleep(for: .milliseconds(200))
        #expect(await terminal.state == .busy, "the terminal asked for 5 minutes")
        await clock.advance(by: .seconds(120))
        let result = try await payment.value
        #expect(result.outcome == .inDoubt)
        await terminal.close()
    }
}
