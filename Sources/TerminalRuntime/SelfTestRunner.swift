public import DeviceCore
import Logging

/// Runs the health check of each device: open, `checkHealth(level)`, close. A device that cannot
/// be opened or checked gets a failed report with the reason; the runner itself never throws.
public struct SelfTestRunner: Sendable {
    private let clock: any Clock<Duration>
    private let logger = Logger(label: "buergerhal.selftest")

    /// Creates a runner timing open/close failures on `clock`.
    public init(clock: any Clock<Duration> = ContinuousClock()) {
        self.clock = clock
    }

    /// Checks all devices concurrently and returns their reports in the given order.
    public func run(_ devices: [any Device], level: HealthCheckLevel) async -> SelfTestReport {
        let reports = await withTaskGroup(of: (Int, HealthReport).self) { group in
            for (index, device) in devices.enumerated() {
                group.addTask { (index, await check(device, level: level)) }
            }
            var collected: [(Int, HealthReport)] = []
            for await item in group { collected.append(item) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return SelfTestReport(level: level, devices: reports)
    }

    /// Checks one device.
    public func check(_ device: any Device, level: HealthCheckLevel) async -> HealthReport {
        var recorder = HealthCheckRecorder(clock: clock)
        await recorder.step("open") {
            try await device.open()
            return ""
        }
        if recorder.hasFailure {
            log(device.info, passed: false)
            return recorder.report(for: device.info, level: level)
        }
        let report: HealthReport
        do {
            report = try await device.checkHealth(level)
        } catch {
            await recorder.step("health check") { throw error }
            report = recorder.report(for: device.info, level: level)
        }
        await device.close()
        log(device.info, passed: report.passed)
        return report
    }

    private func log(_ info: DeviceInfo, passed: Bool) {
        logger.info("self-test", metadata: ["device": "\(info.logicalName)", "backend": "\(info.backendName)", "passed": "\(passed)"])
    }
}
