import Foundation
import TestSupport
import Testing

/// `bhal print` and `bhal printer` against `bhal simulate printer`: two processes over loopback TCP,
/// faults changed while the simulator runs through its standard input.
@Suite("bhal print against bhal simulate printer", .serialized)
struct BhalPrintCommandTests {
    static let germanText = Harness.repositoryRoot.appendingPathComponent("Fixtures/escpos/german-text.json").path
    static let completeReceipt = Harness.repositoryRoot.appendingPathComponent("Fixtures/escpos/complete-receipt.json").path

    /// Starts the printer simulator (extra flags inject faults at start) and returns it with its port.
    func simulator(_ flags: [String] = [], spool: URL) async throws -> (BackgroundBhal, UInt16) {
        let process = try BackgroundBhal(["simulate", "printer", "--listen", "127.0.0.1:0", "--spool", spool.path] + flags)
        var bound: UInt16?
        _ = await process.waitUntil { process in
            guard let line = process.lines.first(where: { $0.contains("listening on 127.0.0.1:") }),
                  let portText = line.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber) else { return false }
            bound = UInt16(portText)
            return bound != nil
        }
        guard let bound else {
            process.terminate()
            throw SimulatorDidNotStart(output: process.output)
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

    /// The text dumps the simulator wrote, by file name.
    func printedTexts(_ directory: URL) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }
        var texts: [String: String] = [:]
        for name in names { texts[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }
        return texts
    }

    /// `bhal printer status --json`: exit status and the number of spooled receipts.
    func spooledReceipts(_ printer: String, spool: URL) async throws -> (status: Int32, spooled: Int?) {
        let run = try await Harness.runBhal(["printer", "status", "--printer", printer, "--spool-dir", spool.path, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (run.status, object?["spooledReceipts"] as? Int)
    }

    @Test("paper out: bhal print exits 1 naming the paper; after paper-ok on the simulator's stdin, resume prints the receipt once and a later print does not re-send it")
    func paperOutThenResume() async throws {
        let kept = try temporaryDirectory("spool")
        let pngs = try temporaryDirectory("sim")
        let (simulator, port) = try await simulator(["--paper-out"], spool: pngs)
        defer { simulator.terminate() }
        let printer = "tcp://127.0.0.1:\(port)"

        let failed = try await Harness.runBhal(["print", Self.germanText, "--printer", printer, "--spool-dir", kept.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.lowercased().contains("paper"), "\(failed.stderr)")
        let faulted = try await spooledReceipts(printer, spool: kept)
        #expect(faulted.status == 1)
        #expect(faulted.spooled == 1, "the receipt is kept")
        #expect(try printedTexts(pngs).isEmpty, "nothing printed while out of paper")

        // The fault is cleared while the simulator keeps running.
        #expect(try await simulator.ask("paper-ok", reply: "condition: ready"), "\(simulator.output)")
        let cleared = try await spooledReceipts(printer, spool: kept)
        #expect(cleared.status == 0)
        #expect(cleared.spooled == 1)

        let resumed = try await Harness.runBhal(["printer", "resume", "--printer", printer, "--spool-dir", kept.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("printed 1 spooled receipt(s)"), "\(resumed.stdout)")
        // resume returns once the simulator closed the connection, which it does after writing the job.
        let afterResume = try printedTexts(pngs)
        #expect(afterResume.keys.sorted() == ["job-0001.txt"])
        #expect(afterResume["job-0001.txt"]?.contains("Gebühr für Führungszeugnis: 13,00 €") == true, "\(afterResume)")

        let later = try await Harness.runBhal(["print", Self.completeReceipt, "--printer", printer, "--spool-dir", kept.path])
        #expect(later.status == 0, "\(later.stderr)")
        let afterLater = try printedTexts(pngs)
        #expect(afterLater.keys.sorted() == ["job-0001.txt", "job-0002.txt"], "exactly one new job: \(simulator.output)")
        #expect(afterLater["job-0002.txt"]?.contains("QUITTUNG") == true)
        #expect(afterLater["job-0002.txt"]?.contains("Gedankenstrich") == false, "the spooled receipt is not sent again")
        #expect(!simulator.lines.contains { $0.hasPrefix("job 3:") })
        #expect(try await spooledReceipts(printer, spool: kept).spooled == 0)
    }

    @Test("printer status reads each fault as a fault with its remedy while faults change at run time")
    func statusTextFollowsRuntimeFaults() async throws {
        let spool = try temporaryDirectory("spool")
        let (simulator, port) = try await simulator(["--paper-out"], spool: try temporaryDirectory("sim"))
        defer { simulator.terminate() }
        let printer = "tcp://127.0.0.1:\(port)"
        func status() async throws -> BhalRun {
            try await Harness.runBhal(["printer", "status", "--printer", printer, "--spool-dir", spool.path])
        }

        let paperOut = try await status()
        #expect(paperOut.status == 1)
        #expect(paperOut.stdout == "\(printer): FAULT: the printer is out of paper — Load a new paper roll and close the cover, then print again.\n")

        #expect(try await simulator.ask("cover-open", reply: "condition: cover open, paper out"), "\(simulator.output)")
        let both = try await status()
        #expect(both.status == 1)
        #expect(both.stdout.contains("FAULT: the printer is out of paper"), "\(both.stdout)")
        #expect(both.stdout.contains("\(printer): condition: cover open, paper out"), "\(both.stdout)")

        #expect(try await simulator.ask("paper-ok", reply: "condition: cover open"), "\(simulator.output)")
        #expect(try await status().stdout.contains("FAULT: the printer cover is open — Close the printer cover, then print again."))

        _ = try await simulator.ask("cover-closed", reply: "condition: ready")
        #expect(try await simulator.ask("offline", reply: "condition: offline"), "\(simulator.output)")
        let offline = try await status()
        #expect(offline.status == 1)
        #expect(offline.stdout.contains("FAULT: the printer is offline — Switch the printer on"), "\(offline.stdout)")

        #expect(try await simulator.ask("clear", reply: "condition: ready"), "\(simulator.output)")
        let ready = try await status()
        #expect(ready.status == 0)
        #expect(ready.stdout == "\(printer): ready\n")

        #expect(try await simulator.ask("paper-near-end", reply: "condition: paper near end"), "\(simulator.output)")
        let low = try await status()
        #expect(low.status == 0, "paper near end still prints")
        #expect(low.stdout.hasPrefix("\(printer): ready; paper near end — "), "\(low.stdout)")
    }

    @Test("the simulator answers an unknown command with the valid ones, and keeps serving after its stdin ends")
    func unknownCommandAndEndOfInput() async throws {
        let (simulator, port) = try await simulator(spool: try temporaryDirectory("sim"))
        defer { simulator.terminate() }
        let expected = "error: unknown command \"jam\"; use one of: paper-out, paper-near-end, paper-ok, cover-open, cover-closed, "
            + "offline, online, clear, status, help"
        #expect(try await simulator.ask("jam", reply: expected), "\(simulator.output)")
        #expect(try await simulator.ask("paper-out", reply: "condition: paper out"))

        try simulator.closeInput()
        #expect(await simulator.waitUntil { $0.output.contains("standard input ended") }, "\(simulator.output)")
        let printer = "tcp://127.0.0.1:\(port)"
        let status = try await Harness.runBhal(["printer", "status", "--printer", printer, "--json"])
        #expect(status.status == 1, "still serving, still out of paper: \(status.stderr)")
        #expect(status.stdout.contains("\"paperEnd\" : true"), "\(status.stdout)")
        #expect(simulator.isRunning)
    }
}
