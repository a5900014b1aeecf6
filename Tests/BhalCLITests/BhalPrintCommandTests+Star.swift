import Foundation
import TestSupport
import Testing

/// `bhal print` and `bhal printer` with a Star profile against `bhal simulate printer --profile
/// star-tsp650`, which speaks Star Line Mode and answers only Star's status request (ESC ACK SOH).
extension BhalPrintCommandTests {
    /// `bhal printer status --json` output: the run, the decoded `status` object and the number of
    /// spooled receipts.
    func starStatus(_ printer: String, profile: String? = "star-tsp650", spool: URL) async throws -> (run: BhalRun, status: [String: Any]?, spooled: Int?) {
        let run = try await Harness.runBhal(["printer", "status", "--printer", printer, "--spool-dir", spool.path, "--json"]
                                      + (profile.map { ["--profile", $0] } ?? []))
        let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (run, object?["status"] as? [String: Any], object?["spooledReceipts"] as? Int)
    }

    @Test("Star profile: printer status --json shows the faults injected at start and at run time; DLE EOT gets no answer")
    func starStatusFollowsFaults() async throws {
        let spool = try temporaryDirectory("spool")
        let (simulator, port) = try await simulator(["--profile", "star-tsp650", "--cover-open"], spool: try temporaryDirectory("sim"))
        defer { simulator.terminate() }
        let printer = "tcp://127.0.0.1:\(port)"

        let coverOpen = try await starStatus(printer, spool: spool)
        #expect(coverOpen.run.status == 1, "\(coverOpen.run.stderr)")
        #expect(coverOpen.status?["coverOpen"] as? Bool == true, "\(coverOpen.run.stdout)")
        #expect(coverOpen.status?["paperEnd"] as? Bool == false)

        #expect(try await simulator.ask("paper-out", reply: "condition: cover open, paper out"), "\(simulator.output)")
        let both = try await starStatus(printer, spool: spool)
        #expect(both.run.status == 1)
        #expect(both.status?["coverOpen"] as? Bool == true && both.status?["paperEnd"] as? Bool == true, "\(both.run.stdout)")

        #expect(try await simulator.ask("offline", reply: "condition: offline, cover open, paper out"), "\(simulator.output)")
        #expect(try await starStatus(printer, spool: spool).status?["online"] as? Bool == false)

        #expect(try await simulator.ask("clear", reply: "condition: ready"), "\(simulator.output)")
        let ready = try await starStatus(printer, spool: spool)
        #expect(ready.run.status == 0, "\(ready.run.stderr)")
        #expect(ready.status?["online"] as? Bool == true && ready.status?["coverOpen"] as? Bool == false)
        #expect(ready.run.stdout.contains("\"ready\" : true"), "\(ready.run.stdout)")

        let epson = try await starStatus(printer, profile: nil, spool: spool)
        #expect(epson.run.status == 1)
        #expect(epson.run.stderr.contains("no DLE EOT reply from 127.0.0.1:\(port)"), "\(epson.run.stderr)")
        #expect(epson.run.stderr.contains("--profile star-tsp100 or star-tsp650"), "\(epson.run.stderr)")
    }

    @Test("Star profile, paper out: bhal print exits 1 naming the paper and spools; after paper-ok on stdin, resume prints it once")
    func starPaperOutThenResume() async throws {
        let kept = try temporaryDirectory("spool")
        let pngs = try temporaryDirectory("sim")
        let (simulator, port) = try await simulator(["--profile", "star-tsp650", "--paper-out"], spool: pngs)
        defer { simulator.terminate() }
        let printer = "tcp://127.0.0.1:\(port)"

        let failed = try await Harness.runBhal(["print", Self.germanText, "--printer", printer, "--profile", "star-tsp650", "--spool-dir", kept.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("the printer is out of paper"), "\(failed.stderr)")
        #expect(failed.stderr.contains("bhal printer resume --printer \(printer) --profile star-tsp650"), "\(failed.stderr)")
        let faulted = try await starStatus(printer, spool: kept)
        #expect(faulted.run.status == 1)
        #expect(faulted.status?["paperEnd"] as? Bool == true, "\(faulted.run.stdout)")
        #expect(faulted.spooled == 1, "the receipt is kept")
        #expect(try printedTexts(pngs).isEmpty, "nothing printed while out of paper")

        #expect(try await simulator.ask("paper-ok", reply: "condition: ready"), "\(simulator.output)")
        let resumed = try await Harness.runBhal(["printer", "resume", "--printer", printer, "--profile", "star-tsp650", "--spool-dir", kept.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("printed 1 spooled receipt(s)"), "\(resumed.stdout)")
        let again = try await Harness.runBhal(["printer", "resume", "--printer", printer, "--profile", "star-tsp650", "--spool-dir", kept.path])
        #expect(again.stdout.contains("printed 0 spooled receipt(s)"), "\(again.stdout) \(again.stderr)")

        #expect(try await starStatus(printer, spool: kept).spooled == 0)
        let texts = try printedTexts(pngs)
        #expect(texts.keys.sorted() == ["job-0001.txt"], "printed exactly once: \(simulator.output)")
        #expect(texts["job-0001.txt"]?.contains("Gebühr für Führungszeugnis: 13,00 €") == true, "\(texts)")
        #expect(texts["job-0001.txt"]?.contains("ÄÖÜäöüß") == true)
    }
}
