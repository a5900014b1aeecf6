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
        do throws(DeviceError) {
            let socket = try connect("read status")
            defer { socket.close() }
            return try query(socket, "read status")
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Checks the status on a fresh connection, sends the job, asks the status again on the same
    /// connection to confirm that the printer read the whole job, then half-closes and waits until
    /// the printer closes. A fault fails before any job byte is sent; a connection that breaks or is
    /// closed by the printer before the confirmation fails as ``DeviceError/Kind/offline``: the job
    /// did not print (or not completely), so it may be sent again.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        do throws(DeviceError) {
            let socket = try connect("print")
            defer { socket.close() }
            if let fault = try query(socket, "print").blockingFault("print") { throw fault }
            do {
                try socket.writeAll(job)
            } catch {
                throw Self.notPrinted("the connection broke while sending the job (\(error))", errno: error.rawCode)
            }
            lifecycle.statistics.recordTraffic(sent: job.count)
            try confirm(socket, jobSize: job.count)
            socket.shutdown()
            try waitForClose(socket)
            lifecycle.succeeded()
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// The status round trip after the job: its reply proves that the printer read every job byte
    /// (it comes after them on the connection), and reports a fault that arose while printing. The
    /// first reply may take until `jobTimeout`: a printer whose receive buffer is full reads the
    /// rest of the job, and then the request, only as fast as it prints.
    private func confirm(_ socket: ByteStream, jobSize: Int) throws(DeviceError) {
        let status: PrinterStatus
        do throws(DeviceError) {
            status = try query(socket, "print", firstReplyTimeout: jobTimeout)
        } catch {
            guard error.kind != .timeout else {
                throw DeviceError(.timeout, operation: "print",
                                  message: "the printer took the \(jobSize)-byte job but did not answer the \(statusDialect) request "
                                      + "after it within \(jobTimeout)",
                                  remedy: "Check the printer; the job was sent and may have printed, so do not simply resend it.")
            }
            throw Self.notPrinted("the printer did not confirm the \(jobSize)-byte job: \(error.message)",
                                  errno: error.backendCode.map { Int32(truncatingIfNeeded: $0.value) })
        }
        if let fault = status.blockingFault("print") {
            throw DeviceError(fault.kind, operation: "print", message: "\(fault.message) after the job was sent; the receipt may be incomplete",
                              remedy: fault.remedy)
        }
    }

    /// A job the printer did not take: the connection failed during or right after the write.
    private static func notPrinted(_ message: String, errno: Int32?) -> DeviceError {
        DeviceError(.offline, operation: "print", message: message + "; the receipt did not print, or not completely",
                    remedy: "Check the printer and its network connection; then the job can be sent again.",
                    backendCode: errno.map { DeviceError.BackendCode(domain: "errno", value: Int64($0)) })
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

    /// One ``PrinterStatusQuery``: each request, then its reply; the first within
    /// `firstReplyTimeout` (default `replyTimeout`), the others within `replyTimeout`.
    private func query(_ socket: ByteStream, _ operation: String, firstReplyTimeout: Duration? = nil) throws(DeviceError) -> PrinterStatus {
        var query = PrinterStatusQuery(dialect: statusDialect)
        var timeout = firstReplyTimeout ?? replyTimeout
        var unanswered: (reply: Reply, timeout: Duration)?
        do throws(SystemCallError) {
            try socket.drain()
            while unanswered == nil, let request = query.nextRequest() {
                try socket.writeAll(request)
                let reply = try awaitReply(socket, &query, timeout: timeout)
                if reply != .answered { unanswered = (reply, timeout) }
                timeout = replyTimeout
            }
        } catch {
            throw DeviceError(.offline, operation: operation, message: "status request failed: \(error)",
                              remedy: "Check the printer's network connection.", backendCode: Self.backendCode(error))
        }
        switch unanswered {
        case (.closed, _)?:
            throw DeviceError(.offline, operation: operation, message: "the printer closed the connection during a status request",
                              remedy: "Another program may hold the printer's port; retry, or check the printer.")
        case (_, let timeout)?:
            throw DeviceError(.timeout, operation: operation, message: "no \(statusDialect) reply from \(host):\(port) within \(timeout)",
                              remedy: statusDialect.noReplyRemedy)
        case nil:
            break
        }
        lifecycle.statistics.recordTraffic(sent: query.bytesRequested, received: query.bytesReceived)
        guard let status = query.status else {
            throw DeviceError(.protocol, operation: operation, message: "the \(statusDialect) replies gave no status",
                              remedy: "Retry; if it persists, check the printer profile.")
        }
        return status
    }

    /// How a status request ended.
    private enum Reply { case answered, closed, timedOut }

    /// Reads until `query` has the reply to its last request (within `timeout`); other bytes are skipped.
    private func awaitReply(_ socket: ByteStream, _ query: inout PrinterStatusQuery, timeout: Duration) throws(SystemCallError) -> Reply {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let bytes = try socket.receive(maximum: 256, waitingAtMost: (deadline - ContinuousClock.now).pollMilliseconds) else { break }
            guard !bytes.isEmpty else { return .closed }
            if query.receive(bytes) { return .answered }
        }
        return .timedOut
    }

    /// Reads until the printer closes the connection. The job is confirmed already, so a reset
    /// here loses nothing.
    private func waitForClose(_ socket: ByteStream) throws(DeviceError) {
        let deadline = ContinuousClock.now + jobTimeout
        while ContinuousClock.now < deadline {
            let bytes: [UInt8]?
            do { bytes = try socket.receive(waitingAtMost: 200) } catch { return }
            if bytes?.isEmpty == true { return }
        }
        throw DeviceError(.timeout, operation: "print", message: "the printer did not close the connection within \(jobTimeout)",
                          remedy: "Check the printer; the job was sent and may have printed, so do not simply resend it.")
    }
}
