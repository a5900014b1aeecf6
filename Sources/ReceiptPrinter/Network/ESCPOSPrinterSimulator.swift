public import Foundation

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
/// Serves one connection at a time, like most printers. Thread-safe: the fault setters and job
/// list may be used from any thread while it serves on its own thread.
public final class ESCPOSPrinterSimulator: @unchecked Sendable {
    /// A job the simulator printed.
    public struct Job: Sendable {
        /// 1-based job number.
        public var number: Int
        /// The bytes received on the connection.
        public var bytes: [UInt8]
        /// What was printed.
        public var receipt: RenderedReceipt
        /// The PNG and TXT files, when a spool directory is set.
        public var files: [URL]
    }

    /// The printer model simulated (paper width, code pages).
    public let profile: PrinterProfile
    /// Where PNG and TXT files go (`nil`: kept in memory only).
    public let spoolDirectory: URL?
    private let lock = NSLock()
    private var currentStatus = PrinterStatus(online: true)
    private var printed: [Job] = []
    private var stopped = false
    private var server: TCPSocket?
    private let onJob: (@Sendable (Job) -> Void)?
    /// The port it listens on.
    public private(set) var port: UInt16 = 0

    /// Creates a simulator; `onJob` is called on the serving thread after each printed job.
    public init(profile: PrinterProfile = .default, spoolDirectory: URL? = nil, onJob: (@Sendable (Job) -> Void)? = nil) {
        self.profile = profile
        self.spoolDirectory = spoolDirectory
        self.onJob = onJob
    }

    deinit { stop() }

    /// Binds `host:port` (0: any free port), starts serving and returns the bound port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port requested: UInt16 = 9100) throws -> UInt16 {
        if let spoolDirectory { try FileManager.default.createDirectory(at: spoolDirectory, withIntermediateDirectories: true) }
        let (socket, bound) = try TCPSocket.listen(host: host, port: requested)
        lock.withLock {
            server = socket
            port = bound
        }
        let thread = Thread { [self] in serve(socket) }
        thread.name = "escpos-simulator:\(bound)"
        thread.start()
        return bound
    }

    /// Stops accepting connections (the serving thread ends within 200 ms).
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

    /// Every job printed so far, oldest first.
    public var jobs: [Job] { lock.withLock { printed } }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func serve(_ server: TCPSocket) {
        defer { server.close() }
        while !isStopped {
            guard let connection = try? server.accept(timeout: .milliseconds(200)) else { continue }
            handle(connection)
            connection.close()
        }
    }

    /// One connection: interpret as bytes arrive, answer real-time requests, render at the end.
    private func handle(_ connection: TCPSocket) {
        var interpreter = ESCPOSInterpreter(profile: profile)
        var received: [UInt8] = []
        var automatic = AutomaticStatus(dialect: profile.dialect, status: status)
        while !isStopped {
            let bytes: [UInt8]?
            do { bytes = try connection.receive(timeout: .milliseconds(200)) } catch { break }
            let status = self.status
            if let changed = automatic.changed(to: status) { try? connection.send(changed) }
            guard let bytes else { continue }
            if bytes.isEmpty { break }
            received += bytes
            for parsed in interpreter.feed(bytes) {
                if let reply = reply(to: parsed.command, status: status, automatic: &automatic) { try? connection.send(reply) }
            }
        }
        guard interpreter.hasPrinted else { return }
        record(received, interpreter.finish())
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

    private func record(_ bytes: [UInt8], _ receipt: RenderedReceipt) {
        let number = lock.withLock { printed.count + 1 }
        var files: [URL] = []
        if let spoolDirectory {
            let stem = String(format: "job-%04d", number)
            let png = spoolDirectory.appendingPathComponent(stem + ".png")
            let text = spoolDirectory.appendingPathComponent(stem + ".txt")
            if (try? Data(receipt.png()).write(to: png)) != nil { files.append(png) }
            if (try? Data(receipt.text.utf8).write(to: text)) != nil { files.append(text) }
        }
        let job = Job(number: number, bytes: bytes, receipt: receipt, files: files)
        lock.withLock { printed.append(job) }
        onJob?(job)
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
