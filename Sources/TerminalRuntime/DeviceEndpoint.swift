public import DeviceCore
public import PaymentTerminal

/// Where a configured device is reached, parsed once from its URI when the configuration is
/// loaded (or a handle is built from a command-line URI) and kept on its ``DeviceConfiguration``:
/// backends get this value, never the string.
public enum DeviceEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// No connection of its own (a simulator).
    case none
    /// A PC/SC reader, by the prefix of its name (empty: the first reader).
    case pcscReader(prefix: String)
    /// A CUPS queue, on the default or the named server (`HOST:PORT`).
    case cupsQueue(queue: String, server: String?)
    /// A raw TCP printer port (`tcp://HOST:PORT`, 9100 when left out).
    case tcp(host: String, port: UInt16)
    /// A file receipts are appended to.
    case file(path: String)
    /// A USB receipt printer.
    case usbPrinter(USBDeviceAddress)
    /// A USB signature pad; `nil`: the first supported pad.
    case usbPad(USBDeviceAddress?)
    /// A ZVT payment terminal (endpoint, character set, timers; the password comes from the
    /// ``BackendContext``'s secrets, never from the URI).
    case zvt(ZVTTerminalConfiguration)
    /// The `simulator` payment backend: a ``ZVTTerminalSimulator`` playing `scenario` (by its
    /// name from ``ZVTSimulatorScenario/named(_:)``, lowercased), reached in memory by a real
    /// ZVT session (`sim:` or `sim:?scenario=NAME`).
    case zvtSimulator(scenario: ZVTSimulatorScenario, name: String)

    /// One spelling per device, so that two URIs naming one device compare equal: the host
    /// lowercased (IPv6 in brackets) and the default port filled in (`tcp://h` and
    /// `tcp://H:9100` are `tcp://h:9100`), a ZVT terminal by ``ZVTEndpoint/key``. Host names are
    /// not resolved. The receipt spool and the payment journal key on it.
    public var key: String {
        switch self {
        case .none: "none"
        case .pcscReader(let prefix): "pcsc:\(prefix)"
        case .cupsQueue(let queue, let server): "cups://\(queue)" + (server.map { "?server=\($0.lowercased())" } ?? "")
        case .tcp(let host, let port): "tcp://\(Self.hostText(host.lowercased())):\(port)"
        case .file(let path): "file://\(path)"
        case .usbPrinter(let address): "usb://\(Hex.word(address.vendorID)):\(Hex.word(address.productID))"
            + (address.serialNumber.map { "/\($0)" } ?? "")
        case .usbPad(let address): address.map { "usb://\(Hex.word($0.vendorID)):\(Hex.word($0.productID))" } ?? "usb:"
        case .zvt(let terminal): terminal.endpoint.key
        case .zvtSimulator(_, let name): "sim:?scenario=\(name)"
        }
    }

    /// The normalised URI (``key``).
    public var description: String { key }

    /// An IPv6 literal in brackets, other hosts as they are.
    private static func hostText(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
