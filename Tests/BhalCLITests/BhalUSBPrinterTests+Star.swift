import Foundation
import TestSupport
import Testing

/// A Star TSP100-like printer (0519:0003) in Star Line Mode on USB, replayed by umockdev from
/// `tsp100.umockdev` and the `star-*.pcap` captures: with `--profile star-tsp100` bhal asks its
/// status with ESC ACK SOH and reads Star's automatic status on bulk IN. The replay is strict, so a
/// DLE EOT request would get no answer.
extension BhalUSBPrinterTests {
    static let starPrinter = "usb://0519:0003"
    static let starJob = fixtures.appendingPathComponent("star-receipt.bin").path

    @Test("Star profile, paper out: status --json reads ESC ACK SOH's reply; print exits 1 and spools; resume prints it once")
    func starPaperOutSpoolResume() async throws {
        let spool = try spoolDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let profile = ["--profile", "star-tsp100"]

        let status = try await bhal(["printer", "status", "--printer", Self.starPrinter, "--json"] + profile,
                              device: "tsp100.umockdev", capture: "star-paper-end.pcap")
        #expect(status.status == 1, "\(status.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let fields = json?["status"] as? [String: Any]
        #expect(json?["ready"] as? Bool == false)
        #expect(fields?["paperEnd"] as? Bool == true)
        #expect(fields?["coverOpen"] as? Bool == false)

        let refused = try await bhal(["print", "--raw", Self.starJob, "--printer", Self.starPrinter, "--spool-dir", spool.path] + profile,
                               device: "tsp100.umockdev", capture: "star-paper-end.pcap")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the printer is out of paper"), "\(refused.stderr)")
        #expect(refused.stderr.contains("bhal printer resume --printer \(Self.starPrinter) --profile star-tsp100"), "\(refused.stderr)")
        #expect(try spooledJobs(spool) == [try Data(contentsOf: URL(fileURLWithPath: Self.starJob))])

        // star-print-ok.pcap holds one ESC ACK SOH answered "ready" and this job: resume must send exactly that.
        let resumed = try await bhal(["printer", "resume", "--printer", Self.starPrinter, "--spool-dir", spool.path] + profile,
                               device: "tsp100.umockdev", capture: "star-print-ok.pcap")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("printed 1 spooled receipt(s)"), "\(resumed.stdout)")
        #expect(try spooledJobs(spool).isEmpty)
        let again = try await bhal(["printer", "resume", "--printer", Self.starPrinter, "--spool-dir", spool.path] + profile,
                             device: "tsp100.umockdev")
        #expect(again.stdout.contains("printed 0 spooled receipt(s)"), "\(again.stdout) \(again.stderr)")
    }

    @Test("the Star printer asked without its profile: a timeout whose remedy says it is a Star printer and names the profiles")
    func starWithoutProfile() async throws {
        let run = try await bhal(["printer", "status", "--printer", Self.starPrinter], device: "tsp100.umockdev", capture: "star-paper-end.pcap")
        #expect(run.status == 1)
        #expect(run.stderr.contains("no DLE EOT reply from USB printer 0519:0003"), "\(run.stderr)")
        #expect(run.stderr.contains("This is a Star printer") && run.stderr.contains("--profile star-tsp100"), "\(run.stderr)")
    }
}
