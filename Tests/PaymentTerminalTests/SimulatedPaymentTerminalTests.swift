import Clocks
import DeviceCore
import PaymentTerminal
import Testing

@Suite("Simulated payment terminal")
struct SimulatedPaymentTerminalTests {
    @Test("status enquiry and diagnosis pass; simulated delays run on the injected clock")
    func healthy() async throws {
        let clock = ImmediateClock()
        let terminal = SimulatedPaymentTerminal(logicalName: "payment", clock: clock)
        try await terminal.open()
        let report = try await terminal.checkHealth(.external)
        #expect(report.passed)
        #expect(report.steps.map(\.name) == ["status enquiry", "diagnosis"])
        #expect(report.steps.map(\.duration) == [.milliseconds(15), .milliseconds(60)])
        #expect(report.steps.first?.detail == "TID 52500001, Terminal bereit")
    }

    @Test("a terminal that is not ready fails the check as busy with a remedy")
    func notReady() async throws {
        let terminal = SimulatedPaymentTerminal(logicalName: "payment", clock: ImmediateClock())
        try await terminal.open()
        await terminal.setReady(false)
        let report = try await terminal.checkHealth(.internal)
        guard case .failed(let error) = report.steps.first?.outcome else {
            Issue.record("status enquiry should fail")
            return
        }
        #expect(error.kind == .busy)
        #expect(error.message.contains("Kassenschnitt"))
    }

    @Test("an unreachable terminal fails to open and to answer, as offline")
    func unreachable() async throws {
        let terminal = SimulatedPaymentTerminal(logicalName: "payment", clock: ImmediateClock())
        await terminal.setReachable(false)
        await #expect(throws: DeviceError.self) { try await terminal.open() }
        await terminal.setReachable(true)
        try await terminal.open()
        await terminal.setReachable(false)
        let error = await #expect(throws: DeviceError.self) { try await terminal.statusEnquiry() }
        #expect(error?.kind == .offline)
        #expect(await terminal.state == .error)
        #expect(await terminal.statistics.communicationErrorCount == 1)
    }
}
