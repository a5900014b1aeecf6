public import DeviceCore

/// An IPP status from libcups (`cupsLastError()`), with the shared error kind and a remedy.
public struct CUPSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The IPP status code (`ipp_status_t`), e.g. `0x0406` not found, `0x0503` service unavailable.
    public var status: Int
    /// libcups's text for it (`cupsLastErrorString()`), or BuergerHAL's when libcups has none that fits.
    public var message: String
    /// What a technician should do next.
    public var remedy: String

    /// Creates an error from a status and text; the remedy follows from the status.
    public init(status: Int, message: String) {
        self.init(status: status, message: message, remedy: Self.remedy(for: status))
    }

    /// Creates an error with its own remedy.
    public init(status: Int, message: String, remedy: String) {
        self.status = status
        self.message = message
        self.remedy = remedy
    }

    /// The scheduler went away (crashed, was stopped) while taking job `job` or, with `taken`,
    /// before it finished the job. libcups alone reports this as success or as a broken socket
    /// ("Bad file descriptor"); this names what happened.
    public static func schedulerStopped(server: String, queue: String, job: Int32, taken: Bool = false) -> CUPSError {
        CUPSError(
            status: 0x0503,
            message: "the CUPS scheduler at \(server) stopped " +
                (taken ? "before job \(job) for queue \(queue) was printed" : "while taking job \(job) for queue \(queue)"),
            remedy: "Check why it stopped (`journalctl -u cups`, or its error log, e.g. /var/log/cups/error_log), start it again " +
                "(`systemctl start cups`) and check `lpstat -p \(queue)`, then print again.")
    }

    /// `message (IPP 0x0406)`
    public var description: String { "\(message) (IPP 0x\(String(status, radix: 16)))" }

    /// The shared error kind.
    public var kind: DeviceError.Kind {
        switch status {
        case 0x0406: .noHardware  // client-error-not-found
        case 0x0401, 0x0403: .permissionDenied  // forbidden, not-authorized
        case 0x0503, 0x0502, 0x0500: .offline  // service unavailable, device error, internal
        default: .other
        }
    }

    private static func remedy(for status: Int) -> String {
        switch status {
        case 0x0406: "The CUPS queue does not exist: create it with `lpadmin -p QUEUE -E -v socket://PRINTER:9100 -m raw`, or correct the queue name in the configuration."
        case 0x0401, 0x0403: "CUPS refused the request: allow this user in cupsd.conf or add it to the lpadmin group."
        case 0x0503: "The CUPS scheduler is not reachable: start cupsd and check CUPS_SERVER / the ?server= part of the URI."
        default: "Check `lpstat -t` and the CUPS error log, then retry."
        }
    }

    /// This error as a ``DeviceError`` for `operation`.
    public func deviceError(_ operation: String) -> DeviceError {
        DeviceError(kind, operation: operation, message: message, remedy: remedy,
                    backendCode: DeviceError.BackendCode(domain: "IPP", value: Int64(status)))
    }
}
