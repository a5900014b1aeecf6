import Foundation
import TestSupport
import Testing

/// `bhal print` and `bhal printer` against `bhal simulate printer`: two processes over loopback TCP.
@Suite("bhal print against bhal simulate printer", .serialized)
struct BhalPrintCommandTests {
    /// Starts the printer simulator (extra flags inject faults) and returns it with its port.
    func simulator(port: UInt16 = 0, _ flags: [String] = [], spool: URL) async throws -> (BackgroundBhal, UInt16) {
        let process = try BackgroundBhal(["simulate", "printer", "--listen", "127.0.0.1:\(port)", "--spool", spool.path] + flags)
        for _ in 0..<500 {
            if let line = process.output.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
               let portText = line.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber), let bound = UInt16(portText) {
                return (process, bound)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.terminate()
        throw SimulatorDidNotStart(output: process.output)
    }

    struct SimulatorDidNotStart: Error {
        var output: String
    }

    func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("paper out: bhal print exits 1 naming the paper and keeps the receipt; resume prints it once after the fault is cleared")
    func paperOutThenResume() async throws {
        let receipt = Harness.repositoryRoot.appendingPathComponent("Fixtures/escpos/german-text.json").path
        let kept = try temporaryDirectory("spool")
        let pngs = try temporaryDirectory("sim")
        let (faulty, port) = try await simulator(["--paper-out"], spool: pngs)
        let printer = "tcp://127.0.0.1:\(port)"

        let failed = try Harness.runBhal(["print", receipt, "--printer", printer, "--spool-dir", kept.path])
        faulty.terminate()
        #expect(failed.status == 1)
        #expect(failed.stderr.lowercased().contains("paper"), "\(failed.stderr)")

        let (healthy, _) = try await simulator(port: port, spool: pngs)
        defer { healthy.terminate() }
        let status = try Harness.runBhal(["printer", "status", "--printer", printer, "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        let resumed = try Harness.runBhal(["printer", "resume", "--printer", printer, "--spool-dir", kept.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        var printed = false
        for _ in 0..<200 where !printed {
            printed = healthy.output.contains("job 1:")
            if !printed { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(printed, "the simulator received the spooled receipt: \(healthy.output)")

        let again = try Harness.runBhal(["printer", "resume", "--printer", printer, "--spool-dir", kept.path])
        #expect(again.status == 0)
        try await Task.sleep(for: .milliseconds(200))
        #expect(!healthy.output.contains("job 2:"), "a second resume prints nothing: \(healthy.output)")
        let texts = try FileManager.default.contentsOfDirectory(atPath: pngs.path).filter { $0.hasSuffix(".txt") }
        #expect(texts.count == 1)
        if let text = texts.first {
            let dump = try String(contentsOf: pngs.appendingPathComponent(text), encoding: .utf8)
            #expect(dump.contains("Straße"), "\(dump)")
        }
    }
}
