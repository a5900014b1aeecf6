/// An error from a device operation: what kind of failure, which operation, the backend's own code,
/// and a sentence telling a technician what to do next.
///
/// Backends keep their own code types (`PCSCError`, `ZVTResultCode`) and map each code to one ``Kind``.
public struct DeviceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The class of failure, shared by all backends. Extensible: a backend may add kinds, but
    /// callers should handle the shared ones and treat unknown kinds like ``other``.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The kind's name as it appears in machine output.
        public var rawValue: String
        /// Creates a kind from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The device or its service does not answer (pcscd down, printer unplugged, TCP refused).
        public static let offline = Kind(rawValue: "offline")
        /// The device did not answer within the allowed time.
        public static let timeout = Kind(rawValue: "timeout")
        /// Another program or handle holds the device; retry later.
        public static let busy = Kind(rawValue: "busy")
        /// The device or medium (card) was removed during use.
        public static let removed = Kind(rawValue: "removed")
        /// The operation needs exclusive access: call `claim()` first.
        public static let notClaimed = Kind(rawValue: "notClaimed")
        /// The device is not open: call `open()` first.
        public static let closed = Kind(rawValue: "closed")
        /// No matching hardware is attached or configured.
        public static let noHardware = Kind(rawValue: "noHardware")
        /// The device answered with bytes that violate its protocol.
        public static let `protocol` = Kind(rawValue: "protocol")
        /// The operating system refused access (device node permissions, udev rule missing).
        public static let permissionDenied = Kind(rawValue: "permissionDenied")
        /// The device reports a fault that needs a person (paper out, cover open).
        public static let hardwareFault = Kind(rawValue: "hardwareFault")
        /// Anything else; see the message and backend code.
        public static let other = Kind(rawValue: "other")
        /// The caller cancelled the operation (its task was cancelled); the device stays usable.
        public static let cancelled = Kind(rawValue: "cancelled")

        /// The raw name.
        public var description: String { rawValue }
    }

    /// A backend's native error code, kept for logs and support.
    public struct BackendCode: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Which code space the value belongs to (`"PC/SC"`, `"libusb"`, `"IPP"`, `"ZVT"`, `"errno"`).
        public var domain: String
        /// The numeric code as the backend reports it.
        public var value: Int64
        /// The symbolic name, when known (`"SCARD_E_NO_SERVICE"`).
        public var name: String?

        /// Creates a backend code.
        public init(domain: String, value: Int64, name: String? = nil) {
            self.domain = domain
            self.value = value
            self.name = name
        }

        /// `domain value (name)`, with PC/SC-sized values in hex.
        public var description: String {
            let number = value > 0xFFFF || value < 0 ? "0x" + String(UInt32(truncatingIfNeeded: value), radix: 16, uppercase: true) : String(value)
            return name.map { "\(domain) \(number) \($0)" } ?? "\(domain) \(number)"
        }
    }

    /// The class of failure.
    public var kind: Kind
    /// The operation that failed, in words (`"open"`, `"list readers"`, `"print receipt"`).
    public var operation: String
    /// What went wrong, in one sentence.
    public var message: String
    /// What a technician should do next, in one sentence.
    public var remedy: String
    /// The backend's own code, when there is one.
    public var backendCode: BackendCode?

    /// Creates an error.
    public init(_ kind: Kind, operation: String, message: String, remedy: String, backendCode: BackendCode? = nil) {
        self.kind = kind
        self.operation = operation
        self.message = message
        self.remedy = remedy
        self.backendCode = backendCode
    }

    /// `operation failed: message [code]. remedy`
    public var description: String {
        var text = "\(operation) failed: \(message)"
        if let backendCode { text += " [\(backendCode)]" }
        return text + ". " + remedy
    }
}

extension DeviceError {
    /// The error for an operation on a device that is not open.
    public static func notOpen(_ operation: String) -> DeviceError {
        DeviceError(.closed, operation: operation, message: "the device is not open", remedy: "Call open() before using the device.")
    }

    /// The error for an operation that needs exclusive access the caller has not claimed.
    public static func notClaimed(_ operation: String) -> DeviceError {
        DeviceError(.notClaimed, operation: operation, message: "the device is not claimed", remedy: "Call claim() before this operation.")
    }

    /// The error for an operation whose task was cancelled before it finished.
    public static func cancelled(_ operation: String) -> DeviceError {
        DeviceError(.cancelled, operation: operation, message: "the operation was cancelled",
                    remedy: "Nothing to repair: start the operation again when it is wanted.")
    }

    /// The error for an operation that did not complete within `limit`.
    public static func timedOut(_ operation: String, after limit: Duration) -> DeviceError {
        DeviceError(.timeout, operation: operation, message: "no answer within \(limit)",
                    remedy: "Check the cable or network connection and that the device is switched on, then retry.")
    }
}
