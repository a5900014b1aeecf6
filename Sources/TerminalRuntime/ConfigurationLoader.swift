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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(location: nil, key: nil,
                                     message: "cannot read \(path): \((error as NSError).localizedDescription); check the path and its permissions")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw Self.notUTF8(data, file: path)
        }
        return try parse(text, file: path)
    }

    /// Parses and checks configuration text; `file` names it in errors.
    public func parse(_ text: String, file: String? = nil) throws(ConfigurationError) -> TerminalConfiguration {
        let root: Node?
        do {
            // Before Yams composes: an alias key would make its duplicate-key check take minutes.
            if let alias = try YAMLAliasKeyCheck.firstAliasInKey(of: text) {
                throw ConfigurationError(location: ConfigurationLocation(file: file, line: alias.line, column: alias.column), key: nil,
                                         message: "the alias *\(alias.name) is used as a mapping key; aliases may stand only for values, so write the key out")
            }
            root = try Yams.compose(yaml: text)
        } catch let error as ConfigurationError {
            throw error
        } catch let error as YamlError {
            throw Self.syntaxError(error, text: text, file: file)
        } catch {
            throw ConfigurationError(location: nil, key: nil, message: "\(file ?? "<config>"): not valid YAML: \(Self.oneLine("\(error)"))")
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

    private static func syntaxError(_ error: YamlError, text: String, file: String?) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigurationError(location: ConfigurationLocation(file: file, line: mark.line, column: mark.column), key: nil,
                                      message: "not valid YAML: \(oneLine(problem))")
        case let .reader(problem, offset, value, _):
            // libyaml's reader rejects characters YAML does not allow (control characters, U+FFFE).
            let message = value >= 0
                ? "not valid YAML: \(oneLine(problem)) (U+\(hex(value, digits: 4))); remove the character, or write it as \(escape(value)) inside a double-quoted string"
                : "not valid YAML: \(oneLine(problem)); remove the character there"
            guard let offset, let location = location(ofCharacter: offset, in: text, file: file) else {
                return ConfigurationError(location: nil, key: nil, message: "\(file ?? "<config>"): \(message)")
            }
            return ConfigurationError(location: location, key: nil, message: message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let subject = duplicates.count == 1 ? "key \(keys) is" : "keys \(keys) are"
            return ConfigurationError(location: ConfigurationLocation(file: file, line: context.mark.line, column: context.mark.column), key: nil,
                                      message: "\(subject) defined more than once in this mapping (the first is here); keep one and remove the others")
        default:
            return ConfigurationError(location: nil, key: nil, message: "\(file ?? "<config>"): not valid YAML: \(oneLine("\(error)"))")
        }
    }

    /// `value` in upper-case hex with at least `digits` digits.
    private static func hex(_ value: Int32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// How a double-quoted YAML string writes the character `value`: `\x01`, `\uFFFE` or `\U0001F600`.
    private static func escape(_ value: Int32) -> String {
        value < 0x100 ? "\\x" + hex(value, digits: 2) : value < 0x10000 ? "\\u" + hex(value, digits: 4) : "\\U" + hex(value, digits: 8)
    }

    /// The line and column (libyaml's way: Unicode scalars, CR LF one break) of the character at
    /// `offset` (counted in `Character`s, as Yams reports reader errors).
    private static func location(ofCharacter offset: Int, in text: String, file: String?) -> ConfigurationLocation? {
        guard offset >= 0, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return nil }
        var line = 1
        var column = 1
        var previousWasCR = false
        for scalar in text[..<index].unicodeScalars {
            switch scalar {
            case "\n":
                if !previousWasCR { line += 1 }
                column = 1
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            previousWasCR = scalar == "\r"
        }
        return ConfigurationLocation(file: file, line: line, column: column)
    }

    /// A file that is not UTF-8: where the first bad byte is.
    private static func notUTF8(_ data: Data, file: String) -> ConfigurationError {
        let bytes = [UInt8](data)
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: break decoding
            }
        }
        let before = bytes[..<min(offset, bytes.count)]
        let line = 1 + before.count { $0 == 0x0A }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = 1 + String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count
        return ConfigurationError(location: ConfigurationLocation(file: file, line: line, column: column), key: nil,
                                  message: "not UTF-8 (byte offset \(offset)); save the file as UTF-8")
    }

    /// `text` on one line: a message must not spill a source snippet over several lines.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
