internal import CCUPS

/// The one place libcups is called. Not thread-safe and thread-bound (libcups keeps the server
/// setting per thread): owned by one device actor running on a dedicated thread.
///
/// It holds its own connection to the scheduler (`httpConnect2`) instead of libcups' implicit
/// per-thread one, so a scheduler that went away is noticed as such: the broken connection is
/// dropped after any failed request and the next request connects anew.
final class CUPSConnection {
    /// A queue's attributes as `cupsGetNamedDest` reports them.
    struct QueueAttributes {
        var state: Int  // printer-state: 3 idle, 4 processing, 5 stopped
        var reasons: [String]  // printer-state-reasons
        var acceptingJobs: Bool  // printer-is-accepting-jobs
        var makeAndModel: String?
    }

    /// Job states (`ipp_jstate_t`).
    enum JobState: Int {
        case pending = 3, held, processing, stopped, canceled, aborted, completed
    }

    /// The `job-name` of every job: no whitespace or control characters. Debian's CUPS
    /// 2.4.2-3+deb12u10 scheduler crashes on string job attributes with whitespace (and spins on
    /// control characters); `document-name` is left out altogether for the same reason.
    static let jobName = CUPSAttributeText.sanitized("BuergerHAL-receipt")

    private var http: OpaquePointer?

    /// Uses `server` (`HOST:PORT` or a socket path) for this thread's requests; `nil` keeps the
    /// default (CUPS_SERVER, client.conf, local socket).
    init(server: String?) {
        if let server { cupsSetServer(server) }
    }

    deinit { disconnect() }

    /// `cupsGetNamedDest`: the queue's state, reasons and whether it accepts jobs.
    func attributes(of queue: String) throws(CUPSError) -> QueueAttributes {
        let http = try connection()
        guard let dest = cupsGetNamedDest(http, queue, nil) else {
            let status = Int(cupsLastError().rawValue)
            // cupsGetNamedDest reports an unreachable scheduler as "not found" too: tell them apart.
            if status == 0 || status == 0x0406 {
                disconnect()
                try requireScheduler()
                throw CUPSError(status: 0x0406, message: "no CUPS queue named \"\(queue)\" on \(Self.serverName)")
            }
            throw failure()
        }
        defer { cupsFreeDests(1, dest) }
        func option(_ name: String) -> String? {
            cupsGetOption(name, dest.pointee.num_options, dest.pointee.options).map { String(cString: $0) }
        }
        return QueueAttributes(
            state: option("printer-state").flatMap(Int.init) ?? 3,
            reasons: option("printer-state-reasons")?.split(separator: ",").map(String.init) ?? [],
            acceptingJobs: option("printer-is-accepting-jobs") != "false",
            makeAndModel: option("printer-make-and-model"))
    }

