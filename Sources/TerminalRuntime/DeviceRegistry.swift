public import DeviceCore
import Foundation
import Logging
public import PaymentTerminal
public import ReceiptPrinter
public import SignaturePad
public import SmartCard

/// The devices of one terminal, created from its configuration and found by logical name.
///
/// Applications create one registry at start-up and ask it for typed handles
/// (``paymentTerminal(_:)``, ``receiptPrinter(_:)``, ``cardReader(_:)``, ``signaturePad(_:)``);
/// the registry owns the device handles (one owner per handle) and merges their event streams.
/// Every device is built by the catalog with the registry's ``BackendContext``: a payment
/// terminal journals into its journal, a printer spools under its spool directory.
public actor DeviceRegistry {
    /// The devices in configuration order.
    public nonisolated let devices: [any Device]
    /// The device entries in configuration order, each with its parsed endpoint.
    public nonisolated let configurations: [DeviceConfiguration]
    /// What the devices were built with.
    public nonisolated let context: BackendContext
    private var eventsTaken = false

    /// Creates every configured device (none is opened yet) with `context`. Throws when a backend
    /// rejects its entry.
    public init(configuration: TerminalConfiguration, catalog: BackendCatalog = .standard,
                context: BackendContext = BackendContext()) throws(ConfigurationError) {
        var created: [any Device] = []
        var resolved: [DeviceConfiguration] = []
        for entry in configuration.devices {
            let entry = try catalog.resolve(entry)
            created.append(try catalog.makeDevice(entry, context: context))
            resolved.append(entry)
            context.logger.debug("configured device", metadata: [
                "device": "\(entry.logicalName)", "family": "\(entry.family.rawValue)", "backend": "\(entry.backend)",
            ])
        }
        devices = created
        configurations = resolved
        self.context = context
    }

    /// Creates every configured device with the default context on `clock`.
    public init(configuration: TerminalConfiguration, catalog: BackendCatalog = .standard,
                clock: any Clock<Duration>) throws(ConfigurationError) {
        try self.init(configuration: configuration, catalog: catalog, context: BackendContext(clock: clock))
    }

    /// The device with logical name `name`, if configured.
    public nonisolated func device(named name: String) -> (any Device)? {
        devices.first { $0.info.logicalName == name }
    }

    /// The first device of a family, for applications that have one of each.
    public nonisolated func device(of family: DeviceFamily) -> (any Device)? {
        devices.first { $0.info.family == family }
    }

    /// The payment terminal named `name`.
    public nonisolated func paymentTerminal(_ name: String) throws(DeviceRegistryError) -> any PaymentTerminal {
        try handle(name, .paymentTerminal) { $0 as? any PaymentTerminal }
    }

    /// The receipt printer named `name`.
    public nonisolated func receiptPrinter(_ name: String) throws(DeviceRegistryError) -> any ReceiptPrinter {
        try handle(name, .receiptPrinter) { $0 as? any ReceiptPrinter }
    }

    /// The smart-card reader named `name`.
    public nonisolated func cardReader(_ name: String) throws(DeviceRegistryError) -> any CardReader {
        try handle(name, .smartCardReader) { $0 as? any CardReader }
    }

    /// The signature pad named `name`.
    public nonisolated func signaturePad(_ name: String) throws(DeviceRegistryError) -> any SignaturePad {
        try handle(name, .signaturePad) { $0 as? any SignaturePad }
    }

    /// The spool of the receipt printer named `name`: the receipts a fault stopped, kept under the
    /// context's spool directory in one directory per normalised endpoint (``DeviceEndpoint/key``),
    /// so `tcp://h` and `tcp://h:9100` share one spool. A printer without an endpoint (a
    /// simulator) spools under its backend and logical name. Receipts an earlier version spooled
    /// under the URI as written are moved into it.
    public nonisolated func receiptSpool(_ name: String) throws(DeviceRegistryError) -> ReceiptSpool {
        _ = try receiptPrinter(name)
        let entry = configurations.first { $0.logicalName == name }
        let key: String = switch entry?.endpoint {
        case let endpoint? where endpoint != .none: endpoint.key
        default: "\(entry?.backend ?? BackendCatalog.simulatorBackend)-\(name)"
        }
        let spool = ReceiptSpool(root: context.spoolDirectory, printerURI: key)
        // Spools of earlier versions were named by the URI as written (`tcp://h`): adopt them.
        if let uri = entry?.uri, uri != key {
            do { try spool.adopt(ReceiptSpool(root: context.spoolDirectory, printerURI: uri)) } catch {
                context.logger.warning("spooled receipts stay under their old name", metadata: ["device": "\(name)", "error": "\(error)"])
            }
        }
        return spool
    }

    private nonisolated func handle<Handle>(_ name: String, _ family: DeviceFamily,
                                            _ cast: (any Device) -> Handle?) throws(DeviceRegistryError) -> Handle {
        let names = devices.map(\.info.logicalName)
        guard let device = device(named: name) else {
            throw DeviceRegistryError(name: name, expected: family, reason: .notConfigured, configuredNames: names)
        }
        guard device.info.family == family, let typed = cast(device) else {
            throw DeviceRegistryError(name: name, expected: family, reason: .wrongFamily(configured: device.info.family), configuredNames: names)
        }
        return typed
    }

    /// All devices' events in one stream, tagged with the logical name. Each device stream has a
    /// single consumer, so this can be taken once; later calls return an empty, finished stream.
    public func events() -> AsyncStream<(device: String, event: DeviceEvent)> {
        let (stream, continuation) = AsyncStream.makeStream(of: (device: String, event: DeviceEvent).self)
        guard !eventsTaken else {
            continuation.finish()
            return stream
        }
        eventsTaken = true
        let sources = devices.map { ($0.info.logicalName, $0.events) }
        let pump = Task {
            await withTaskGroup(of: Void.self) { group in
                for (name, events) in sources {
                    group.addTask {
                        for await event in events { continuation.yield((name, event)) }
                    }
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }
}
