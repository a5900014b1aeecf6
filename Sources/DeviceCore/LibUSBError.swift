/// A libusb return code (`enum libusb_error`), with the shared error kind and a remedy.
///
/// Both libusb backends (`SignaturePadUSB`, `ReceiptPrinterUSB`) map their codes here, so the
/// mapping exists once; it lives in DeviceCore because it needs no C, only the code values.
/// The remedy names the device and the group of `udev/70-buergerhal.rules` from a ``USBDeviceRole``.
public struct LibUSBError: Error, RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The negative libusb code (`-3` for `LIBUSB_ERROR_ACCESS`).
    public var rawValue: Int32
    /// Wraps a code.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `LIBUSB_ERROR_IO`: input/output error.
    public static let io = LibUSBError(rawValue: -1)
    /// `LIBUSB_ERROR_INVALID_PARAM`: a parameter was invalid.
    public static let invalidParameter = LibUSBError(rawValue: -2)
    /// `LIBUSB_ERROR_ACCESS`: the device node's permissions refuse access.
    public static let access = LibUSBError(rawValue: -3)
    /// `LIBUSB_ERROR_NO_DEVICE`: the device was disconnected.
    public static let noDevice = LibUSBError(rawValue: -4)
    /// `LIBUSB_ERROR_NOT_FOUND`: no such device, interface or kernel driver.
    public static let notFound = LibUSBError(rawValue: -5)
    /// `LIBUSB_ERROR_BUSY`: another program or a kernel driver holds the interface.
    public static let busy = LibUSBError(rawValue: -6)
    /// `LIBUSB_ERROR_TIMEOUT`: the transfer did not complete in time.
    public static let timeout = LibUSBError(rawValue: -7)
    /// `LIBUSB_ERROR_OVERFLOW`: the device sent more than the buffer holds.
    public static let overflow = LibUSBError(rawValue: -8)
    /// `LIBUSB_ERROR_PIPE`: the endpoint stalled.
    public static let pipe = LibUSBError(rawValue: -9)
    /// `LIBUSB_ERROR_NO_MEM`.
    public static let noMemory = LibUSBError(rawValue: -11)
    /// `LIBUSB_ERROR_NOT_SUPPORTED`: the operation is not supported on this platform or device.
    public static let notSupported = LibUSBError(rawValue: -12)
    /// `LIBUSB_ERROR_OTHER`: any other error.
    public static let other = LibUSBError(rawValue: -99)

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

    /// What a technician should do next about `device`.
    public func remedy(for device: USBDeviceRole) -> String {
        switch rawValue {
        case -3:
            "No permission for the USB \(device.name): install udev/70-buergerhal.rules to /etc/udev/rules.d "
                + "(`bhal udev-rules > /etc/udev/rules.d/70-buergerhal.rules`), run `udevadm control --reload && udevadm trigger`, "
                + "add the kiosk user to group \(device.group), and replug the \(device.name)."
        case -4: "The \(device.name) was unplugged or switched off: reconnect it and retry."
        case -5: "The \(device.name) is not attached: connect it and check `lsusb`."
        case -6: "Another program or kernel driver holds the \(device.name): \(device.releaseHint), then retry."
        case -7: "The \(device.name) did not answer in time: check that it is switched on, replug it and retry."
        default: "USB communication failed: replug the \(device.name) (preferably to another port) and retry."
        }
    }

    /// This code as a ``DeviceError`` for `operation` on `device`.
    public func deviceError(_ operation: String, device: USBDeviceRole) -> DeviceError {
        DeviceError(kind, operation: operation, message: "libusb returned \(name ?? String(rawValue))", remedy: remedy(for: device),
                    backendCode: DeviceError.BackendCode(domain: "libusb", value: Int64(rawValue), name: name))
    }
}

/// The USB device a libusb remedy talks about: its name, the group `udev/70-buergerhal.rules`
/// gives access to it, and how to free it from another holder.
public struct USBDeviceRole: Sendable, Hashable {
    /// The device in words, as in "the \(name) was unplugged" (`"signature pad"`).
    public var name: String
    /// The group the udev rule gives read/write access to the device node (`"sigpad"`).
    public var group: String
    /// What to stop when another program holds the device (`"close the vendor software"`).
    public var releaseHint: String

    /// Creates a role.
    public init(name: String, group: String, releaseHint: String) {
        self.name = name
        self.group = group
        self.releaseHint = releaseHint
    }
}
