public import DeviceCore

/// One device as the configuration names it: logical name, family, backend, connection URI and,
/// for a printer, its profile.
public struct DeviceConfiguration: Sendable, Hashable {
    /// The logical name applications use (`"receipt"`).
    public var logicalName: String
    /// The device class.
    public var family: DeviceFamily
    /// The backend's name in the ``BackendCatalog`` (`"pcsc"`, `"cups"`, `"usb"`, `"simulator"`).
    public var backend: String
    /// The connection URI (`"cups://receipt"`), when the backend needs one.
    public var uri: String?
    /// A printer's profile id (`"star-tsp650"`); it decides how the TCP and USB backends read
    /// status. `nil`: the default profile (ESC/POS).
    public var profile: String?
    /// Where the entry was defined, for error messages.
    public var source: ConfigurationLocation?
    /// ``uri`` parsed by the backend, once: set by ``ConfigurationLoader`` and
    /// ``BackendCatalog/resolve(_:)``; `nil` until then. Factories read this, not ``uri``.
    public var endpoint: DeviceEndpoint?

    /// Creates a device entry. Give `endpoint` when the URI is already parsed (it is then not
    /// parsed again); otherwise the catalog parses `uri` when the entry is resolved.
    public init(logicalName: String, family: DeviceFamily, backend: String, uri: String? = nil, profile: String? = nil,
                source: ConfigurationLocation? = nil, endpoint: DeviceEndpoint? = nil) {
        self.logicalName = logicalName
        self.family = family
        self.backend = backend
        self.uri = uri
        self.profile = profile
        self.source = source
        self.endpoint = endpoint
    }
}

/// A terminal's device configuration: the devices by logical name, in file order.
public struct TerminalConfiguration: Sendable, Hashable {
    /// The devices in the order they were listed.
    public var devices: [DeviceConfiguration]

    /// Creates a configuration.
    public init(devices: [DeviceConfiguration]) {
        self.devices = devices
    }

    /// One simulated device per family: what `bhal selftest --simulate` uses without a file.
    public static let simulated = TerminalConfiguration(devices: [
        DeviceConfiguration(logicalName: "reader", family: .smartCardReader, backend: BackendCatalog.simulatorBackend),
        DeviceConfiguration(logicalName: "receipt", family: .receiptPrinter, backend: BackendCatalog.simulatorBackend),
        DeviceConfiguration(logicalName: "payment", family: .paymentTerminal, backend: BackendCatalog.simulatorBackend),
        DeviceConfiguration(logicalName: "signature-pad", family: .signaturePad, backend: BackendCatalog.simulatorBackend),
    ])

    /// The same devices, each on its family's simulator (logical names kept), for dry runs of a
    /// real configuration without hardware.
    public func simulated() -> TerminalConfiguration {
        TerminalConfiguration(devices: devices.map {
            DeviceConfiguration(logicalName: $0.logicalName, family: $0.family, backend: BackendCatalog.simulatorBackend,
                                profile: $0.profile, source: $0.source)
        })
    }
}
