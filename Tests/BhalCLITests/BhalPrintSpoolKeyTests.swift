import Foundation
import SystemIO
import TestSupport
import Testing

/// The receipt spool keys on the normalised printer endpoint: a receipt kept for one spelling of
/// a printer's URI is printed, once, by `bhal printer resume` with another spelling.
@Suite("bhal print: one spool per printer, whatever the URI spelling", .serialized)
struct BhalPrintSpoolKeyTests {
    static let germanText = Harness.repositoryRoot.appendingPathComponent("Fixtures/escpos/german-text.json").path

    /// Whether nothing listens on 127.0.0.1:`port` (a bind succeeds).
    static func isFree(_ port: UInt16) -> Bool {
        guard let listener = try? TCPListener(host: "127.0.0.1", port: port) else { return false }
        listener.close()
        return true
    }

    /// `bhal simulate printer --paper-out` on `port` (0: a free one), and the port it bound.
    func simulator(port: UInt16, spool: URL) async throws -> (BackgroundBhal, UInt16) {
        let process = try BackgroundBhal(["simulate", "printer", "--listen", "127.0.0.1:\(port)", "--spool", spool.path, "--paper-out"])
        var bound: UInt16?
        _ = await process.waitUntil { process in
            guard let line = process.lines.first(where: { $0.contains("listening on 127.0.0.1:") }),
                  let portText = line.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber) else { return false }
            bound = UInt16(portText)
            return bound != nil
        }
        guard let bound else {
            let output = process.output
            process.terminate()
            throw SimulatorDidNotStart(output: output)
        }
        return (process, bound)
    }

    struct SimulatorDidNotStart: Error {
        var output: String
    }

    func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Prints on `printSpelling` while the paper is out, clears the fault, resumes with
    /// `resumeSpelling`: the kept receipt prints exactly once.
    func printThenResume(port: UInt16, printSpelling: (UInt16) -> String, resumeSpelling: (UInt16) -> String) async throws {
        let kept = try temporaryDirectory("spool")
        let printed = try temporaryDirectory("sim")
        let (simulator, bound) = try await simulator(port: port, spool: printed)
        defer { simulator.terminate() }

        let failed = try await Harness.runBhal(["print", Self.germanText, "--printer", printSpelling(bound), "--spool-dir", kept.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.lowercased().contains("paper"), "\(failed.stderr)")
        #expect(try await simulator.ask("paper-ok", reply: "condition: ready"), "\(simulator.output)")

        let resumed = try await Harness.runBhal(["printer", "resume", "--printer", resumeSpelling(bound), "--spool-dir", kept.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("printed 1 spooled receipt(s)"), "the receipt kept under the other spelling: \(resumed.stdout)")
        let jobs = try FileManager.default.contentsOfDirectory(atPath: printed.path).filter { $0.hasSuffix(".txt") }
        #expect(jobs == ["job-0001.txt"], "printed once")

        let again = try await Harness.runBhal(["printer", "resume", "--printer", printSpelling(bound), "--spool-dir", kept.path])
        #expect(again.stdout.contains("printed 0 spooled receipt(s)"), "nothing is left for the first spelling either: \(again.stdout)")
    }

    @Test("print --printer tcp://127.0.0.1 fails on paper out; printer resume --printer tcp://127.0.0.1:9100 prints it once",
          .enabled(if: isFree(9100), "port 9100 (the default printer port) is in use on 127.0.0.1"))
    func defaultPortSpelling() async throws {
        try await printThenResume(port: 9100, printSpelling: { _ in "tcp://127.0.0.1" }, resumeSpelling: { "tcp://127.0.0.1:\($0)" })
    }

    @Test("a trailing slash is the same printer")
    func trailingSlashSpelling() async throws {
        try await printThenResume(port: 0, printSpelling: { "tcp://127.0.0.1:\($0)/" }, resumeSpelling: { "tcp://127.0.0.1:\($0)" })
    }
}