    /// `cupsCreateJob` + `cupsStartDocument(CUPS_FORMAT_RAW)` + `cupsWriteRequestData` +
    /// `cupsFinishDocument`: submits `data` unfiltered and returns the job id once the scheduler
    /// has confirmed that it holds the job.
    ///
    /// `cupsFinishDocument` reports success even when the scheduler died before it answered, so
    /// the job is looked up again on a new connection: a scheduler that is gone, or that no longer
    /// knows the job, fails with ``CUPSError/schedulerStopped(server:queue:job:)``.
    func submitRaw(_ data: [UInt8], to queue: String) throws(CUPSError) -> Int32 {
        let http = try connection()
        let job = cupsCreateJob(http, queue, Self.jobName, 0, nil)
        guard job > 0 else { throw failure() }
        guard cupsStartDocument(http, queue, job, nil, "application/vnd.cups-raw", 1) == HTTP_STATUS_CONTINUE else {
            throw abandon(job, on: queue, http: http)
        }
        let written = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cupsWriteRequestData(http, $0.baseAddress, $0.count) }
        }
        guard written == HTTP_STATUS_CONTINUE else { throw abandon(job, on: queue, http: http) }
        guard cupsFinishDocument(http, queue).rawValue <= 0x00FF else { throw abandon(job, on: queue, http: http, finished: true) }
        try confirmHeld(job, on: queue)
        return job
    }

    /// `cupsGetJobs2`: the state of job `id` on `queue`, or `nil` when CUPS no longer lists it.
    func jobState(_ id: Int32, on queue: String) throws(CUPSError) -> JobState? {
        let http = try connection()
        var jobs: UnsafeMutablePointer<cups_job_t>?
        let count = cupsGetJobs2(http, &jobs, queue, 0, -1)  // -1 is CUPS_WHICHJOBS_ALL
        guard count >= 0 else {
            let error = failure()
            throw schedulerAnswers() ? error : .schedulerStopped(server: Self.serverName, queue: queue, job: id, taken: true)
        }
        defer { cupsFreeJobs(count, jobs) }
        guard let jobs else { return nil }
        for index in 0..<Int(count) where jobs[index].id == id {
            return JobState(rawValue: Int(jobs[index].state.rawValue))
        }
        return nil
    }

    /// `cupsCancelJob2`: cancels job `id`.
    func cancel(_ id: Int32, on queue: String) {
        guard let http = try? connection() else { return }
        if cupsCancelJob2(http, queue, id, 0) != IPP_STATUS_OK { disconnect() }
    }

    /// The configured scheduler must answer a request; throws service-unavailable when it does not.
    func requireScheduler() throws(CUPSError) {
        guard schedulerAnswers() else {
            throw CUPSError(status: 0x0503, message: "cannot connect to the CUPS scheduler at \(Self.serverName)")
        }
    }

    /// Whether the scheduler answers a request (Get-Jobs) on a new connection within 2 s. A
    /// connect alone is not enough: the kernel still completes connections to a scheduler that
    /// is dying (its listening socket outlives the crash by a moment), and then resets them.
    private func schedulerAnswers() -> Bool {
        guard let probe = Self.connect() else { return false }
        defer { httpClose(probe) }
        var jobs: UnsafeMutablePointer<cups_job_t>?
        let count = cupsGetJobs2(probe, &jobs, nil, 1, 0)  // this user's active jobs: a small answer
        if count > 0 { cupsFreeJobs(count, jobs) }
        return count >= 0
    }

    /// After the document was sent: the scheduler must answer on a new connection and list the job.
    private func confirmHeld(_ job: Int32, on queue: String) throws(CUPSError) {
        disconnect()  // the request connection may be the one a dying scheduler left half-closed
        let state: JobState?
        do { state = try jobState(job, on: queue) } catch {
            throw schedulerAnswers() ? error : .schedulerStopped(server: Self.serverName, queue: queue, job: job)
        }
        guard state != nil else { throw .schedulerStopped(server: Self.serverName, queue: queue, job: job) }
    }

    /// A submission that failed after `cupsCreateJob`: the error to report, with the job cancelled
    /// when the scheduler still answers. A scheduler that is gone is named as such (libcups then
    /// reports only the broken socket, e.g. "Bad file descriptor").
    private func abandon(_ job: Int32, on queue: String, http: OpaquePointer, finished: Bool = false) -> CUPSError {
        let error = failure()
        if !finished { cupsFinishDocument(http, queue) }
        disconnect()
        guard schedulerAnswers() else { return .schedulerStopped(server: Self.serverName, queue: queue, job: job) }
        cancel(job, on: queue)
        return CUPSError(status: error.status, message: "CUPS did not take job \(job) for queue \(queue): \(error.message)")
    }

    /// This thread's connection, made on first use and after a failure.
    private func connection() throws(CUPSError) -> OpaquePointer {
        if let http { return http }
        guard let made = Self.connect() else {
            throw CUPSError(status: 0x0503, message: "cannot connect to the CUPS scheduler at \(Self.serverName)")
        }
        http = made
        return made
    }

    private func disconnect() {
        if let http { httpClose(http) }
        http = nil
    }

    /// The last libcups error; the connection is dropped, since it may be broken.
    private func failure() -> CUPSError {
        let error = Self.lastError()
        disconnect()
        return error
    }

    private static func connect() -> OpaquePointer? {
        httpConnect2(cupsServer(), ippPort(), nil, 0 /* AF_UNSPEC */, cupsEncryption(), 1, 2000, nil)
    }

    /// The scheduler libcups talks to on this thread (`cupsServer()`), with its port.
    private static var serverName: String {
        let server = cupsServer().map { String(cString: $0) } ?? "localhost"
        return server.hasPrefix("/") || server.contains(":") ? server : "\(server):\(ippPort())"
    }

    private static func lastError() -> CUPSError {
        CUPSError(status: Int(cupsLastError().rawValue), message: cupsLastErrorString().map { String(cString: $0) } ?? "unknown CUPS error")
    }
}
