internal import CCUPS

/// The one place libcups is called. Not thread-safe and thread-bound (libcups keeps the server
/// setting per thread): owned by one device actor running on a dedicated thread.
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

    /// Uses `server` (`HOST:PORT` or a socket path) for this thread's requests; `nil` keeps the
    /// default (CUPS_SERVER, client.conf, local socket).
    init(server: String?) {
        if let server { cupsSetServer(server) }
    }

    /// `cupsGetNamedDest`: the queue's state, reasons and whether it accepts jobs.
    func attributes(of queue: String) throws(CUPSError) -> QueueAttributes {
        guard let dest = cupsGetNamedDest(nil, queue, nil) else {
            let status = Int(cupsLastError().rawValue)
            // cupsGetNamedDest reports an unreachable scheduler as "not found" too: tell them apart.
            if status == 0 || status == 0x0406 {
                try requireScheduler()
                throw CUPSError(status: 0x0406, message: "no CUPS queue named \"\(queue)\" on \(Self.serverName)")
            }
            throw Self.lastError()
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
    /// `cupsFinishDocument`: submits `data` unfiltered and returns the job id.
    func submitRaw(_ data: [UInt8], to queue: String, title: String) throws(CUPSError) -> Int32 {
        let job = cupsCreateJob(nil, queue, title, 0, nil)
        guard job > 0 else { throw Self.lastError() }
        guard cupsStartDocument(nil, queue, job, title, "application/vnd.cups-raw", 1) == HTTP_STATUS_CONTINUE else {
            let error = Self.lastError()
            cupsCancelJob2(nil, queue, job, 0)
            throw error
        }
        let written = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cupsWriteRequestData(nil, $0.baseAddress, $0.count) }
        }
        guard written == HTTP_STATUS_CONTINUE else {
            let error = Self.lastError()
            cupsFinishDocument(nil, queue)
            cupsCancelJob2(nil, queue, job, 0)
            throw error
        }
        guard cupsFinishDocument(nil, queue).rawValue <= 0x00FF else { throw Self.lastError() }
        return job
    }

    /// `cupsGetJobs2`: the state of job `id` on `queue`, or `nil` when CUPS no longer lists it.
    func jobState(_ id: Int32, on queue: String) throws(CUPSError) -> JobState? {
        var jobs: UnsafeMutablePointer<cups_job_t>?
        let count = cupsGetJobs2(nil, &jobs, queue, 0, -1)  // -1 is CUPS_WHICHJOBS_ALL
        guard count >= 0 else { throw Self.lastError() }
        defer { cupsFreeJobs(count, jobs) }
        guard let jobs else { return nil }
        for index in 0..<Int(count) where jobs[index].id == id {
            return JobState(rawValue: Int(jobs[index].state.rawValue))
        }
        return nil
    }

    /// `cupsCancelJob2`: cancels job `id`.
    func cancel(_ id: Int32, on queue: String) {
        cupsCancelJob2(nil, queue, id, 0)
    }

    /// `httpConnect2` to the configured scheduler; throws service-unavailable when it does not answer.
    func requireScheduler() throws(CUPSError) {
        guard let http = httpConnect2(cupsServer(), ippPort(), nil, 0 /* AF_UNSPEC */, cupsEncryption(), 1, 2000, nil) else {
            throw CUPSError(status: 0x0503, message: "cannot connect to the CUPS scheduler at \(Self.serverName)")
        }
        httpClose(http)
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
