public import DeviceCore

/// A receipt printer on a raw TCP port (`tcp://HOST:PORT`, usually 9100), with real status.
///
/// Status is asked in the printer's ``PrinterStatusDialect`` (stale bytes drained first): ESC/POS
/// `DLE EOT 1`, `2` and `4`, or Star's `ESC ACK SOH`, each reply within `replyTimeout`. A job is
/// sent only when the printer reports no fault; a fault fails the print with that reason (paper
/// end, cover open, a cutter error, offline) and nothing is sent. Each operation uses its own
/// connection, closed afterwards, because many printers serve one connection at a time.
/// Runs on its own thread: socket calls block.
public actor TCPReceiptPrinter: ReceiptPrinter {
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
    private var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a printer at `host:port` asked for status in `statusDialect`. A status reply must
    /// come within `replyTimeout`; a job must be taken (the printer closes the connection) within
    /// `jobTimeout`.
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

    /// The lifecycle state.
    public var state: DeviceState { lifecycle.state }
    /// Whether this handle has exclusive access.
    public var isClaimed: Bool { lifecycle.isClaimed }
    /// Counters since creation.
    public var statistics: DeviceStatistics { lifecycle.statistics }

    /// Marks the printer open; the network is first used by ``status()`` or ``printRaw(_:)``.
    public func open() async throws(DeviceError) { lifecycle.opened() }
    /// Claims the printer for this handle.
    public func claim() async throws(DeviceError) { try lifecycle.claimed() }
    /// Releases the claim.
    public func release() async { lifecycle.released() }
    /// Closes the handle.
    public func close() async { lifecycle.closed() }

    /// Asks the printer in ``statusDialect``: `DLE EOT 1` (online), `2` (cover, paper-end stop),
    /// `4` (paper sensors); or `ESC ACK SOH` (Star's automatic status).
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.requireOpen("read status")
        let socket = try connect("read status")
        defer { socket.close() }
        do {
            return try query(socket, "read status")
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Checks the status on a fresh connection, then sends the job, half-closes and waits until
    /// the printer closes. A fault fails before any job byte is sent.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        do throws(DeviceError) {
            let socket = try connect("print")
            defer { socket.close() }
            if let fault = try query(socket, "print").blockingFault("print") { throw fault }
            do {
                try socket.send(job)
                socket.shutdownWrite()
            } catch {
                throw DeviceError(.offline, operation: "print", message: "the connection broke while sending: \(error)",
                                  remedy: "Check the printer's network connection; the receipt may be incomplete.",
                                  backendCode: DeviceError.BackendCode(domain: "errno", value: Int64(error.code)))
            }
            lifecycle.statistics.recordTraffic(sent: job.count)
            try waitForClose(socket)
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
        await ReceiptPrinterHealthSteps.record(level, of: self, dialect: statusDialect.commandDialect, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    private func connect(_ operation: String) throws(DeviceError) -> TCPSocket {
        do {
            return try TCPSocket.connect(host: host, port: port, timeout: replyTimeout * 3)
        } catch {
            throw DeviceError(.offline, operation: operation, message: "the printer at \(host):\(port) is offline (\(error))",
                              remedy: "Switch the printer on and check its network cable and IP address.",
                              backendCode: DeviceError.BackendCode(domain: "errno", value: Int64(error.code)))
        }
    }

    /// One ``PrinterStatusQuery``: each request, then its reply.
    private func query(_ socket: TCPSocket, _ operation: String) throws(DeviceError) -> PrinterStatus {
        var query = PrinterStatusQuery(dialect: statusDialect)
        do {
            try socket.drain()
            while let request = query.nextRequest() {
                try socket.send(request)
                try awaitReply(socket, &query, operation)
            }
        } catch let error as SocketError {
            throw DeviceError(.offline, operation: operation, message: "status request failed: \(error)",
                              remedy: "Check the printer's network connection.",
                              backendCode: DeviceError.BackendCode(domain: "errno", value: Int64(error.code)))
        } catch let error as DeviceError {
            throw error
        } catch {
            throw DeviceError(.other, operation: operation, message: "\(error)", remedy: "Retry.")
        }
        lifecycle.statistics.recordTraffic(sent: query.bytesRequested, received: query.bytesReceived)
        guard let status = query.status else {
            throw DeviceError(.protocol, operation: operation, message: "the \(statusDialect) replies gave no status",
                              remedy: "Retry; if it persists, check the printer profile.")
        }
        return status
    }

    /// Reads until `query` has the reply to its last request; other bytes are skipped.
    private func awaitReply(_ socket: TCPSocket, _ query: inout PrinterStatusQuery, _ operation: String) throws {
        let deadline = ContinuousClock.now + replyTimeout
        while ContinuousClock.now < deadline {
            guard let bytes = try socket.receive(maximum: 256, timeout: deadline - ContinuousClock.now) else { break }
            guard !bytes.isEmpty else {
                throw DeviceError(.offline, operation: operation, message: "the printer closed the connection during a status request",
                                  remedy: "Another program may hold the printer's port; retry, or check the printer.")
            }
            if query.receive(bytes) { return }
        }
        throw DeviceError(.timeout, operation: operation, message: "no \(statusDialect) reply from \(host):\(port) within \(replyTimeout)",
                          remedy: statusDialect.noReplyRemedy)
    }

    /// Reads until the printer closes the connection (it has taken the whole job).
    private func waitForClose(_ socket: TCPSocket) throws(DeviceError) {
        let deadline = ContinuousClock.now + jobTimeout
        while ContinuousClock.now < deadline {
            let bytes: [UInt8]?
            do { bytes = try socket.receive(timeout: .milliseconds(200)) } catch { return }
            if bytes?.isEmpty == true { return }
        }
        throw DeviceError(.timeout, operation: "print", message: "the printer did not close the connection within \(jobTimeout)",
                          remedy: "Check the printer; the job was sent and may have printed, so do not simply resend it.")
    }
}
