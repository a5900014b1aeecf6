import DeviceCore
import Foundation
import PaymentTerminal

/// Parsers for the connection URIs of the standard backends. Each returns a configuration error
/// that names the expected form.
enum ConnectionURI {
    /// `pcsc:` (first reader) or `pcsc:NAME PREFIX` / `pcsc://NAME%20PREFIX`.
    static func pcscReaderPrefix(_ config: DeviceConfiguration) throws(ConfigurationError) -> String {
        let uri = config.uri ?? "pcsc:"
        guard uri.hasPrefix("pcsc:") else { throw invalid(config, expected: "pcsc:READER-NAME-PREFIX (e.g. \"pcsc:REINER SCT cyberJack\")") }
        var rest = String(uri.dropFirst("pcsc:".count))
        if rest.hasPrefix("//") { rest = String(rest.dropFirst(2)) }
        return rest.removingPercentEncoding ?? rest
    }

    /// `cups://QUEUE` or `cups://QUEUE?server=HOST[:PORT]` (or a socket path); a port must be 1–65535.
    static func cupsQueue(_ config: DeviceConfiguration) throws(ConfigurationError) -> (queue: String, server: String?) {
        let expected = "cups://QUEUE or cups://QUEUE?server=HOST:PORT"
        guard let uri = config.uri, let components = URLComponents(string: uri), components.scheme == "cups",
              let queue = components.host, !queue.isEmpty, components.path.isEmpty
        else { throw invalid(config, expected: expected) }
        let server = components.queryItems?.first { $0.name == "server" }?.value
        if let items = components.queryItems, items.contains(where: { $0.name != "server" }) { throw invalid(config, expected: expected) }
        if let server, !server.hasPrefix("/") {
            // HOST or HOST:PORT (a path is a local socket); libcups reads a bad port as some other one.
            do {
                _ = try HostPort(parsing: server, defaultPort: 631)
            } catch {
                throw invalid(config, problem: "server=\(error.problem)", expected: expected)
            }
        }
        return (queue, server)
    }

    /// `usb:` (first supported pad) or `usb://VID:PID` in hex.
    static func usbIDs(_ config: DeviceConfiguration) throws(ConfigurationError) -> (vendorID: UInt16, productID: UInt16)? {
        let uri = config.uri ?? "usb:"
        if uri == "usb:" || uri == "usb://" { return nil }
        let expected = "usb://VID:PID with four hex digits each (e.g. usb://056A:00A8)"
        guard let address = try? USBDeviceAddress(uri: uri), address.serialNumber == nil else { throw invalid(config, expected: expected) }
        return (address.vendorID, address.productID)
    }

    /// `usb://VID:PID` or `usb://VID:PID/SERIAL` in hex (a USB receipt printer).
    static func usbPrinter(_ config: DeviceConfiguration) throws(ConfigurationError) -> USBDeviceAddress {
        do {
            return try USBDeviceAddress(uri: config.uri ?? "")
        } catch {
            throw invalid(config, expected: USBDeviceAddress.expectedForms)
        }
    }

    /// `zvt+tcp://HOST[:PORT]` or `zvt+serial:///dev/DEVICE?baud=N`, optionally `charset=NAME`.
    static func zvtTerminal(_ config: DeviceConfiguration) throws(ConfigurationError) -> ZVTTerminalConfiguration {
        do {
            return try ZVTTerminalConfiguration(uri: config.uri ?? "")
        } catch {
            throw invalid(config, problem: error.problem, expected: ZVTURIError.expectedForms)
        }
    }

    /// `tcp://HOST:PORT` (port 9100 when left out); IPv6 hosts in brackets. A port that is given
    /// must be 1–65535.
    static func tcpEndpoint(_ config: DeviceConfiguration) throws(ConfigurationError) -> (host: String, port: UInt16) {
        let expected = "tcp://HOST:PORT (e.g. tcp://192.168.1.50:9100)"
        guard let uri = config.uri, let components = URLComponents(string: uri), components.scheme == "tcp",
              let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/", components.query == nil
        else { throw invalid(config, expected: expected) }
        // Foundation keeps the brackets of an IPv6 literal in `host`; the socket layer needs the bare
        // address (getaddrinfo does not take "[::1]").
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        // Not `components.port`: it is nil for an overflowing port, which must not become 9100.
        do {
            return (bareHost, try HostPort.explicitPort(inURI: uri) ?? 9100)
        } catch {
            throw invalid(config, problem: error.problem, expected: expected)
        }
    }

    /// `file:///ABSOLUTE/PATH`: jobs are appended to the file.
    static func filePath(_ config: DeviceConfiguration) throws(ConfigurationError) -> String {
        guard let uri = config.uri, uri.hasPrefix("file://") else { throw invalid(config, expected: "file:///PATH (e.g. file:///var/spool/receipts.bin)") }
        let path = String(uri.dropFirst("file://".count))
        guard path.hasPrefix("/"), path.count > 1 else { throw invalid(config, expected: "file:///PATH with an absolute path") }
        return path.removingPercentEncoding ?? path
    }

    private static func invalid(_ config: DeviceConfiguration, problem: String? = nil, expected: String) -> ConfigurationError {
        ConfigurationError(location: config.source, key: "devices.\(config.logicalName).uri",
                           message: "\"\(config.uri ?? "")\" is not a valid \(config.backend) URI\(problem.map { " (\($0))" } ?? ""); expected \(expected)")
    }
}
