import DeviceCore
import Testing

/// A backend that only says how it connects and takes exclusive access: everything else comes
/// from ``LifecycleHostingDevice``.
private actor FlakyBackend: LifecycleHostingDevice {
    nonisolated let info = DeviceInfo(logicalName: "flaky", family: .receiptPrinter, backend: .simulated, backendName: "test", connection: "test:")
    nonisolated let events: AsyncStream<DeviceEvent>
    var lifecycle = DeviceLifecycle()
    var connectFailures: Int
    private(set) var connects = 0
    private(set) var disconnects = 0
    private(set) var exclusiveClaims = 0

    init(connectFailures: Int) {
        self.connectFailures = connectFailures
        events = lifecycle.events.stream
    }

    func openConnection() async throws(DeviceError) {
        connects += 1
        if connectFailures > 0 {
            connectFailures -= 1
            throw DeviceError(.offline, operation: "open", message: "no answer", remedy: "Switch it on.")
        }
    }

    func closeConnection() async { disconnects += 1 }
    func claimExclusiveAccess() async throws(DeviceError) { exclusiveClaims += 1 }

    func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        HealthCheckRecorder(clock: ContinuousClock()).report(for: info, level: level)
    }

    func readSomething() throws(DeviceError) {
        try lifecycle.beginRead("read status")
        lifecycle.readFailed(DeviceError(.offline, operation: "read status", message: "gone", remedy: "Check it."))
    }
}

@Suite("One lifecycle for every backend")
struct LifecycleHostingDeviceTests {
    @Test("a failed connect is counted and emitted, leaves the device closed, and the next open connects again")
    func failedConnectCounts() async throws {
        let device = FlakyBackend(connectFailures: 1)
        await #expect(throws: DeviceError.self) { try await device.open() }
        #expect(await device.state == .closed)
        #expect(await device.statistics.operationCount == 0, "opening is a transition, not an operation")
        #expect(await device.statistics.errorCount == 1)
        #expect(await device.statistics.communicationErrorCount == 1)
        try await device.open()
        try await device.open()
        #expect(await device.connects == 2, "an open device does not connect again")
        #expect(await device.statistics.errorCount == 1)
        #expect(await device.state == .idle)
    }

    @Test("claim and release reach the backend only on a real change; close always disconnects")
    func claimOnce() async throws {
        let device = FlakyBackend(connectFailures: 0)
        await #expect(throws: DeviceError.notOpen("claim")) { try await device.claim() }
        try await device.open()
        try await device.claim()
        try await device.claim()
        #expect(await device.exclusiveClaims == 1)
        #expect(await device.isClaimed)
        await device.close()
        await device.close()
        #expect(await device.disconnects == 2)
        #expect(await !device.isClaimed)
    }

    @Test("a status read is counted without marking the device busy; its failure is counted and emitted")
    func readsCount() async throws {
        let device = FlakyBackend(connectFailures: 0)
        try await device.open()
        try await device.readSomething()
        #expect(await device.statistics.operationCount == 1)
        #expect(await device.statistics.errorCount == 1)
        #expect(await device.state == .idle)
        await device.close()
        var seen: [DeviceEvent] = []
        for await event in device.events {
            seen.append(event)
            if event == .stateChanged(.closed) { break }
        }
        #expect(seen.filter { if case .error = $0 { true } else { false } }.count == 1)
        #expect(!seen.contains(.stateChanged(.busy)))
    }
}
