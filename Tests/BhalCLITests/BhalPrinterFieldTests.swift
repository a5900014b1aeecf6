import Foundation
import TestSupport
import Testing

/// `bhal print`, `bhal escpos` and `bhal simulate printer` under hostile and real peers: a printer
/// that drops the job after the status replies, streams that ask for kilometres of paper,
/// thousands of unprintable characters, and an idle client.
@Suite("bhal printer commands under hostile peers", .serialized)
struct BhalPrinterFieldTests {
    let helpers = BhalPrintCommandTests()

    /// The `.job` files under a spool root.
    func spooledJobs(_ root: URL) -> [String] {
        let names = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return names.filter { $0.hasSuffix(".job") }
    }

    /// The height of a PNG file (IHDR), in pixels.
    func pngHeight(_ path: String) throws -> Int {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(24))
        return bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test("a printer that answers DLE EOT and then closes (FIN) or resets (RST) without reading the job: not printed, spooled, exit 1; resume later prints each receipt once")
    func lostPrintIsSpooled() async throws {
        let kept = try helpers.temporaryDirectory("spool")
        let pngs = try helpers.temporaryDirectory("sim")
        let closing = try ScriptedPrinterPeer(.closeAfterStatus)
        let port = closing.port
        let printer = "tcp://127.0.0.1:\(port)"
        let print = ["print", BhalPrintCommandTests.germanText, "--printer", printer, "--spool-dir", kept.path]

        let afterFIN = try await Harness.runBhal(print)
        closing.stop()
        #expect(afterFIN.status == 1, "\(afterFIN.stdout)\(afterFIN.stderr)")
        #expect(!afterFIN.stdout.contains("printed"), "\(afterFIN.stdout)")
        #expect(afterFIN.stderr.contains("did not confirm the 100-byte job"), "\(afterFIN.stderr)")
        #expect(afterFIN.stderr.contains("the receipt is kept in the spool"), "\(afterFIN.stderr)")
        #expect(afterFIN.stderr.contains("run `bhal printer resume --printer \(printer) --spool-dir \(kept.path)`"), "\(afterFIN.stderr)")
        #expect(spooledJobs(kept).count == 1)

        let resetting = try ScriptedPrinterPeer(.resetOnJob, port: port)
        let afterRST = try await Harness.runBhal(print)
        resetting.stop()
        #expect(afterRST.status == 1, "exit 1, not killed by SIGPIPE: \(afterRST.stdout)\(afterRST.stderr)")
        #expect(afterRST.stderr.contains("the receipt did not print"), "\(afterRST.stderr)")
        #expect(afterRST.stderr.contains("the receipt is kept in the spool"), "\(afterRST.stderr)")
        #expect(spooledJobs(kept).count == 2)

        // A working printer on the same address prints both, each once.
        let simulator = try BackgroundBhal(["simulate", "printer", "--listen", "127.0.0.1:\(port)", "--spool", pngs.path])
        defer { simulator.terminate() }
        #expect(await simulator.waitUntil { $0.output.contains("listening on 127.0.0.1:\(port)") }, "\(simulator.output)")
        let resumed = try await Harness.runBhal(["printer", "resume", "--printer", printer, "--spool-dir", kept.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("printed 2 spooled receipt(s)"), "\(resumed.stdout)")
        let texts = try helpers.printedTexts(pngs)
        #expect(texts.keys.sorted() == ["job-0001.txt", "job-0002.txt"])
        #expect(texts.values.allSatisfy { $0.contains("Gebühr für Führungszeugnis: 13,00 €") }, "\(texts)")
        let again = try await Harness.runBhal(["printer", "resume", "--printer", printer, "--spool-dir", kept.path])
        #expect(again.stdout.contains("printed 0 spooled receipt(s)"), "\(again.stdout)")
        #expect(spooledJobs(kept).isEmpty)
    }

    @Test("escpos render: 303 bytes of feeds give 5 m of paper, cut off with a note naming the offset; --max-paper-length sets the end")
    func renderIsBounded() async throws {
        let directory = try helpers.temporaryDirectory("render")
        let input = directory.appendingPathComponent("feeds.bin")
        try Data([0x1B, 0x33, 255] + Array(repeating: [0x1B, 0x64, 255] as [UInt8], count: 100).flatMap { $0 }).write(to: input)
        let png = directory.appendingPathComponent("out.png").path

        let whole = try await Harness.runBhal(["escpos", "render", input.path, "--png", png, "--text"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try pngHeight(png) == 40_000 + 32, "5 m at 8 dots per mm, and the 16-dot border")
        #expect(whole.stderr.contains("@0x3: the receipt is longer than the render limit of 5000 mm"), "\(whole.stderr)")
        #expect(whole.stdout.hasSuffix("[cut off at byte 3: render limit reached]\n"))

        let short = try await Harness.runBhal(["escpos", "render", input.path, "--png", png, "--max-paper-length", "100"])
        #expect(short.status == 0, "\(short.stderr)")
        #expect(try pngHeight(png) == 800 + 32)
        #expect(short.stderr.contains("render limit of 100 mm (800 dots)"), "\(short.stderr)")

        let invalid = try await Harness.runBhal(["escpos", "render", input.path, "--png", png, "--max-paper-length", "0"])
        #expect(invalid.status == 2, "\(invalid.stderr)")
    }

    @Test("escpos encode: 200 000 characters the code page lacks are one summary warning")
    func encodeSummarisesReplacements() async throws {
        let directory = try helpers.temporaryDirectory("encode")
        let receipt = directory.appendingPathComponent("han.json")
        let json = #"{"version": 1, "elements": [{"type": "text", "text": "\#(String(repeating: "中", count: 200_000))"}]}"#
        try Data(json.utf8).write(to: receipt)
        let run = try await Harness.runBhal(["escpos", "encode", receipt.path, "--out", directory.appendingPathComponent("han.bin").path])
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.hasPrefix("bhal: warning:") }
        #expect(warnings == [
            "bhal: warning: \(receipt.path): 200000 characters not in PC858 replaced (\"中\" (U+4E2D) ×200000 as \"?\"), first at elements[0].text character 1 (printed line 1)",
        ], "\(run.stderr.prefix(500))")
    }

    @Test("simulate printer: an idle client does not block bhal print, and is dropped after --idle-timeout")
    func idleClient() async throws {
        let simulator = try BackgroundBhal(["simulate", "printer", "--listen", "127.0.0.1:0", "--spool", try helpers.temporaryDirectory("sim").path,
                                            "--idle-timeout", "1.5"])
        defer { simulator.terminate() }
        var port: UInt16?
        _ = await simulator.waitUntil { process in
            guard let line = process.lines.first(where: { $0.contains("listening on 127.0.0.1:") }),
                  let text = line.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber) else { return false }
            port = UInt16(text)
            return port != nil
        }
        let bound = try #require(port, "\(simulator.output)")
        let idle = try LoopbackClient(port: bound)
        defer { idle.close() }
        let printed = try await Harness.runBhal(["print", BhalPrintCommandTests.germanText, "--printer", "tcp://127.0.0.1:\(bound)",
                                           "--spool-dir", try helpers.temporaryDirectory("spool").path])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("printed 100 bytes"), "\(printed.stdout)")
        #expect(idle.waitForClose(timeout: 10), "the idle client is closed")
        #expect(await simulator.waitUntil { $0.output.contains("sent nothing for 1.5 seconds: closed") }, "\(simulator.output)")
        #expect(simulator.lines.contains { $0.hasPrefix("job 1: 118 bytes") }, "the job and the status queries: \(simulator.output)")
    }
}
