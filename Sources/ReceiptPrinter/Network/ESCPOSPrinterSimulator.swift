public import Foundation
import SystemIO

/// A network receipt printer in software: listens on TCP like port 9100, takes faults injected at
/// any time (``status``, ``control(_:)``), answers status requests in the profile's dialect, and
/// renders every job (one connection until end of stream), in that dialect (ESC/POS or Star Line
/// Mode), to a PNG and a TXT file in a spool directory.
///
/// ESC/POS profiles answer `DLE EOT 1…4`, `GS r`, `GS I` and (when enabled with `GS a`) send
/// Automatic Status Back. Star profiles behave like a Star printer's Ethernet interface: they
/// answer `ESC ACK SOH` with the automatic status (``StarStatus``, 9 bytes and Length 0), send it
/// by themselves whenever the condition changes during a connection (on Ethernet Star's automatic
/// status is always on), and leave `DLE EOT` unanswered.
///
/// Serves each connection on its own thread, so an idle or slow client does not hold up the
/// others, within ``Limits``: at most `maximumConnections` at once (more are closed at once, with
/// a notice), a connection silent for `idleTimeout` is closed (what it sent is printed), and each
/// job is drawn within `render` and keeps at most `retainedJobBytes` of its bytes, so memory stays
/// bounded whatever a client sends. Thread-safe: the fault setters and job list may be used from
/// any thread.
public final class ESCPOSPrinterSimulator: @unchecked Sendable {
    /// A job the simulator printed.
    public struct Job: Sendable {
        /// 1-based job number, in the order the jobs ended (the order of ``jobs``).
        public var number: Int
        /// The bytes received on the connection: all of them, or the first
        /// ``Limits/retainedJobBytes`` of a longer job.
        public var bytes: [UInt8]
        /// How many bytes the connection carried.
        public var byteCount: Int
        /// What was printed.
        public var receipt: RenderedReceipt
        /// The PNG and TXT files, when a spool directory is set.
        public var files: [URL]
    }

    /// What the simulator takes on, so that no client can exhaust it.
    public struct Limits: Sendable, Hashable {
        /// A connection that sends nothing for this long is closed; what it sent is printed.
        public var idleTimeout: Duration
        /// Connections served at once; a further one is closed at once, with a notice.
        public var maximumConnections: Int
        /// Bytes of each job kept in ``Job/bytes``.
        public var retainedJobBytes: Int
        /// Jobs kept in ``jobs`` (older ones are forgotten; their files stay).
        public var retainedJobs: Int
        /// How much of one job is drawn (paper length, transcript lines, notes).
        public var render: RenderLimits

        /// Limits; counts at least 1, the timeout at least 1 ms.
        public init(idleTimeout: Duration = .seconds(30), maximumConnections: Int = 8, retainedJobBytes: Int = 1 << 20,
                    retainedJobs: Int = 100, render: RenderLimits = .default) {
            self.idleTimeout = max(idleTimeout, .milliseconds(1))
            self.maximumConnections = max(1, maximumConnections)
            self.retainedJobBytes = max(0, retainedJobBytes)
            self.retainedJobs = max(1, retainedJobs)
            self.render = render
        }

        /// 30 s idle timeout, 8 connections, 1 MiB of bytes and 100 jobs kept, 5 m of paper per job.
        public static let `default` = Limits()
    }

    /// The printer model simulated (paper width, code pages).
    public let profile: PrinterProfile
    /// Where PNG and TXT files go (`nil`: kept in memory only).
    public let spoolDirectory: URL?
    /// What it takes on.
    public let limits: Limits
    private let lock = NSLock()
    private let recording = NSLock()
    private var currentStatus = PrinterStatus(online: true)
    private var malformedStatus = false
    private var printed: [Job] = []
    private var nextJobNumber = 1
    private var openConnections = 0
    private var stopped = false
    private var server: TCPListener?
    private let onJob: (@Sendable (Job) -> Void)?
    private let onNotice: (@Sendable (String) -> Void)?
    /// The port it listens on.
    public private(set) var port: UInt16 = 0

    /// Creates a simulator; `onJob` is called on the connection's thread after each printed job,
    /// `onNotice` with one line when a connection is refused or closed for being idle.
    public init(profile: PrinterProfile = .default, spoolDirectory: URL? = nil, limits: Limits = .default,
                onJob: (@Sendable (Job) -> Void)? = nil, onNotice: (@Sendable (String) -> Void)? = nil) {
        self.profile = profile
        self.spoolDirectory = spoolDirectory
        self.limits = limits
        self.onJob = onJob
        self.onNotice = onNotice
    }

