public import DeviceCore

/// An IPP status from libcups (`cupsLastError()`), with the shared error kind and a remedy.
public struct CUPSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The IPP status code (`ipp_status_t`), e.g. `0x0406` not found, `0x0503` service unavailable.
    public var status: Int
    /// libcups's text for it (`cupsLastErrorString()`).
    public var message: String

    /// Creates an error from a status and text.
    public init(status: Int, message: String) {
        self.status = status
        self.message = message
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

    /// What a technician should do next.
    public var remedy: String {
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
