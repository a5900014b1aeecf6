import Foundation
import TestSupport
import Testing

/// Input the `bhal` binary must refuse with one line a technician acts on, instead of changing
/// its meaning: ports that overflow, JSON values Foundation cannot hold, YAML the parser rejects.
@Suite("bhal: parsing that must not change meaning")
struct BhalParsingTests {
    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-parsing-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-parsing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test("bhal escpos encode names the key path and offset of a fractional number, in one line")
    func encodeFraction() throws {
        let receipt = try temporaryFile("fraction.json", #"{"elements": [{"type": "text", "text": "a"}, {"type": "feed", "lines": 1.5}]}"#)
        let out = receipt + ".bin"
        let run = try Harness.runBhal(["escpos", "encode", receipt, "--out", out])
        #expect(run.status == 2)
        #expect(run.stderr == "bhal: \(receipt): elements[1].lines: 1.5 at byte offset 71 (line 1, column 72) is not a whole number. "
                + "Write a whole number in the range docs/receipt-format.md gives for this key.\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("bhal print names the key path and offset of a lone surrogate and of 1e309, in one line",
          arguments: [
            (#"{"elements": [{"type": "text", "text": "\ud800"}]}"#,
             "elements[0].text: \\ud800 at byte offset 40 (line 1, column 41) is half of a UTF-16 surrogate pair, which is no character on its own. "
                + "Write the character itself in UTF-8, or both halves of its pair (e.g. \\ud83d\\ude00)."),
            ("{\n  \"elements\": [{\"type\": \"feed\", \"lines\": 1e309}]\n}",
             "elements[0].lines: 1e309 at byte offset 43 (line 2, column 42) is out of range for a whole number. "
                + "Write a whole number in the range docs/receipt-format.md gives for this key."),
          ])
    func printValues(json: String, expected: String) throws {
        let receipt = try temporaryFile("value.json", json)
        let sink = try temporaryDirectory() + "/printed.bin"
        let run = try Harness.runBhal(["print", receipt, "--printer", "file://" + sink, "--spool-dir", try temporaryDirectory()])
        #expect(run.status == 2)
        #expect(run.stderr == "bhal: \(receipt): \(expected)\n")
        #expect(!FileManager.default.fileExists(atPath: sink))
    }

    @Test("bhal print refuses a printer port that overflows instead of printing on port 9100")
    func printOverflowingPort() throws {
        let spool = try temporaryDirectory()
        let run = try Harness.runBhal(["print", "test", "--printer", "tcp://127.0.0.1:999999999999999999999", "--spool-dir", spool])
        #expect(run.status == 2)
        #expect(run.stderr == "bhal: configuration error: devices.printer.uri: \"tcp://127.0.0.1:999999999999999999999\" is not a valid tcp URI "
                + "(port 999999999999999999999 is larger than 65535); expected tcp://HOST:PORT (e.g. tcp://192.168.1.50:9100)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty, "nothing is spooled for a printer that was never tried")
    }

    @Test("simulators refuse a --listen or --vpcd port they cannot use, naming the problem",
          arguments: [
            (["simulate", "payment", "--listen", "127.0.0.1:99999"], "--listen 127.0.0.1:99999: port 99999 is larger than 65535"),
            (["simulate", "payment", "--listen", "127.0.0.1:"], "--listen 127.0.0.1:: the port after \":\" is empty"),
            (["simulate", "printer", "--listen", "127.0.0.1:-1"], "--listen 127.0.0.1:-1: port \"-1\" is not a number from 1 to 65535"),
            (["simulate", "printer", "--listen", "127.0.0.1"], "--listen 127.0.0.1: the port is missing (write HOST:PORT)"),
            (["simulate", "card", "--vpcd", "127.0.0.1:0"], "--vpcd 127.0.0.1:0: port 0 is not a usable port (use 1–65535)"),
            (["simulate", "card", "--vpcd", "127.0.0.1:999999999999999999999"], "--vpcd 127.0.0.1:999999999999999999999: port 999999999999999999999 is larger than 65535"),
          ])
    func simulatorPorts(arguments: [String], message: String) throws {
        let run = try Harness.runBhal(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("bhal payment refuses a terminal port that overflows instead of calling port 20007")
    func paymentOverflowingPort() throws {
        let run = try Harness.runBhal(["payment", "status", "--terminal", "zvt+tcp://127.0.0.1:999999999999999999999"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\"zvt+tcp://127.0.0.1:999999999999999999999\" is not a usable ZVT terminal URI: port 999999999999999999999 is larger than 65535"),
                "\(run.stderr)")
    }

    @Test("a control character in the configuration is one line with file, line and column")
    func configurationControlCharacter() throws {
        let path = try temporaryFile("control.yaml", "devices:\n  receipt:\n    family: printer\n    backend: cups\n    uri: \"cups://a\u{01}\"\n")
        let run = try Harness.runBhal(["selftest", "--config", path])
        #expect(run.status == 2)
        #expect(run.stderr == "bhal: configuration error: \(path):5:19: not valid YAML: control characters are not allowed (U+0001); "
                + "remove the character, or write it as \\x01 inside a double-quoted string\n")
    }

    @Test("a configuration with an alias as a key is refused at once with its place")
    func configurationAliasKey() throws {
        var text = "a0: &a0 [l, l, l, l, l, l, l, l, l]\n"
        for level in 1...10 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n" }
        let path = try temporaryFile("alias.yaml", text + "? *a10\n: x\n")
        let run = try Harness.runBhal(["selftest", "--config", path])
        #expect(run.status == 2)
        #expect(run.stderr == "bhal: configuration error: \(path):12:3: the alias *a10 is used as a mapping key; "
                + "aliases may stand only for values, so write the key out\n")
    }
}
