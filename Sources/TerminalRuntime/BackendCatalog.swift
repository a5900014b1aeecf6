import Foundation
public import DeviceCore
import PaymentTerminal
import ReceiptPrinter
import ReceiptPrinterCUPS
import ReceiptPrinterUSB
import SignaturePad
import SignaturePadUSB
import SmartCard
import SmartCardPCSC

/// The backends the runtime can create, by family and name, each with its URI parser.
///
/// Adding a backend means adding one entry here (and its module); configuration, `bhal devices`
/// and the self-test pick it up from the catalog.
public struct BackendCatalog: Sendable {
    /// Creates a device from its configuration, or explains why the configuration is unusable.
    public typealias Factory = @Sendable (DeviceConfiguration, any Clock<Duration>) throws(ConfigurationError) -> any Device

    /// Checks a configuration entry (its URI) without creating a device or touching hardware.
    public typealias Validator = @Sendable (DeviceConfiguration) throws(ConfigurationError) -> Void

    /// The name every family's simulator is registered under.
    public static let simulatorBackend = "simulator"

    private struct Entry {
        var validate: Validator
        var make: Factory
    }

    private var entries: [DeviceFamily: [String: Entry]]

    /// Creates an empty catalog.
    public init() {
        entries = [:]
    }

    /// Adds or replaces the backend `name` for `family`: `validate` checks an entry at load time,
    /// `factory` creates the device.
    public mutating func register(_ family: DeviceFamily, _ name: String, validate: @escaping Validator = { _ in },
                                  factory: @escaping Factory) {
        entries[family, default: [:]][name] = Entry(validate: validate, make: factory)
    }

    /// The backend names known for `family`, sorted.
    public func backends(for family: DeviceFamily) -> [String] {
        (entries[family] ?? [:]).keys.sorted()
    }

    /// Creates the configured device (not yet opened).
    public func makeDevice(_ configuration: DeviceConfiguration, clock: any Clock<Duration> = ContinuousClock()) throws(ConfigurationError) -> any Device {
        try entry(for: configuration).make(configuration, clock)
    }

    /// Checks that the configuration names a known backend with a well-formed URI, without
    /// creating a device.
    public func validate(_ configuration: DeviceConfiguration) throws(ConfigurationError) {
        try entry(for: configuration).validate(configuration)
    }

    private func entry(for configuration: DeviceConfiguration) throws(ConfigurationError) -> Entry {
        guard let entry = entries[configuration.family]?[configuration.backend] else {
            throw ConfigurationError(location: configuration.source, key: "devices.\(configuration.logicalName).backend",
                                     message: "unknown backend \"\(configuration.backend)\" for family \(configuration.family.rawValue)")
        }
        return entry
    }

    /// Every backend BuergerHAL ships: the real ones and one simulator per family.
    public static let standard: BackendCatalog = {
        var catalog = BackendCatalog()
        catalog.register(.smartCardReader, simulatorBackend) { config, clock in
            SimulatedCardReader(logicalName: config.logicalName, clock: clock)
        }
        catalog.register(.smartCardReader, "pcsc", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.pcscReaderPrefix(config)
        }) { config, clock throws(ConfigurationError) in
            PCSCCardReader(logicalName: config.logicalName, readerPrefix: try ConnectionURI.pcscReaderPrefix(config), clock: clock)
        }
        catalog.register(.receiptPrinter, simulatorBackend) { config, clock in
            SimulatedReceiptPrinter(logicalName: config.logicalName, clock: clock)
        }
        catalog.register(.receiptPrinter, "cups", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.cupsQueue(config)
        }) { config, clock throws(ConfigurationError) in
            let target = try ConnectionURI.cupsQueue(config)
            return CUPSReceiptPrinter(logicalName: config.logicalName, queue: target.queue, server: target.server, clock: clock)
        }
        catalog.register(.receiptPrinter, "tcp", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.tcpEndpoint(config)
            _ = try PrinterProfileSetting.statusDialect(config)
        }) { config, clock throws(ConfigurationError) in
            let endpoint = try ConnectionURI.tcpEndpoint(config)
            return TCPReceiptPrinter(logicalName: config.logicalName, host: endpoint.host, port: endpoint.port,
                                     statusDialect: try PrinterProfileSetting.statusDialect(config), clock: clock)
        }
        catalog.register(.receiptPrinter, "file", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.filePath(config)
        }) { config, clock throws(ConfigurationError) in
            FileReceiptPrinter(logicalName: config.logicalName, path: try ConnectionURI.filePath(config), clock: clock)
        }
        catalog.register(.receiptPrinter, "usb", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.usbPrinter(config)
            _ = try PrinterProfileSetting.statusDialect(config)
        }) { config, clock throws(ConfigurationError) in
            USBReceiptPrinter(logicalName: config.logicalName, address: try ConnectionURI.usbPrinter(config),
                              statusDialect: try PrinterProfileSetting.statusDialect(config), clock: clock)
        }
        catalog.register(.paymentTerminal, simulatorBackend) { config, clock in
            SimulatedPaymentTerminal(logicalName: config.logicalName, clock: clock)
        }
        catalog.register(.paymentTerminal, "zvt", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.zvtTerminal(config)
        }) { config, clock throws(ConfigurationError) in
            ZVTPaymentTerminal(logicalName: config.logicalName, configuration: try ConnectionURI.zvtTerminal(config), clock: clock)
        }
        catalog.register(.signaturePad, simulatorBackend) { config, clock in
            SimulatedSignaturePad(logicalName: config.logicalName, clock: clock)
        }
        catalog.register(.signaturePad, "usb", validate: { config throws(ConfigurationError) in
            _ = try ConnectionURI.usbIDs(config)
        }) { config, clock throws(ConfigurationError) in
            let ids = try ConnectionURI.usbIDs(config)
            return STUSignaturePad(logicalName: config.logicalName, vendorID: ids?.vendorID, productID: ids?.productID, clock: clock)
        }
        return catalog
    }()
}
