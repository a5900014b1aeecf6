public import DeviceCore

/// A receipt printer in process that runs the real protocol code: the job and status logic of the
/// TCP backend (``ConfirmedPrintExchange``: status before the job, the job, the confirming status
/// after it) talks over an in-memory connection to an ``ESCPOSPrinterSimulator`` — the printer
/// behind `bhal simulate printer` — which interprets the bytes with ``ESCPOSInterpreter``, renders
/// the receipt and answers `DLE EOT` (or Star's `ESC ACK SOH`) from its simulated condition. So a
/// fault, a malformed reply or a lost confirmation gives the same ``DeviceError`` as a printer on
/// TCP, and `--simulate` tests what ships.
///
/// Faults are set at any time (``setStatus(_:)``, ``setMalformedStatusReplies(_:)``). Runs on its
/// own thread: the in-memory connection blocks like a socket.
public actor SimulatedReceiptPrinter: ReceiptPrinter, LifecycleHostingDevice {
    /// Static facts about the simulated printer.
    public nonisolated let info: DeviceInfo
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    /// The printer model simulated; receipts for it are encoded with this profile.
    public nonisolated let profile: PrinterProfile
    private let clock: any Clock<Duration>
    private let printer: ESCPOSPrinterSimulator
    private let exchange: ConfirmedPrintExchange
    private let executor: DedicatedThreadExecutor
    /// Every job the printer confirmed so far, oldest first, byte for byte as sent.
    public private(set) var printedJobs: [[UInt8]] = []

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a simulated printer of `profile` (its dialect decides how status is asked and how
    /// jobs are interpreted). A status reply must come within `replyTimeout`, a job's confirmation
    /// within `jobTimeout`; the timers are those of the TCP backend, on wall time, because the
    /// simulated printer answers from its own thread at once.
    public init(logicalName: String, profile: PrinterProfile = .default, replyTimeout: Duration = .seconds(1),
                jobTimeout: Duration = .seconds(30), clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .receiptPrinter, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated \(profile.displayName)")
        self.profile = profile
        self.clock = clock
        printer = ESCPOSPrinterSimulator(profile: profile)
        exchange = ConfirmedPrintExchange(dialect: PrinterStatusDialect(profile: profile), peer: "the simulated printer \(logicalName)",
                                          replyTimeout: replyTimeout, jobTimeout: jobTimeout)
        executor = DedicatedThreadExecutor(name: "sim-printer:\(logicalName)")
    }

    /// Replaces the simulated condition (inject or clear faults: paper out, cover open, offline)
    /// and reports the change as events. The printer answers the next status request with it.
    public func setStatus(_ status: PrinterStatus) {
        let old = printer.status
        printer.status = status
        let changes: [(DeviceStatus.Code, Bool, Bool)] = [
            (.paperEnd, old.paperEnd, status.paperEnd), (.coverOpen, old.coverOpen, status.coverOpen),
            (.paperNearEnd, old.paperNearEnd, status.paperNearEnd), (.offline, !old.online, !status.online),
        ]
        for (code, before, after) in changes
        where before != after {
            lifecycle.emit(.statusChanged(DeviceStatus(code: code, active: after)))
        }
    }

    /// Makes the simulated printer answer status requests with a byte that is no status reply
    /// (`true`), or correctly again (`false`).
    public func setMalformedStatusReplies(_ malformed: Bool) {
        printer.answersMalformedStatus = malformed
    }

    /// The receipts the simulated printer rendered, oldest first (the latest 100): what was on
    /// the paper, as text and as an image.
    public var printedReceipts: [RenderedReceipt] { printer.jobs.map(\.receipt) }

    /// Asks the simulated printer in the profile's dialect over a fresh in-memory connection.
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.beginRead("read status")
        let channel = printer.connectInMemory(peer: info.logicalName)
        defer { channel.close() }
        var traffic = ConfirmedPrintExchange.Traffic()
        do throws(DeviceError) {
            let status = try exchange.status(over: channel, "read status", traffic: &traffic)
            lifecycle.statistics.recordTraffic(received: traffic.statusReceived)
            return status
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Prints a job as the TCP backend does: refused before any byte on a fault, counted only once
    /// the simulated printer confirmed it. ``DeviceStatistics/bytesSent`` counts the job's bytes.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        let channel = printer.connectInMemory(peer: info.logicalName)
        defer { channel.close() }
        var traffic = ConfirmedPrintExchange.Traffic()
        do throws(DeviceError) {
            try exchange.print(job, over: channel, traffic: &traffic)
            lifecycle.statistics.recordTraffic(sent: traffic.jobSent, received: traffic.statusReceived)
            printedJobs.append(job)
            lifecycle.succeeded()
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Internal: status readable and no fault. External: a test receipt prints.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await ReceiptPrinterHealthSteps.record(level, of: self, dialect: profile.dialect, into: &recorder)
        return recorder.report(for: info, level: level)
    }
}
