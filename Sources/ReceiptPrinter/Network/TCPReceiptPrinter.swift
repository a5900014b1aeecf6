public import DeviceCore
import SystemIO

/// A receipt printer on a raw TCP port (`tcp://HOST:PORT`, usually 9100), with real status.
///
/// Status is asked in the printer's ``PrinterStatusDialect`` (stale bytes drained first): ESC/POS
/// `DLE EOT 1`, `2` and `4`, or Star's `ESC ACK SOH`, each reply within `replyTimeout`. A job is
/// sent only when the printer reports no fault; a fault fails the print with that reason (paper
/// end, cover open, a cutter error, offline) and nothing is sent. Each operation uses its own
/// connection, closed afterwards, because many printers serve one connection at a time.
///
/// A job counts as printed only when the printer confirms it: after the job the status is asked
/// again on the same connection, and a printer answers only once it has read every byte before the
/// request. Writes into a connection the printer has closed or reset can succeed locally (the
/// kernel buffers them), so a successful `send` proves nothing; a close or reset before the reply
/// fails the print as ``DeviceError/Kind/offline`` (not printed; `bhal print` spools it), a fault
/// in the reply (the paper ran out during the job) as that fault. SIGPIPE cannot occur: every write
/// uses `MSG_NOSIGNAL`. Runs on its own thread: socket calls block.
///
/// Cancelling the calling task ends a status or confirmation wait within 50 ms with
/// ``DeviceError/Kind/cancelled``; after job bytes went out its message says the receipt may have
/// printed (never spooled for resending). Each operation has its own connection, so the printer
/// is usable for the next one.
public actor TCPReceiptPrinter: ReceiptPrinter, LifecycleHostingDevice {
    /// Static facts about the printer.
    public nonisolated let info: DeviceInfo
    private let host: String
    private let port: UInt16
    /// How status is asked: DLE EOT (ESC/POS) or ESC ACK SOH (Star Line Mode).
    public nonisolated let statusDialect: PrinterStatusDialect
    private let replyTimeout: Duration
    private let jobTimeout: Duration
    private let clock: any Clock<Duration>
    private let executor: DedicatedThreadExecutor
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a printer at `host:port` asked for status in `statusDialect`. A status reply must
    /// come within `replyTimeout`; a job must be confirmed (the status reply after it) and then
    /// taken (the printer closes the connection) within `jobTimeout` each.
    public init(logicalName: String, host: String, port: UInt16 = 9100, statusDialect: PrinterStatusDialect = .escposRealTime,
                replyTimeout: Duration = .seconds(1),
                jobTimeout: Duration = .seconds(30), clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .receiptPrinter, backend: .real, backendName: "tcp",
                          connection: "tcp://\(host):\(port)")
        self.host = host
        self.port = port
        self.statusDialect = statusDialect
        self.replyTimeout = replyTimeout
        self.jobTimeout = jobTimeout
        self.clock = clock
        executor = DedicatedThreadExecutor(name: "tcp:\(logicalName)")
    }

    /// Asks the printer in ``statusDialect``: `DLE EOT 1` (online), `2` (cover, paper-end stop),
    /// `4` (paper sensors); or `ESC ACK SOH` (Star's automatic status).
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.beginRead("read status")
        var traffic = ConfirmedPrintExchange.Traffic()
        defer { record(traffic) }
        do throws(DeviceError) {
            let socket = try connect("read status")
            defer { socket.close() }
            return try exchange.status(over: socket, "read status", traffic: &traffic)
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Checks the status on a fresh connection, sends the job, asks the status again on the same
    /// connection to confirm that the printer read the whole job, then half-closes and waits until
    /// the printer closes (``ConfirmedPrintExchange``). A fault fails before any job byte is sent; a
    /// connection that breaks or is closed by the printer before the confirmation fails as
    /// ``DeviceError/Kind/offline``: the job did not print (or not completely), so it may be sent again.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        var traffic = ConfirmedPrintExchange.Traffic()
        defer { record(traffic) }
        do throws(DeviceError) {
            let socket = try connect("print")
            defer { socket.close() }
            try exchange.print(job, over: socket, traffic: &traffic)
            lifecycle.succeeded()
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    private var exchange: ConfirmedPrintExchange {
        ConfirmedPrintExchange(dialect: statusDialect, peer: "\(host):\(port)", replyTimeout: replyTimeout, jobTimeout: jobTimeout)
    }

    private func record(_ traffic: ConfirmedPrintExchange.Traffic) {
        lifecycle.statistics.recordTraffic(sent: traffic.statusSent + traffic.jobSent, received: traffic.statusReceived)
    }

    /// Internal: status readable and no fault. External: a test receipt prints.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await ReceiptPrinterHealthSteps.record(level, of: self, dialect: statusDialect.commandDialect, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    private func connect(_ operation: String) throws(DeviceError) -> ByteStream {
        do throws(SystemCallError) {
            return try TCPConnection.connect(host: host, port: port, timeout: replyTimeout * 3)
        } catch {
            throw DeviceError(.offline, operation: operation, message: "the printer at \(host):\(port) is offline (\(error))",
                              remedy: "Switch the printer on and check its network cable and IP address.",
                              backendCode: Self.backendCode(error))
        }
    }

    /// The errno (or resolver status) of a failed socket call.
    private static func backendCode(_ error: SystemCallError) -> DeviceError.BackendCode {
        DeviceError.BackendCode(domain: error.domain.rawValue, value: Int64(error.rawCode))
    }
}
