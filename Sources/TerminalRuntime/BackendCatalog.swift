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
/// and the self-test pick it up from the catalog. An entry is two functions: `endpoint` parses
/// the URI once (at load time), `factory` builds the device from the parsed
/// ``DeviceConfiguration/endpoint`` and the ``BackendContext`` (journal, secrets, clock).
public struct BackendCatalog: Sendable {
    /// Creates a device from its resolved configuration (``DeviceConfiguration/endpoint`` set) and
    /// the runtime's context, or explains why the configuration is unusable.
    public typealias Factory = @Sendable (DeviceConfiguration, BackendContext) throws(ConfigurationError) -> any Device

    /// Parses a configuration entry's URI (and checks its other settings) without creating a
    /// device or touching hardware.
    public typealias EndpointParser = @Sendable (DeviceConfiguration) throws(ConfigurationError) -> DeviceEndpoint

    /// The name every family's simulator is registered under.
    public static let simulatorBackend = "simulator"

    private struct Entry {
        var endpoint: EndpointParser
        var make: Factory
    }

    private var entries: [DeviceFamily: [String: Entry]]

    /// Creates an empty catalog.
    public init() {
        entries = [:]
    }

    /// Adds or replaces the backend `name` for `family`: `endpoint` parses an entry's URI at load
    /// time (default: the backend needs none), `factory` creates the device.
    public mutating func register(_ family: DeviceFamily, _ name: String, endpoint: @escaping EndpointParser = { _ in .none },
                                  factory: @escaping Factory) {
        entries[family, default: [:]][name] = Entry(endpoint: endpoint, make: factory)
    }

    /// The backend names known for `family`, sorted.
    public func backends(for family: DeviceFamily) -> [String] {
        (entries[family] ?? [:]).keys.sorted()
    }

    /// The configuration with its URI parsed into ``DeviceConfiguration/endpoint``; unchanged when
    /// the endpoint is already set. Throws for an unknown backend or an unusable URI.
    public func resolve(_ configuration: DeviceConfiguration) throws(ConfigurationError) -> DeviceConfiguration {
        let entry = try entry(for: configuration)
        guard configuration.endpoint == nil else { return configuration }
        var resolved = configuration
        resolved.endpoint = try entry.endpoint(configuration)
        return resolved
    }

    /// Creates the configured device (not yet opened), parsing its URI first if that has not
    /// happened yet.
    public func makeDevice(_ configuration: DeviceConfiguration, context: BackendContext) throws(ConfigurationError) -> any Device {
        try entry(for: configuration).make(try resolve(configuration), context)
    }

    /// Checks that the configuration names a known backend with a well-formed URI, without
    /// creating a device.
    public func validate(_ configuration: DeviceConfiguration) throws(ConfigurationError) {
        _ = try resolve(configuration)
    }

    private func entry(for configuration: DeviceConfiguration) throws(ConfigurationError) -> Entry {
        guard let entry = entries[configuration.family]?[configuration.backend] else {
            throw ConfigurationError(location: configuration.source, key: "devices.\(configuration.logicalName).backend",
                                     message: "unknown backend \"\(configuration.backend)\" for family \(configuration.family.rawValue)")
        }
        return entry
    }

    /// The error of a factory handed an endpoint its parser never returns (a configuration built
    /// by hand with the wrong ``DeviceEndpoint`` case).
    static func mismatch(_ config: DeviceConfiguration) -> ConfigurationError {
        ConfigurationError(location: config.source, key: "devices.\(config.logicalName).uri",
                           message: "endpoint \(config.endpoint?.description ?? "none") does not fit backend \(config.backend); "
                               + "leave the endpoint unset and give the URI instead")
    }

