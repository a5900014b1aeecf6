public import DeviceCore
public import ReceiptPrinter

/// A receipt printer behind a CUPS queue (`cups://QUEUE[?server=HOST:PORT]`), printing raw ESC/POS.
///
/// CUPS queues are one-way: the status comes from the queue's `printer-state` and
/// `printer-state-reasons`, not from the printer's DLE EOT replies. A job counts as printed only
/// when CUPS reports it completed; an aborted or stopped job is an error, never a success.
/// Runs on its own thread because libcups calls block.
public actor CUPSReceiptPrinter: ReceiptPrinter, LifecycleHostingDevice {
    /// Static facts; `model` is the queue's make-and-model once read.
    public nonisolated let info: DeviceInfo
    private let queue: String
    private let server: String?
    private let clock: any Clock<Duration>
    private let jobTimeout: Duration
    private let executor: DedicatedThreadExecutor
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private var connection: CUPSConnection?

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a printer for CUPS queue `queue` on `server` (`nil`: the default scheduler).
    /// A job not completed within `jobTimeout` is cancelled and reported as a timeout.
    public init(logicalName: String, queue: String, server: String? = nil, jobTimeout: Duration = .seconds(30),
                clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        var uri = "cups://" + queue
        if let server { uri += "?server=" + server }
        info = DeviceInfo(logicalName: logicalName, family: .receiptPrinter, backend: .real, backendName: "cups", connection: uri)
        self.queue = queue
        self.server = server
        self.jobTimeout = jobTimeout
        self.clock = clock
        executor = DedicatedThreadExecutor(name: "cups:\(logicalName)")
    }

    /// Looks the queue up (`cupsGetNamedDest`); fails when the scheduler or queue is missing.
    public func openConnection() async throws(DeviceError) {
        let cups = CUPSConnection(server: server)
        do {
            _ = try cups.attributes(of: queue)
        } catch {
            throw error.deviceError("open")
        }
        connection = cups
    }

    /// Forgets the connection.
    public func closeConnection() async {
        connection = nil
    }

    /// The queue's condition from `printer-state` and `printer-state-reasons`.
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.beginRead("read status")
        do throws(DeviceError) {
            return try queueStatus("read status")
        } catch {
            lifecycle.readFailed(error)
            throw error
        }
    }

    /// The queue's condition for `operation`, not counted on its own (a print counts once).
    private func queueStatus(_ operation: String) throws(DeviceError) -> PrinterStatus {
        let attributes = try queueAttributes(operation)
        let reasons = attributes.reasons
        func has(_ prefix: String) -> Bool { reasons.contains { $0.hasPrefix(prefix) } }
        return PrinterStatus(
            online: attributes.state != 5 && attributes.acceptingJobs && !has("offline"),
            coverOpen: has("cover-open") || has("door-open"),
            paperNearEnd: has("media-low"),
            paperEnd: has("media-empty") || has("media-needed"),
            reasons: reasons)
    }

    /// Submits a raw job and waits until CUPS reports it completed. Aborted, cancelled or stopped
    /// jobs fail with the queue's reasons; a job still pending after the timeout is cancelled.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        do throws(DeviceError) {
            guard let cups = connection else { throw DeviceError.notOpen("print") }
            if let fault = try queueStatus("print").blockingFault("print") { throw fault }
            let id: Int32
            do { id = try cups.submitRaw(job, to: queue) } catch { throw error.deviceError("print") }
            lifecycle.statistics.recordTraffic(sent: job.count)
            try await waitForCompletion(of: id, on: cups)
            lifecycle.succeeded()
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Internal: the queue answers and shows no fault. External: a test receipt prints.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await ReceiptPrinterHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    private func waitForCompletion(of id: Int32, on cups: CUPSConnection) async throws(DeviceError) {
        let pollInterval = Duration.milliseconds(50)
        var waited = Duration.zero
        while true {
            let state: CUPSConnection.JobState?
            do { state = try cups.jobState(id, on: queue) } catch { throw error.deviceError("follow print job") }
            switch state {
            case .completed: return
            case .aborted, .canceled, .stopped:
                let reasons = (try? cups.attributes(of: queue).reasons) ?? []
                throw DeviceError(.hardwareFault, operation: "print", message: "CUPS job \(id) ended \(state.map { "\($0)" } ?? "")" +
                                  (reasons.isEmpty ? "" : " (printer-state-reasons: \(reasons.joined(separator: ", ")))"),
                                  remedy: "Check the printer (paper, cover, power) and `lpstat -p \(queue)`, then print again.")
            case .pending, .held, .processing, nil:
                if waited >= jobTimeout {
                    cups.cancel(id, on: queue)
                    throw DeviceError(.timeout, operation: "print", message: "CUPS job \(id) did not complete within \(jobTimeout)",
                                      remedy: "The printer may be unreachable: check its power and network, and `lpstat -p \(queue)`.")
                }
                try? await clock.sleep(for: pollInterval)
                waited += pollInterval
            }
        }
    }

    private func queueAttributes(_ operation: String) throws(DeviceError) -> CUPSConnection.QueueAttributes {
        try lifecycle.requireOpen(operation)
        guard let cups = connection else { throw DeviceError.notOpen(operation) }
        do { return try cups.attributes(of: queue) } catch { throw error.deviceError(operation) }
    }
}
