public import DeviceCore

/// A receipt printer in process: keeps every job it printed, answers status, and takes injected
/// faults (paper out, cover open, offline). Print time runs on the injected clock.
public actor SimulatedReceiptPrinter: ReceiptPrinter, LifecycleHostingDevice {
    /// Static facts about the simulated printer.
    public nonisolated let info: DeviceInfo
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private let clock: any Clock<Duration>
    private var currentStatus = PrinterStatus(online: true)
    /// Every job printed so far, oldest first.
    public private(set) var printedJobs: [[UInt8]] = []

    /// Creates a simulated printer.
    public init(logicalName: String, clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .receiptPrinter, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated 80 mm printer")
        self.clock = clock
    }

    /// Replaces the simulated condition (inject or clear faults) and reports the change as events.
    public func setStatus(_ status: PrinterStatus) {
        let old = currentStatus
        currentStatus = status
        let changes: [(DeviceStatus.Code, Bool, Bool)] = [
            (.paperEnd, old.paperEnd, status.paperEnd), (.coverOpen, old.coverOpen, status.coverOpen),
            (.paperNearEnd, old.paperNearEnd, status.paperNearEnd), (.offline, !old.online, !status.online),
        ]
        for (code, before, after) in changes
        where before != after {
            lifecycle.emit(.statusChanged(DeviceStatus(code: code, active: after)))
        }
    }

    /// The simulated condition.
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.requireOpen("read status")
        return currentStatus
    }

    /// Prints a job unless a fault is injected; takes about 1 ms per 100 bytes on the clock.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        if let fault = currentStatus.blockingFault("print") {
            lifecycle.failed(fault)
            throw fault
        }
        try? await clock.sleep(for: .milliseconds(job.count / 100 + 1))
        printedJobs.append(job)
        lifecycle.statistics.recordTraffic(sent: job.count)
        lifecycle.succeeded()
    }

    /// Internal: status readable and no fault. External: a test receipt prints.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await ReceiptPrinterHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }
}