    /// Every backend BuergerHAL ships: the real ones and one simulator per family.
    public static let standard: BackendCatalog = {
        var catalog = BackendCatalog()
        catalog.register(.smartCardReader, simulatorBackend) { config, context in
            SimulatedCardReader(logicalName: config.logicalName, clock: context.clock)
        }
        catalog.register(.smartCardReader, "pcsc", endpoint: { config throws(ConfigurationError) in
            .pcscReader(prefix: try ConnectionURI.pcscReaderPrefix(config))
        }) { config, context throws(ConfigurationError) in
            guard case .pcscReader(let prefix)? = config.endpoint else { throw mismatch(config) }
            return PCSCCardReader(logicalName: config.logicalName, readerPrefix: prefix, clock: context.clock)
        }
        registerPrinters(in: &catalog)
        registerPaymentSimulator(in: &catalog)
        catalog.register(.paymentTerminal, "zvt", endpoint: { config throws(ConfigurationError) in
            .zvt(try ConnectionURI.zvtTerminal(config))
        }) { config, context throws(ConfigurationError) in
            guard case .zvt(var terminal)? = config.endpoint else { throw mismatch(config) }
            if let password = try context.secrets.zvtPassword() { terminal.password = password }
            // The money rule: a terminal built here always journals into the context's journal.
            return ZVTPaymentTerminal(logicalName: config.logicalName, configuration: terminal, journal: context.paymentJournal,
                                      clock: context.clock)
        }
        catalog.register(.signaturePad, simulatorBackend) { config, context in
            SimulatedSignaturePad(logicalName: config.logicalName, clock: context.clock)
        }
        catalog.register(.signaturePad, "usb", endpoint: { config throws(ConfigurationError) in
            .usbPad(try ConnectionURI.usbIDs(config).map { USBDeviceAddress(vendorID: $0.vendorID, productID: $0.productID) })
        }) { config, context throws(ConfigurationError) in
            guard case .usbPad(let address)? = config.endpoint else { throw mismatch(config) }
            return STUSignaturePad(logicalName: config.logicalName, vendorID: address?.vendorID, productID: address?.productID,
                                   clock: context.clock)
        }
        return catalog
    }()

    /// The receipt-printer backends: simulator, CUPS, raw TCP, file and USB.
    private static func registerPrinters(in catalog: inout BackendCatalog) {
        // The simulator runs the TCP backend's job and status code against the real interpreter
        // in memory, for the entry's profile (so a Star profile is simulated in Star Line Mode).
        catalog.register(.receiptPrinter, simulatorBackend) { config, context throws(ConfigurationError) in
            SimulatedReceiptPrinter(logicalName: config.logicalName, profile: try PrinterProfileSetting.profile(config), clock: context.clock)
        }
        catalog.register(.receiptPrinter, "cups", endpoint: { config throws(ConfigurationError) in
            let target = try ConnectionURI.cupsQueue(config)
            return .cupsQueue(queue: target.queue, server: target.server)
        }) { config, context throws(ConfigurationError) in
            guard case .cupsQueue(let queue, let server)? = config.endpoint else { throw mismatch(config) }
            return CUPSReceiptPrinter(logicalName: config.logicalName, queue: queue, server: server, clock: context.clock)
        }
        catalog.register(.receiptPrinter, "tcp", endpoint: { config throws(ConfigurationError) in
            let endpoint = try ConnectionURI.tcpEndpoint(config)
            _ = try PrinterProfileSetting.statusDialect(config)
            return .tcp(host: endpoint.host, port: endpoint.port)
        }) { config, context throws(ConfigurationError) in
            guard case .tcp(let host, let port)? = config.endpoint else { throw mismatch(config) }
            return TCPReceiptPrinter(logicalName: config.logicalName, host: host, port: port,
                                     statusDialect: try PrinterProfileSetting.statusDialect(config), clock: context.clock)
        }
        catalog.register(.receiptPrinter, "file", endpoint: { config throws(ConfigurationError) in
            .file(path: try ConnectionURI.filePath(config))
        }) { config, context throws(ConfigurationError) in
            guard case .file(let path)? = config.endpoint else { throw mismatch(config) }
            return FileReceiptPrinter(logicalName: config.logicalName, path: path, clock: context.clock)
        }
        catalog.register(.receiptPrinter, "usb", endpoint: { config throws(ConfigurationError) in
            let address = try ConnectionURI.usbPrinter(config)
            _ = try PrinterProfileSetting.statusDialect(config)
            return .usbPrinter(address)
        }) { config, context throws(ConfigurationError) in
            guard case .usbPrinter(let address)? = config.endpoint else { throw mismatch(config) }
            return USBReceiptPrinter(logicalName: config.logicalName, address: address,
                                     statusDialect: try PrinterProfileSetting.statusDialect(config), clock: context.clock)
        }
    }
}
