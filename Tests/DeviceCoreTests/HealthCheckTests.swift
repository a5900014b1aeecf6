import Clocks
import DeviceCore
import Testing

@Suite("Health checks")
struct HealthCheckTests {
    let info = DeviceInfo(logicalName: "probe", family: .receiptPrinter, backend: .simulated, backendName: "simulator")

    @Test("step durations come from the injected clock")
    func durationsFromClock() async {
        let clock = ImmediateClock()
        var recorder = HealthCheckRecorder(clock: clock)
        await recorder.step("slow step") {
            try await clock.sleep(for: .seconds(2))
            return "done"
        }
        let report = recorder.report(for: info, level: .internal)
        #expect(report.steps.first?.duration == .seconds(2))
        #expect(report.passed)
        #expect(report.text == "slow step: passed (done)")
    }

    @Test("a failed step fails the report and skips the steps that depend on it")
    func failureSkipsDependents() async {
        var recorder = HealthCheckRecorder(clock: ImmediateClock())
        await recorder.step("link") { throw DeviceError(.offline, operation: "link", message: "no answer", remedy: "Plug it in.") }
        await recorder.step("status") { "never runs" }
        await recorder.step("independent", requires: false) { "runs" }
        let report = recorder.report(for: info, level: .external)
        #expect(!report.passed)
        #expect(report.steps.map(\.outcome.name) == ["failed", "skipped", "passed"])
        #expect(report.text.contains("link: FAILED: link failed: no answer. Plug it in."))
    }

    @Test("a report without a passed step does not pass")
    func emptyReportFails() {
        #expect(!HealthReport(device: info, level: .internal, steps: []).passed)
        let skippedOnly = HealthReport(device: info, level: .internal,
                                       steps: [HealthStep(name: "x", outcome: .skipped("not needed"), duration: .zero)])
        #expect(!skippedOnly.passed)
    }

    @Test("levels are ordered internal < external < interactive")
    func levelOrder() {
        #expect(HealthCheckLevel.internal < .external)
        #expect(HealthCheckLevel.external < .interactive)
        #expect(HealthCheckLevel.allCases.sorted() == [.internal, .external, .interactive])
    }
}
