import DeviceCore
import Foundation
import TerminalRuntime
import Testing

/// Configuration input that must fail with file, line and column instead of changing meaning
/// (a port that overflows) or costing unbounded time (aliases as keys).
@Suite("Configuration parsing that must not change meaning")
struct ConfigurationParsingTests {
    let loader = ConfigurationLoader()

    /// A printer or terminal entry with `uri` on line 5, column 10.
    func entry(family: String, backend: String, uri: String) -> String {
        "devices:\n  r:\n    family: \(family)\n    backend: \(backend)\n    uri: \"\(uri)\"\n"
    }

    func error(_ text: String) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) { try loader.parse(text, file: "bhal.yaml") }
    }

    @Test("a port that overflows, is empty, zero or negative is a configuration error, not port 9100 / 20007 / 631",
          arguments: [
            ("printer", "tcp", "tcp://127.0.0.1:999999999999999999999",
             "bhal.yaml:5:10: devices.r.uri: \"tcp://127.0.0.1:999999999999999999999\" is not a valid tcp URI (port 999999999999999999999 is larger than 65535); expected tcp://HOST:PORT (e.g. tcp://192.168.1.50:9100)"),
            ("printer", "tcp", "tcp://127.0.0.1:",
             "bhal.yaml:5:10: devices.r.uri: \"tcp://127.0.0.1:\" is not a valid tcp URI (the port after \":\" is empty); expected tcp://HOST:PORT (e.g. tcp://192.168.1.50:9100)"),
            ("printer", "tcp", "tcp://[::1]:65536",
             "bhal.yaml:5:10: devices.r.uri: \"tcp://[::1]:65536\" is not a valid tcp URI (port 65536 is larger than 65535); expected tcp://HOST:PORT (e.g. tcp://192.168.1.50:9100)"),
            ("printer", "tcp", "tcp://printer:0",
             "bhal.yaml:5:10: devices.r.uri: \"tcp://printer:0\" is not a valid tcp URI (port 0 is not a usable port (use 1–65535)); expected tcp://HOST:PORT (e.g. tcp://192.168.1.50:9100)"),
            ("payment", "zvt", "zvt+tcp://127.0.0.1:999999999999999999999",
             "bhal.yaml:5:10: devices.r.uri: \"zvt+tcp://127.0.0.1:999999999999999999999\" is not a valid zvt URI (port 999999999999999999999 is larger than 65535); expected zvt+tcp://HOST[:PORT] (default port 20007) or zvt+serial:///dev/ttyS0?baud=9600, optionally with charset=cp437|latin1 and deadline=SECONDS"),
            ("printer", "cups", "cups://receipt?server=127.0.0.1:99999999999",
             "bhal.yaml:5:10: devices.r.uri: \"cups://receipt?server=127.0.0.1:99999999999\" is not a valid cups URI (server=port 99999999999 is larger than 65535); expected cups://QUEUE or cups://QUEUE?server=HOST:PORT"),
            ("printer", "cups", "cups://receipt?server=127.0.0.1:",
             "bhal.yaml:5:10: devices.r.uri: \"cups://receipt?server=127.0.0.1:\" is not a valid cups URI (server=the port after \":\" is empty); expected cups://QUEUE or cups://QUEUE?server=HOST:PORT"),
          ])
    func badPorts(family: String, backend: String, uri: String, expected: String) {
        #expect(error(entry(family: family, backend: backend, uri: uri))?.description == expected)
    }

    @Test("written ports are kept and only a URI without a port gets the default",
          arguments: [
            ("printer", "tcp", "tcp://192.0.2.20", "tcp://192.0.2.20:9100"),
            ("printer", "tcp", "tcp://192.0.2.20:9101", "tcp://192.0.2.20:9101"),
            ("payment", "zvt", "zvt+tcp://192.0.2.30", "zvt+tcp://192.0.2.30:20007"),
            ("payment", "zvt", "zvt+tcp://192.0.2.30:65535", "zvt+tcp://192.0.2.30:65535"),
            ("printer", "cups", "cups://receipt?server=cups.local", "cups://receipt?server=cups.local"),
            ("printer", "cups", "cups://receipt?server=/run/cups/cups.sock", "cups://receipt?server=/run/cups/cups.sock"),
            ("printer", "cups", "cups://receipt?server=[::1]:8631", "cups://receipt?server=[::1]:8631"),
          ])
    func goodPorts(family: String, backend: String, uri: String, connection: String) throws {
        let configuration = try loader.parse(entry(family: family, backend: backend, uri: uri), file: "bhal.yaml")
        let registry = try DeviceRegistry(configuration: configuration)
        #expect(registry.device(named: "r")?.info.connection == connection)
    }

    @Test("an IPv6 printer address reaches the socket layer without its brackets, and keys with them")
    func ipv6PrinterHost() throws {
        let configuration = try loader.parse(entry(family: "printer", backend: "tcp", uri: "tcp://[::1]:9101"), file: "bhal.yaml")
        let endpoint = try #require(configuration.devices.first?.endpoint)
        #expect(endpoint == .tcp(host: "::1", port: 9101))
        #expect(endpoint.key == "tcp://[::1]:9101")
    }

    @Test("libyaml's own errors (control characters, NUL, DEL, U+FFFE) name file, line and column in one line",
          arguments: [
            ("devices:\n  r:\n    family: printer\n    backend: cups\n    uri: \"cups://q\u{01}\"\n",
             "bhal.yaml:5:19: not valid YAML: control characters are not allowed (U+0001); remove the character, or write it as \\x01 inside a double-quoted string"),
            ("devices:\r\n  r:\r\n    family: prünter\u{0}\r\n",
             "bhal.yaml:3:20: not valid YAML: control characters are not allowed (U+0000); remove the character, or write it as \\x00 inside a double-quoted string"),
            ("devices:\n  r:\n    family: printer\n  \u{7F}\n",
             "bhal.yaml:4:3: not valid YAML: control characters are not allowed (U+007F); remove the character, or write it as \\x7F inside a double-quoted string"),
            ("devices:\n  r: \u{FFFE}\n",
             "bhal.yaml:2:6: not valid YAML: control characters are not allowed (U+FFFE); remove the character, or write it as \\uFFFE inside a double-quoted string"),
          ])
    func readerErrors(text: String, expected: String) {
        #expect(error(text)?.description == expected)
    }

    @Test("a key defined twice names file, line and column of the first and the key")
    func duplicateKeys() {
        let devices = "devices:\n  r:\n    family: printer\n    backend: cups\n    uri: cups://a\n  r:\n    family: printer\n    backend: cups\n"
        #expect(error(devices)?.description
                == "bhal.yaml:2:3: key \"r\" is defined more than once in this mapping (the first is here); keep one and remove the others")
        let keys = "devices:\n  r:\n    family: printer\n    backend: cups\n    family: payment\n"
        #expect(error(keys)?.description
                == "bhal.yaml:3:5: key \"family\" is defined more than once in this mapping (the first is here); keep one and remove the others")
    }

    @Test("every error from the YAML parser is one line starting with file:line:column",
          arguments: [
            "devices:\n  r:\n    family: printer\n   backend: cups\n",
            "devices:\n  r:\n    family: \"printer\n",
            "devices:\n\tr:\n",
            "devices:\n  r:\n    family: *nowhere\n",
            "devices:\n  r: {family: printer\n",
            "devices: [\n",
            "devices:\n  r:\n    family: printer\n\u{FEFF}    backend: cups\n",
            "a: 1\n---\nb: 2\n",
            "devices:\n  r:\n    family: printer\n    backend: cups\n    family: printer\n",
            "devices:\n  r:\n    uri: \"\u{1B}[31m\"\n",
          ])
    func oneLine(text: String) {
        let description = error(text)?.description ?? ""
        #expect(!description.contains("\n"), "\(description)")
        #expect(description.wholeMatch(of: /bhal\.yaml:\d+:\d+: .+/) != nil, "\(description)")
    }

    @Test("a file that is not UTF-8 names its path, line and column")
    func notUTF8() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-latin1-\(UUID().uuidString).yaml")
        try Data("devices:\n  r:\n    uri: \"file:///Stra".utf8 + [0xDF, 0x65] + Data("\"\n".utf8)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ConfigurationError.self) { try loader.load(path: url.path) }
        do {
            _ = try loader.load(path: url.path)
        } catch {
            #expect(error.description == "\(url.path):3:23: not UTF-8 (byte offset 36); save the file as UTF-8")
        }
    }

    /// Ten levels of nine aliases each, the last level used as a mapping key: hashing that key
    /// visits 9^10 nodes (Yams hashes keys to find duplicates). The shape of the 508 bytes.
    static func aliasKeyBomb(levels: Int = 10) -> String {
        var text = "a0: &a0 [l, l, l, l, l, l, l, l, l]\n"
        for level in 1...levels {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        return text + "? *a\(levels)\n: x\n"
    }

    @Test("an alias used as a key is refused before Yams hashes it (the 10-level bomb answers at once)")
    func aliasKeyBomb() {
        let text = Self.aliasKeyBomb()
        #expect((450...650).contains(text.utf8.count))
        #expect(error(text)?.description
                == "bhal.yaml:12:3: the alias *a10 is used as a mapping key; aliases may stand only for values, so write the key out")
    }

    @Test("aliases as keys are refused wherever the key is written",
          arguments: [
            ("devices:\n  r: &r\n    family: printer\n  *r : x\n", "bhal.yaml:4:3: the alias *r"),
            ("devices: {a: &a x, *a: y}\n", "bhal.yaml:1:20: the alias *a"),
            ("devices: {a: &a x, [*a]: y}\n", "bhal.yaml:1:21: the alias *a"),
            ("devices:\n  a: &a x\n  ? [1, {k: *a}]\n  : y\n", "bhal.yaml:3:13: the alias *a"),
            ("devices:\n  a: &a-1_b x\n  ? *a-1_b\n  : y\n", "bhal.yaml:3:5: the alias *a-1_b"),
            ("a: &a {k: v}\n{*a: 1}: 2\n", "bhal.yaml:2:2: the alias *a"),
          ])
    func aliasKeys(text: String, prefix: String) {
        let description = error(text)?.description ?? ""
        #expect(description.hasPrefix(prefix + " is used as a mapping key"), "\(description)")
    }

    @Test("aliases as values still work, and a * in quotes, comments, block scalars or inside plain text is no alias")
    func aliasValues() throws {
        let configuration = try loader.parse("""
            devices:
              receipt:          # *not-an-alias in a comment
                family: &family printer
                backend: file
                uri: "file:///var/spool/*quoted*.bin"
                profile: &profile star-tsp650
              backup:
                family: *family
                backend: file
                uri: file:///var/spool/a*b.bin
                profile: *profile
              third:
                family: *family
                backend: file
                uri: |-
                  file:///var/spool/*block*.bin
            """, file: "bhal.yaml")
        #expect(configuration.devices.map(\.family) == [.receiptPrinter, .receiptPrinter, .receiptPrinter])
        #expect(configuration.devices.map(\.profile) == ["star-tsp650", "star-tsp650", nil])
        #expect(configuration.devices.map(\.uri) == ["file:///var/spool/*quoted*.bin", "file:///var/spool/a*b.bin", "file:///var/spool/*block*.bin"])
    }

    @Test("an alias bomb in values is answered by the usual error (Yams shares aliased nodes; nothing expands them)")
    func aliasValueBomb() {
        var text = "devices:\n  d0: &a0 {family: printer, backend: simulator}\n"
        for level in 1...12 {
            text += "  d\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(error(text)?.description == "bhal.yaml:3:7: devices.d1: expected a mapping with family, backend and uri")
    }
}
