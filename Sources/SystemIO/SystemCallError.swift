import Glibc

/// A system call that failed: which call, what it was doing, and the C error code.
///
/// Families map it into their own `DeviceError` with their remedy text (SystemIO knows no
/// devices). `code` is an `errno` value, or for ``Domain/addressLookup`` a `getaddrinfo` status.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the code comes from.
    public enum Domain: String, Sendable, Hashable {
        /// `errno` of a system call.
        case errno
        /// The status of `getaddrinfo` (`EAI_*`).
        case addressLookup = "getaddrinfo"
    }

    /// An `errno` value with Swift names for the codes callers tell apart.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The C value.
        public var rawValue: Int32
        /// Wraps a C value.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `ECONNREFUSED`: nothing listens on the port.
        public static let connectionRefused = Code(rawValue: ECONNREFUSED)
        /// `ETIMEDOUT`: no answer in time (also a connect whose poll ran out).
        public static let timedOut = Code(rawValue: ETIMEDOUT)
        /// `EHOSTUNREACH`.
        public static let hostUnreachable = Code(rawValue: EHOSTUNREACH)
        /// `ENETUNREACH`.
        public static let networkUnreachable = Code(rawValue: ENETUNREACH)
        /// `EHOSTDOWN`.
        public static let hostDown = Code(rawValue: EHOSTDOWN)
        /// `ECONNRESET`: the peer reset the connection.
        public static let connectionReset = Code(rawValue: ECONNRESET)
        /// `EPIPE`: the peer closed; writing is no longer possible.
        public static let brokenPipe = Code(rawValue: EPIPE)
        /// `ENOTCONN`.
        public static let notConnected = Code(rawValue: ENOTCONN)
        /// `EACCES`.
        public static let accessDenied = Code(rawValue: EACCES)
        /// `EPERM`.
        public static let notPermitted = Code(rawValue: EPERM)
        /// `ENOENT`: no such file or device node.
        public static let noEntry = Code(rawValue: ENOENT)
        /// `ENODEV`.
        public static let noDevice = Code(rawValue: ENODEV)
        /// `ENXIO`.
        public static let noDeviceOrAddress = Code(rawValue: ENXIO)
        /// `EBUSY`.
        public static let busy = Code(rawValue: EBUSY)
        /// `EADDRINUSE`: another socket holds the port.
        public static let addressInUse = Code(rawValue: EADDRINUSE)
        /// `EIO`.
        public static let ioError = Code(rawValue: EIO)
        /// `ENOTTY`: the descriptor is not a terminal.
        public static let notATerminal = Code(rawValue: ENOTTY)
        /// `EINVAL`.
        public static let invalidArgument = Code(rawValue: EINVAL)
    }

    /// The C call that failed (`connect`, `poll`, `tcgetattr`, `getaddrinfo`…).
    public var call: String
    /// What it was doing, e.g. `connect to 10.0.0.5:20007`.
    public var context: String
    /// The error code (see ``domain``).
    public var rawCode: Int32
    /// Where ``rawCode`` comes from.
    public var domain: Domain

    /// Creates an error from a code.
    public init(call: String, context: String, code: Int32, domain: Domain = .errno) {
        self.call = call
        self.context = context
        rawCode = code
        self.domain = domain
    }

    /// The errno as a ``Code`` (meaningful for ``Domain/errno``).
    public var code: Code { Code(rawValue: rawCode) }

    /// The C library's text for the code (`strerror` or `gai_strerror`).
    public var reason: String {
        switch domain {
        case .errno: String(cString: strerror(rawCode))
        case .addressLookup: String(cString: gai_strerror(rawCode))
        }
    }

    /// `context: reason (errno N)`.
    public var description: String { "\(context): \(reason) (\(domain.rawValue) \(rawCode))" }
}
