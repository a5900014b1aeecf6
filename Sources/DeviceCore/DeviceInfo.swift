/// Whether a device is backed by hardware or by a simulator.
public enum BackendKind: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Real hardware behind a system service or driver (pcscd, CUPS, libusb, a socket).
    case real
    /// An in-process or out-of-process simulator: no hardware involved.
    case simulated

    /// The raw value, for tables.
    public var description: String { rawValue }
}

/// Static facts about one device: what it is, which backend drives it, and the name it is known by.
///
/// Fields the backend cannot learn (a printer that does not report its serial number) are `nil`.
public struct DeviceInfo: Sendable, Hashable, Codable {
    /// The logical name from the configuration (`"reader"`, `"receipt"`); unique per terminal.
    public var logicalName: String
    /// The device class.
    public var family: DeviceFamily
    /// Real hardware or simulator.
    public var backend: BackendKind
    /// The backend's identifier as used in configuration (`"pcsc"`, `"cups"`, `"simulator"`).
    public var backendName: String
    /// The connection URI the device was opened with, if any (`"cups://receipt"`).
    public var connection: String?
    /// The manufacturer, when known.
    public var vendor: String?
    /// The model name, when known.
    public var model: String?
    /// The serial number, when known.
    public var serialNumber: String?
    /// The firmware version, when known.
    public var firmwareVersion: String?

    /// Creates a description of a device.
    public init(
        logicalName: String, family: DeviceFamily, backend: BackendKind, backendName: String,
        connection: String? = nil, vendor: String? = nil, model: String? = nil,
        serialNumber: String? = nil, firmwareVersion: String? = nil
    ) {
        self.logicalName = logicalName
        self.family = family
        self.backend = backend
        self.backendName = backendName
        self.connection = connection
        self.vendor = vendor
        self.model = model
        self.serialNumber = serialNumber
        self.firmwareVersion = firmwareVersion
    }
}
