import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import Testing

/// Cancelling the task that awaits a ZVT command, over loopback TCP with a real SQLite journal:
/// before the command went out nothing is booked; after it went out the payment is in doubt,
/// never aborted; the terminal is usable for the next command either way.
@Suite("ZVT session cancellation")
struct ZVTSessionCancellationTests {
    @Test("a payment cancelled after the terminal received it is in doubt and the next command works")
    func cancelledAfterSending() async throws {
        let (simulator, uri) = try tcpSimulator(ZVTSimulatorScenario(outcome: .noAnswer, displays: [.status(.insertCard)]))
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let events = EventCollector(terminal.events)
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "cancel-after") }
        #expect(await eventually { simulator.receivedCommands.contains(.authorization) })
        payment.cancel()
        let result = try await payment.value
        #expect(result.outcome == .inDoubt, "a cancelled wait after sending is never reported as aborted")
        #expect(result.message?.contains("cancelled") == true)
        #expect(result.message?.contains("bhal payment recover") == true, "the result says what to do")
        let entry = try await journal.entry("cancel-after")
        #expect(entry.state == .inDoubt)
        #expect(entry.doubtReason?.contains("cancelled") == true)
        #expect(try await journal.journal.unresolved().map(\.request.requestID) == ["cancel-after"])
        let errors = await events.snapshot().compactMap { event -> DeviceError? in
            if case .error(let error) = event { error } else { nil }
        }
        #expect(errors.map(\.kind).contains(.cancelled))
        #expect(await terminal.state == .idle)
        let status = try await terminal.statusEnquiry()
        #expect(status.ready)
        #expect(simulator.transactions.isEmpty, "the simulated terminal booked nothing")
        await terminal.close()
    }

    @Test("a payment cancelled before its command went out throws cancelled and sends nothing")
    func cancelledBeforeSending() async throws {
        let (simulator, uri) = try tcpSimulator()
        defer { simulator.stop() }
        let journal = try SessionJournal()
        let terminal = try await openTerminal(uri, journal: journal.journal)
        let payment = Task { () async throws -> PaymentResult in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await terminal.authorize(amountCents: 1250, requestID: "cancel-before")
        }
        var kind: DeviceError.Kind?
        if case .failure(let error) = await payment.result { kind = (error as? DeviceError)?.kind }
        #expect(kind == .cancelled)
        #expect(!simulator.receivedCommands.contains(.authorization), "the terminal received nothing")
        let entry = try await journal.entry("cancel-before")
        #expect(entry.state == .completed && entry.result?.outcome == .aborted, "provably not sent: not in doubt")
        #expect(await terminal.state == .idle)
        let result = try await terminal.authorize(amountCents: 700, requestID: "after-cancel")
        #expect(result.outcome == .approved)
        await terminal.close()
    }
}
