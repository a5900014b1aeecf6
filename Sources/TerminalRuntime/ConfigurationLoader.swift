import Foundation
import DeviceCore
import ReceiptPrinter
import Yams

/// Reads a terminal configuration from YAML (parsed by Yams/libyaml), reporting problems with
/// file, line, column and key.
///
/// ```yaml
/// devices:
///   reader:
///     family: smartcard        # smartcard | printer | payment | signaturepad
///     backend: pcsc            # pcsc | cups | usb | simulator (BackendCatalog.standard)
///     uri: "pcsc:REINER SCT"   # backend-specific connection
///   receipt:
///     family: printer
///     backend: tcp
///     uri: "tcp://192.0.2.20:9100"
///     profile: star-tsp650     # printers only: a built-in profile (how status is read)
/// ```
public struct ConfigurationLoader: Sendable {
    private let catalog: BackendCatalog

    /// Creates a loader that checks backend names against `catalog`.
    public init(catalog: BackendCatalog = .standard) {
        self.catalog = catalog
    }

    /// Reads and checks the file at `path`.
    public func load(path: String) throws(ConfigurationError) -> TerminalConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(location: nil, key: nil,
                                     message: "cannot read \(path): \((error as NSError).localizedDescription); check the path and its permissions")
        }
        return try parse(text, file: path)
    }

    /// Parses and checks configuration text; `file` names it in errors.
    public func parse(_ text: String, file: String? = nil) throws(ConfigurationError) -> TerminalConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(location: nil, key: nil, message: "not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw ConfigurationError(location: locate(root, file), key: nil, message: "expected a mapping with a `devices:` key at the top level")
        }
        try rejectUnknownKeys(in: top, allowed: ["devices"], path: nil, file: file)
        guard let devicesNode = top["devices"] else {
            throw ConfigurationError(location: locate(root, file), key: "devices", message: "missing; list at least one device under `devices:`")
        }
        guard let devices = devicesNode.mapping else {
            throw ConfigurationError(location: locate(devicesNode, file), key: "devices", message: "expected a mapping of logical names to devices")
        }
        var result: [DeviceConfiguration] = []
        for (nameNode, entry) in devices {
            guard let name = nameNode.string, !name.isEmpty else {
                throw ConfigurationError(location: locate(nameNode, file), key: "devices", message: "a logical name must be a non-empty string")
            }
            result.append(try device(named: name, entry, file: file))
        }
        if result.isEmpty {
            throw ConfigurationError(location: locate(devicesNode, file), key: "devices", message: "no devices are configured")
        }
        return TerminalConfiguration(devices: result)
    }

    private func device(named name: String, _ node: Node, file: String?) throws(ConfigurationError) -> DeviceConfiguration {
        let path = "devices.\(name)"
        guard let entry = node.mapping else {
            throw ConfigurationError(location: locate(node, file), key: path, message: "expected a mapping with family, backend and uri")
        }
        try rejectUnknownKeys(in: entry, allowed: ["family", "backend", "uri", "profile"], path: path, file: file)
        let familyNode = try required("family", in: entry, of: node, path: path, file: file)
        guard let family = familyNode.string.flatMap(DeviceFamily.init(rawValue:)) else {
            let known = DeviceFamily.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(location: locate(familyNode, file), key: "\(path).family",
                                     message: "unknown family \"\(familyNode.string ?? "")\"; use one of: \(known)")
        }
        let backendNode = try required("backend", in: entry, of: node, path: path, file: file)
        let backend = backendNode.string ?? ""
        let known = catalog.backends(for: family)
        guard known.contains(backend) else {
            throw ConfigurationError(location: locate(backendNode, file), key: "\(path).backend",
                                     message: "unknown backend \"\(backend)\" for family \(family.rawValue); use one of: \(known.joined(separator: ", "))")
        }
        var uri: String?
        if let uriNode = entry["uri"] {
            guard let text = uriNode.string, uriNode.scalar != nil else {
                throw ConfigurationError(location: locate(uriNode, file), key: "\(path).uri", message: "expected a string")
            }
            uri = text
        }
        let profile = try printerProfile(in: entry, family: family, path: path, file: file)
        let configuration = DeviceConfiguration(logicalName: name, family: family, backend: backend, uri: uri, profile: profile,
                                                source: locate(node, file))
        // Let the backend parse its URI now (kept as the entry's endpoint), so a typo fails at load time with the line.
        do {
            return try catalog.resolve(configuration)
        } catch {
            throw ConfigurationError(location: locate(entry["uri"] ?? node, file), key: "\(path).uri", message: error.message)
        }
    }

    /// The `profile` key: printers only, one of the built-in profile ids.
    private func printerProfile(in entry: Node.Mapping, family: DeviceFamily, path: String, file: String?) throws(ConfigurationError) -> String? {
        guard let node = entry["profile"] else { return nil }
        guard family == .receiptPrinter else {
            throw ConfigurationError(location: locate(node, file), key: "\(path).profile",
                                     message: "only printers take a profile; remove the key from this \(family.rawValue) device")
        }
        guard let id = node.string, node.scalar != nil, PrinterProfile.named(id) != nil else {
            throw ConfigurationError(location: locate(node, file), key: "\(path).profile",
                                     message: "unknown printer profile \"\(node.string ?? "")\"; use one of: \(PrinterProfileSetting.knownIDs)")
        }
        return id
    }

    private func required(_ key: String, in entry: Node.Mapping, of node: Node, path: String, file: String?) throws(ConfigurationError) -> Node {
        guard let value = entry[key] else {
            throw ConfigurationError(location: locate(node, file), key: "\(path).\(key)", message: "missing")
        }
        guard value.scalar != nil else {
            throw ConfigurationError(location: locate(value, file), key: "\(path).\(key)", message: "expected a single value")
        }
        return value
    }

    private func rejectUnknownKeys(in mapping: Node.Mapping, allowed: [String], path: String?, file: String?) throws(ConfigurationError) {
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? ""
            if !allowed.contains(key) {
                throw ConfigurationError(location: locate(keyNode, file), key: path.map { "\($0).\(key)" } ?? key,
                                         message: "unknown key; allowed here: \(allowed.joined(separator: ", "))")
            }
        }
    }

    private func locate(_ node: Node?, _ file: String?) -> ConfigurationLocation? {
        node?.mark.map { ConfigurationLocation(file: file, line: $0.line, column: $0.column) }
    }

    private static func syntaxError(_ error: YamlError, file: String?) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigurationError(location: ConfigurationLocation(file: file, line: mark.line, column: mark.column), key: nil,
                                      message: "not valid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, _):
            return ConfigurationError(location: nil, key: duplicates.joined(separator: ", "), message: "defined more than once")
        default:
            return ConfigurationError(location: nil, key: nil, message: "not valid YAML: \(error)")
        }
    }
}