    deinit { stop() }

    /// Binds `host:port` (0: any free port), starts serving and returns the bound port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port requested: UInt16 = 9100) throws -> UInt16 {
        if let spoolDirectory { try FileManager.default.createDirectory(at: spoolDirectory, withIntermediateDirectories: true) }
        let listener = try TCPListener(host: host, port: requested)
        let bound = listener.port
        lock.withLock {
            server = listener
            port = bound
        }
        let thread = Thread { [self] in serve(listener) }
        thread.name = "escpos-simulator:\(bound)"
        thread.start()
        return bound
    }

    /// Stops accepting connections and ends the open ones (their threads end within 200 ms).
    public func stop() {
        lock.withLock { stopped = true }
    }

    /// The simulated condition (inject faults by setting it).
    public var status: PrinterStatus {
        get { lock.withLock { currentStatus } }
        set { lock.withLock { currentStatus = newValue } }
    }

    /// Carries out one line of run-time control (``PrinterSimulatorControl``, e.g. `paper-out`,
    /// `clear`) on the simulated condition and returns the answer lines.
    public func control(_ line: String) -> [String] {
        lock.withLock { PrinterSimulatorControl.apply(line, to: &currentStatus) }
    }

    /// Whether status requests are answered with a byte that is no status reply (`0xFF` for
    /// `DLE EOT`, `GS r` and `ESC ACK SOH` alike), like a printer with a broken interface: the
    /// host finds no reply, as it would on the wire.
    public var answersMalformedStatus: Bool {
        get { lock.withLock { malformedStatus } }
        set { lock.withLock { malformedStatus = newValue } }
    }

    /// The jobs printed so far, oldest first (at most ``Limits/retainedJobs``, the latest).
    public var jobs: [Job] { lock.withLock { printed } }

    /// The connections being served now.
    public var connectionCount: Int { lock.withLock { openConnections } }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Opens a connection in memory, served like a TCP client on a thread of its own (within the
    /// connection limit), and returns the host's end: the bytes ``SimulatedReceiptPrinter``'s job
    /// and status code sends are interpreted, and status is answered, exactly as over TCP. A
    /// connection over the limit is closed at once, as over TCP. Works whether or not the
    /// simulator listens on TCP.
    func connectInMemory(peer: String = "memory") -> PrinterMemoryChannel {
        let (host, printer) = PrinterMemoryChannel.pair()
        admit(printer, peer: peer)
        return host
    }

    /// Serves `connection` on a thread of its own, or closes it when the limit is reached.
    private func admit(_ connection: some PrinterByteChannel, peer: String) {
        let admitted = lock.withLock {
            guard !stopped, openConnections < limits.maximumConnections else { return false }
            openConnections += 1
            return true
        }
        guard admitted else {
            onNotice?("connection from \(peer) refused: \(limits.maximumConnections) connections are open, the limit")
            connection.close()
            return
        }
        let thread = Thread { [self] in
            defer { lock.withLock { openConnections -= 1 } }
            handle(connection, peer: peer)
            connection.close()
        }
        thread.name = "escpos-simulator-connection:\(peer)"
        thread.start()
    }

    /// Accepts connections and hands each to a thread of its own, up to the limit.
    private func serve(_ server: TCPListener) {
        defer { server.close() }
        while !isStopped {
            guard let connection = try? server.accept(waitingAtMost: .milliseconds(200)) else { continue }
            admit(connection, peer: connection.peerAddress)
        }
    }

    /// One connection: interpret as bytes arrive, answer real-time requests, render at the end of
    /// the stream (or when the client has been silent for the idle timeout).
    private func handle(_ connection: some PrinterByteChannel, peer: String) {
        var interpreter = ESCPOSInterpreter(profile: profile, limits: limits.render)
        var retained: [UInt8] = []
        var byteCount = 0
        var automatic = AutomaticStatus(dialect: profile.dialect, status: status)
        var lastActivity = ContinuousClock.now
        while !isStopped {
            let bytes: [UInt8]?
            do { bytes = try connection.receive(timeout: .milliseconds(200)) } catch { break }
            let status = self.status
            let malformed = answersMalformedStatus
            if let changed = automatic.changed(to: status) { try? connection.send(changed) }
            guard let bytes else {
                if ContinuousClock.now - lastActivity >= limits.idleTimeout {
                    onNotice?("connection from \(peer) sent nothing for \(limits.idleTimeout): closed")
                    break
                }
                continue
            }
            if bytes.isEmpty { break }
            lastActivity = ContinuousClock.now
            byteCount += bytes.count
            if retained.count < limits.retainedJobBytes { retained += bytes.prefix(limits.retainedJobBytes - retained.count) }
            for parsed in interpreter.feed(bytes) {
                if malformed, parsed.command.isStatusRequest {
                    try? connection.send([0xFF])
                } else if let reply = reply(to: parsed.command, status: status, automatic: &automatic) {
                    try? connection.send(reply)
                }
            }
        }
        guard interpreter.hasPrinted else { return }
        record(retained, byteCount: byteCount, interpreter.finish())
    }

    /// The bytes the printer sends back for `command`, if any.
    private func reply(to command: ESCPOSCommand, status: PrinterStatus, automatic: inout AutomaticStatus) -> [UInt8]? {
        switch command {
        case .realTimeStatus(let n): RealTimeStatus.reply(to: n, status: status).map { [$0] }
        case .starStatusRequest: StarStatus(status, withLength: true).encoded
        case .automaticStatusBack(let bits): automatic.enableESCPOS(bits != 0, status: status)
        case .transmitStatus(let n): RealTimeStatus.transmitStatus(n, status: status).map { [$0] }
        case .transmitPrinterID(let n): Self.printerID(n)
        default: nil
        }
    }

    /// Automatic status of one connection: ESC/POS ASB once enabled by `GS a`, Star's ASB always.
    private struct AutomaticStatus {
        let dialect: CommandDialect
        var enabled: Bool
        var last: [UInt8]

        init(dialect: CommandDialect, status: PrinterStatus) {
            self.dialect = dialect
            enabled = dialect == .starLine
            last = Self.bytes(status, dialect)
        }

        /// ESC/POS: the four ASB bytes; Star: the automatic status with Length 0, as on Ethernet.
        static func bytes(_ status: PrinterStatus, _ dialect: CommandDialect) -> [UInt8] {
            switch dialect {
            case .escpos: RealTimeStatus.automaticStatusBack(status)
            case .starLine: StarStatus(status, withLength: true).encoded
            }
        }

        /// The status to send when it is enabled and differs from the last one sent.
        mutating func changed(to status: PrinterStatus) -> [UInt8]? {
            let current = Self.bytes(status, dialect)
            guard enabled, current != last else { return nil }
            last = current
            return current
        }

        /// `GS a`: on sends the status once at once; off stops it.
        mutating func enableESCPOS(_ on: Bool, status: PrinterStatus) -> [UInt8]? {
            guard dialect == .escpos else { return nil }
            enabled = on
            guard on else { return nil }
            last = Self.bytes(status, dialect)
            return last
        }
    }

    /// Numbers the job, writes its files and adds it to ``jobs``: one job at a time (``recording``),
    /// so numbers, files and the list agree in order; the status lock is held only briefly.
    private func record(_ bytes: [UInt8], byteCount: Int, _ receipt: RenderedReceipt) {
        recording.withLock {
            let number = lock.withLock {
                defer { nextJobNumber += 1 }
                return nextJobNumber
            }
            var files: [URL] = []
            if let spoolDirectory {
                let stem = String(format: "job-%04d", number)
                let png = spoolDirectory.appendingPathComponent(stem + ".png")
                let text = spoolDirectory.appendingPathComponent(stem + ".txt")
                if (try? Data(receipt.png()).write(to: png)) != nil { files.append(png) }
                if (try? Data(receipt.text.utf8).write(to: text)) != nil { files.append(text) }
            }
            let job = Job(number: number, bytes: bytes, byteCount: byteCount, receipt: receipt, files: files)
            lock.withLock {
                printed.append(job)
                if printed.count > limits.retainedJobs { printed.removeFirst(printed.count - limits.retainedJobs) }
            }
            onJob?(job)
        }
    }

    /// `GS I n`: 1 model ID, 2 type ID, 3 firmware ID; 65…69 as `_` + text + NUL.
    private static func printerID(_ n: UInt8) -> [UInt8] {
        switch n {
        case 1, 49: return [0x20]
        case 2, 50: return [0x02]
        case 3, 51: return [0x10]
        case 65: return [0x5F] + Array("1.00 BHAL".utf8) + [0]
        case 66: return [0x5F] + Array("BuergerHAL".utf8) + [0]
        case 67: return [0x5F] + Array("ESC/POS Simulator".utf8) + [0]
        default: return [0x5F, 0]
        }
    }
}

extension ESCPOSCommand {
    /// Whether the command asks the printer for its status (`DLE EOT`, `GS r`, `ESC ACK SOH`).
    fileprivate var isStatusRequest: Bool {
        switch self {
        case .realTimeStatus, .transmitStatus, .starStatusRequest: true
        default: false
        }
    }
}
