public import DeviceCore

/// A libusb return code (`enum libusb_error`), with the shared error kind and a remedy.
public struct LibUSBError: Error, RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The negative libusb code (`-3` for `LIBUSB_ERROR_ACCESS`).
    public var rawValue: Int32
    /// Wraps a code.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    private static let names: [Int32: String] = [
        -1: "LIBUSB_ERROR_IO", -2: "LIBUSB_ERROR_INVALID_PARAM", -3: "LIBUSB_ERROR_ACCESS", -4: "LIBUSB_ERROR_NO_DEVICE",
        -5: "LIBUSB_ERROR_NOT_FOUND", -6: "LIBUSB_ERROR_BUSY", -7: "LIBUSB_ERROR_TIMEOUT", -8: "LIBUSB_ERROR_OVERFLOW",
        -9: "LIBUSB_ERROR_PIPE", -10: "LIBUSB_ERROR_INTERRUPTED", -11: "LIBUSB_ERROR_NO_MEM", -12: "LIBUSB_ERROR_NOT_SUPPORTED",
        -99: "LIBUSB_ERROR_OTHER",
    ]

    /// The C name, when known.
    public var name: String? { Self.names[rawValue] }

    /// `LIBUSB_ERROR_ACCESS (-3)`
    public var description: String { "\(name ?? "libusb error") (\(rawValue))" }

    /// The shared error kind.
    public var kind: DeviceError.Kind {
        switch rawValue {
        case -3: .permissionDenied
        case -4: .removed
        case -5: .noHardware
        case -6: .busy
        case -7: .timeout
        case -9, -8: .protocol
        default: .other
        }
    }

    /// What a technician should do next.
    public var remedy: String {
        switch rawValue {
        case -3: "No permission for the USB device: install udev/70-buergerhal.rules to /etc/udev/rules.d, run `udevadm control --reload && udevadm trigger`, add the kiosk user to group sigpad, and replug the pad."
        case -4: "The pad was unplugged: reconnect it and retry."
        case -5: "The pad is not attached: connect it and check `lsusb`."
        case -6: "Another program or kernel driver holds the pad: close the vendor software and retry."
        case -7: "The pad did not answer in time: replug it and retry."
        default: "USB communication failed: replug the pad (preferably to another port) and retry."
        }
    }

    /// This code as a ``DeviceError`` for `operation`.
    public func deviceError(_ operation: String) -> DeviceError {
        DeviceError(kind, operation: operation, message: "libusb returned \(name ?? String(rawValue))", remedy: remedy,
                    backendCode: DeviceError.BackendCode(domain: "libusb", value: Int64(rawValue), name: name))
    }
}
