import Foundation
import TestSupport
import Testing

/// Runs the built `bhal` executable as a technician would and checks output and exit codes.
@Suite("bhal command line")
struct BhalCommandTests {
    func bhal(_ arguments: String..., environment: [String: String] = [:]) async throws -> BhalRun {
        try await Harness.runBhal(arguments, environment: environment)
    }

    func bhal(_ arguments: [String], environment: [String: String] = [:]) async throws -> BhalRun {
        try await Harness.runBhal(arguments, environment: environment)
    }

    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-cli-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("--version prints the version")
    func version() async throws {
        let run = try await bhal("--version")
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test("selftest --simulate prints a table for all four families and exits 0")
    func simulatedTable() async throws {
        let run = try await bhal("selftest", "--simulate")
        #expect(run.status == 0, "\(run.stderr)")
        for family in ["smart-card reader", "receipt printer", "payment terminal", "signature pad"] {
            #expect(run.stdout.contains(family))
        }
        #expect(run.stdout.contains("4 device(s): 4 passed, 0 failed"))
        #expect(run.stderr.isEmpty, "no log noise at the default level: \(run.stderr)")
    }

    @Test("selftest --simulate --json prints one JSON document with name, family, backend, passed, steps")
    func simulatedJSON() async throws {
        let run = try await bhal("selftest", "--simulate", "--json", "--level", "interactive")
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let devices = try #require(document["devices"] as? [[String: Any]])
        #expect(devices.count == 4)
        for device in devices {
            for key in ["name", "family", "backend", "passed", "steps"] { #expect(device[key] != nil, "\(key)") }
        }
        #expect(document["level"] as? String == "interactive")
    }

    @Test("--junit writes a JUnit file")
    func junitFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-\(UUID().uuidString).xml").path
        let run = try await bhal("selftest", "--simulate", "--junit", path)
        #expect(run.status == 0)
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.contains("<testsuite name=\"signature-pad\""))
    }

    @Test("a malformed configuration exits 2 naming the line and key")
    func malformedConfig() async throws {
        let path = try temporaryFile("bad.yaml", "devices:\n  receipt:\n    family: printer\n    backend: cupz\n")
        let run = try await bhal("selftest", "--config", path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path):4:14: devices.receipt.backend: unknown backend \"cupz\""))
    }

    @Test("no configuration and no --simulate exits 2 and suggests --simulate")
    func missingConfig() async throws {
        let run = try await bhal("selftest", "--config", "/nonexistent/bhal.yaml")
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/bhal.yaml"))
    }

    @Test("usage errors exit 2", arguments: [["selftest", "--level", "loud"], ["selftest", "--bogus"], ["nosuchcommand"]])
    func usageErrors(_ arguments: [String]) async throws {
        let run = try await bhal(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test("a failing check exits 1 and prints the remedy")
    func failingCheck() async throws {
        // A reader name no machine has: fails whether or not pcscd runs (offline or no such reader).
        let path = try temporaryFile("missing-reader.yaml",
                                     "devices:\n  reader:\n    family: smartcard\n    backend: pcsc\n    uri: \"pcsc:No Such Reader 4711\"\n")
        let run = try await bhal("selftest", "--config", path)
        #expect(run.status == 1)
        #expect(run.stdout.contains("next:"))
        #expect(run.stdout.contains("pcsc"))
    }

    @Test("--simulate with a configuration keeps its logical names")
    func simulateWithConfig() async throws {
        let path = try temporaryFile("kiosk.yaml", "devices:\n  front-printer:\n    family: printer\n    backend: cups\n    uri: cups://front\n")
        let run = try await bhal("devices", "--simulate", "--config", path, "--json")
        #expect(run.status == 0)
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(devices.map { $0["logicalName"] as? String } == ["front-printer"])
        #expect(devices.map { $0["backend"] as? String } == ["simulated"])
    }

    @Test("devices lists the configured devices without opening them")
    func devicesTable() async throws {
        let path = try temporaryFile("kiosk.yaml", "devices:\n  pad:\n    family: signaturepad\n    backend: usb\n    uri: usb://056A:00A8\n")
        let run = try await bhal("devices", "--config", path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("usb://056A:00A8"))
    }

    @Test("udev-rules prints the committed rule file")
    func udevRules() async throws {
        let run = try await bhal("udev-rules")
        let committed = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("udev/70-buergerhal.rules"), encoding: .utf8)
        #expect(run.stdout == committed)
    }
}
