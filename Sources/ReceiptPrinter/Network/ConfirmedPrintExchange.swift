import DeviceCore
import SystemIO

/// The job and status logic of a connection-oriented printer, without the transport: the status
/// query in a ``PrinterStatusDialect``, and a print that counts only once the printer confirms it.
/// ``TCPReceiptPrinter`` runs it over a socket, ``SimulatedReceiptPrinter`` over an in-memory
/// channel to the simulator's interpreter, so both make the same decisions and the same errors.
///
/// A print: status first (a fault fails before any job byte is sent), the job, the status again
/// on the same connection (its reply proves the printer read every byte before it, and reports a
/// fault that arose while printing), then a half-close and a wait until the printer closes.
/// A close or reset before the confirmation is ``DeviceError/Kind/offline`` (not printed); no
/// confirmation within `jobTimeout` is ``DeviceError/Kind/timeout`` whose remedy says not to
/// simply resend (it may have printed). Blocking: call it on a dedicated thread.
///
/// Cancellation: every wait receives in slices of at most ``cancellationSlice`` and checks the
/// calling task's `Task.isCancelled` between them, so a cancelled caller gets
/// ``DeviceError/Kind/cancelled`` within one slice. Before any job byte went out nothing printed;
/// once job bytes went out the error says the receipt may have printed
/// (``ReceiptSpool/hasNotPrinted(after:)`` is false for it, so it is never spooled for a second
/// print); a cancel after the printer confirmed the job ends the wait for its close, and the print
/// succeeds.
struct ConfirmedPrintExchange: Sendable {
    /// The longest single receive: how soon a cancelled caller stops waiting.
    static let cancellationSlice: Duration = .milliseconds(50)

    /// Bytes one exchange moved, by purpose, for the device's statistics.
    struct Traffic: Sendable {
        /// Status request bytes sent.
        var statusSent = 0
        /// Status reply (and other) bytes received.
        var statusReceived = 0
        /// Job bytes sent.
        var jobSent = 0
    }

    /// How status is asked.
    let dialect: PrinterStatusDialect
    /// The printer as messages name it (`HOST:PORT`, or the simulator's name).
    let peer: String
    /// How long each status reply may take.
    let replyTimeout: Duration
    /// How long the confirmation of a job, and then the printer's close, may take each.
    let jobTimeout: Duration

    /// The status on `channel`, asked for `operation`.
    func status(over channel: some PrinterByteChannel, _ operation: String, traffic: inout Traffic) throws(DeviceError) -> PrinterStatus {
        try query(channel, operation, traffic: &traffic)
    }

    /// Prints `job` on `channel` as the type describes; returns once the printer confirmed it and closed.
    func print(_ job: [UInt8], over channel: some PrinterByteChannel, traffic: inout Traffic) throws(DeviceError) {
        if let fault = try query(channel, "print", traffic: &traffic).blockingFault("print") { throw fault }
        do {
            try channel.send(job)
        } catch {
            throw Self.notPrinted("the connection broke while sending the job (\(error))", errno: error.rawCode)
        }
        traffic.jobSent += job.count
        try confirm(channel, jobSize: job.count, traffic: &traffic)
        channel.shutdownWrite()
        try waitForClose(channel)
    }

    /// The status round trip after the job. The first reply may take until `jobTimeout`: a printer
    /// whose receive buffer is full reads the rest of the job, and then the request, only as fast
    /// as it prints.
    private func confirm(_ channel: some PrinterByteChannel, jobSize: Int, traffic: inout Traffic) throws(DeviceError) {
        let status: PrinterStatus
        do throws(DeviceError) {
            status = try query(channel, "print", firstReplyTimeout: jobTimeout, traffic: &traffic)
        } catch {
            guard error.kind != .cancelled else {
                throw DeviceError(.cancelled, operation: "print",
                                  message: "the caller cancelled the print after the \(jobSize)-byte job was sent, before the printer confirmed it; "
                                      + "the receipt may have printed",
                                  remedy: "Check the printer's paper for the receipt; do not simply resend it.")
            }
            guard error.kind != .timeout else {
                throw DeviceError(.timeout, operation: "print",
                                  message: "the printer took the \(jobSize)-byte job but did not answer the \(dialect) request "
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

    /// One ``PrinterStatusQuery``: each request, then its reply; the first within
    /// `firstReplyTimeout` (default `replyTimeout`), the others within `replyTimeout`.
    private func query(_ channel: some PrinterByteChannel, _ operation: String, firstReplyTimeout: Duration? = nil,
                       traffic: inout Traffic) throws(DeviceError) -> PrinterStatus {
        var query = PrinterStatusQuery(dialect: dialect)
        var timeout = firstReplyTimeout ?? replyTimeout
        do {
            try channel.drain()
            while let request = query.nextRequest() {
                try channel.send(request)
                try awaitReply(channel, &query, operation, timeout: timeout)
                timeout = replyTimeout
            }
        } catch let error as SystemCallError {
            throw DeviceError(.offline, operation: operation, message: "status request failed: \(error)",
                              remedy: "Check the printer's network connection.",
                              backendCode: DeviceError.BackendCode(domain: error.domain.rawValue, value: Int64(error.rawCode)))
        } catch let error as DeviceError {
            throw error
        } catch {
            throw DeviceError(.other, operation: operation, message: "\(error)", remedy: "Retry.")
        }
        traffic.statusSent += query.bytesRequested
        traffic.statusReceived += query.bytesReceived
        guard let status = query.status else {
            throw DeviceError(.protocol, operation: operation, message: "the \(dialect) replies gave no status",
                              remedy: "Retry; if it persists, check the printer profile.")
        }
        return status
    }

    /// Reads until `query` has the reply to its last request (within `timeout`); other bytes are skipped.
    private func awaitReply(_ channel: some PrinterByteChannel, _ query: inout PrinterStatusQuery, _ operation: String,
                            timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            if Task.isCancelled { throw DeviceError.cancelled(operation) }
            guard let bytes = try channel.receive(maximum: 256, timeout: min(left, Self.cancellationSlice)) else { continue }
            guard !bytes.isEmpty else {
                throw DeviceError(.offline, operation: operation, message: "the printer closed the connection during a status request",
                                  remedy: "Another program may hold the printer's port; retry, or check the printer.")
            }
            if query.receive(bytes) { return }
        }
        throw DeviceError(.timeout, operation: operation, message: "no \(dialect) reply from \(peer) within \(timeout)",
                          remedy: dialect.noReplyRemedy)
    }

    /// Reads until the printer closes the connection. The job is confirmed already, so a reset
    /// here loses nothing, and a cancelled caller stops waiting (the job printed).
    private func waitForClose(_ channel: some PrinterByteChannel) throws(DeviceError) {
        let deadline = ContinuousClock.now + jobTimeout
        while ContinuousClock.now < deadline {
            if Task.isCancelled { return }
            let bytes: [UInt8]?
            do { bytes = try channel.receive(maximum: 65_536, timeout: Self.cancellationSlice) } catch { return }
            if bytes?.isEmpty == true { return }
        }
        throw DeviceError(.timeout, operation: "print", message: "the printer did not close the connection within \(jobTimeout)",
                          remedy: "Check the printer; the job was sent and may have printed, so do not simply resend it.")
    }
}
