import Foundation
import TestSupport
import Testing

/// `bhal print` and `bhal printer` on `usb://` printers, with libusb talking to umockdev: bhal runs
/// under `umockdev-run`, which replays the usbmon captures in `Fixtures/usb-printer/` (synthesised
/// by `scripts/make-usb-printer-fixtures.py`; see the README there). The replay is strict: a
/// transfer bhal makes that the capture does not hold in that order, with those OUT bytes, gets no
/// answer, so the command times out instead of passing.
@Suite("bhal on a USB printer replayed by umockdev", Umockdev.available)
struct BhalUSBPrinterTests {
    static let fixtures = Harness.repositoryRoot.appendingPathComponent("Fixtures/usb-printer")
    static let job = fixtures.appendingPathComponent("receipt.bin").path
    static let printer = "usb://04b8:0e03"

    /// Runs bhal against `device` with each sysfs path (under /sys) replaying `capture`.
    func bhal(_ arguments: [String], device: String = "tm-t20.umockdev", capture: String? = nil,
              sysfs: [String] = ["/devices/pci0000:00/0000:00:14.0/usb1/1-2"]) async throws -> BhalRun {
        var launcher = [Umockdev.run, "-d", Self.fixtures.appendingPathComponent(device).path]
        if let capture {
            for path in sysfs { launcher += ["-p", "/sys\(path)=\(Self.fixtures.appendingPathComponent(capture).path)"] }
        }
        return try await Harness.runBhal(arguments, launcher: launcher + ["--"])
    }

    func spoolDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-usb-spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The spooled jobs under `root` (one directory per printer URI).
    func spooledJobs(_ root: URL) throws -> [Data] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        let files = (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "job" }
        return try files.map { try Data(contentsOf: $0) }
    }

    @Test("printer status --json: DLE EOT 1, 2, 4 over bulk OUT/IN, ready")
    func statusJSON() async throws {
        let run = try await bhal(["printer", "status", "--printer", Self.printer, "--json"], capture: "status-ok.pcap")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let status = json?["status"] as? [String: Any]
        #expect(json?["printer"] as? String == Self.printer)
        #expect(json?["ready"] as? Bool == true)
        #expect(status?["online"] as? Bool == true)
        #expect(status?["paperEnd"] as? Bool == false)
        #expect(status?["coverOpen"] as? Bool == false)
    }

    @Test("print --raw: status first, then the job in 4096-byte bulk OUT chunks, byte for byte")
    func printRaw() async throws {
        let spool = try spoolDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let run = try await bhal(["print", "--raw", Self.job, "--printer", Self.printer, "--spool-dir", spool.path], capture: "print-ok.pcap")
        let size = try Data(contentsOf: URL(fileURLWithPath: Self.job)).count
        #expect(size > 4096, "the job spans two chunks")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("printed \(size) bytes on \(Self.printer)"))
    }

    @Test("paper out: print exits 1 naming the paper, sends nothing, spools the receipt; resume prints it once")
    func paperOutSpoolResume() async throws {
        let spool = try spoolDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let refused = try await bhal(["print", "--raw", Self.job, "--printer", Self.printer, "--spool-dir", spool.path], capture: "paper-end.pcap")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("out of paper"), "\(refused.stderr)")
        #expect(refused.stderr.contains("bhal printer resume --printer \(Self.printer)"))
        #expect(try spooledJobs(spool) == [try Data(contentsOf: URL(fileURLWithPath: Self.job))])

        let status = try await bhal(["printer", "status", "--printer", Self.printer, "--json", "--spool-dir", spool.path], capture: "paper-end.pcap")
        #expect(status.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(json?["ready"] as? Bool == false)
        #expect((json?["status"] as? [String: Any])?["paperEnd"] as? Bool == true)
        #expect(json?["spooledReceipts"] as? Int == 1)

        // print-ok.pcap holds exactly one status query and this job: resume must send it unchanged.
        let resumed = try await bhal(["printer", "resume", "--printer", Self.printer, "--spool-dir", spool.path], capture: "print-ok.pcap")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("printed 1 spooled receipt(s)"))
        #expect(try spooledJobs(spool).isEmpty)
        let again = try await bhal(["printer", "resume", "--printer", Self.printer, "--spool-dir", spool.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("printed 0 spooled receipt(s)"))
    }

    @Test("usb://VID:PID/SERIAL reads the serial-number string descriptor before printing")
    func printBySerial() async throws {
        let spool = try spoolDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let run = try await bhal(["print", "--raw", Self.job, "--printer", "\(Self.printer)/SYNTH0E03A1", "--spool-dir", spool.path],
                           capture: "print-by-serial.pcap")
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("two printers with one id: without a serial the error lists both serials; with one, that printer prints")
    func twoPrinters() async throws {
        let sysfs = ["/devices/pci0000:00/0000:00:14.0/usb1/1-2", "/devices/pci0000:00/0000:00:14.0/usb1/1-3"]
        let ambiguous = try await bhal(["printer", "status", "--printer", Self.printer], device: "two-tm-t20.umockdev",
                                 capture: "two-printers.pcap", sysfs: sysfs)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("2 USB printers 04b8:0e03 are attached"), "\(ambiguous.stderr)")
        #expect(ambiguous.stderr.contains("SYNTH0E03A1 (bus 1 address 5)") && ambiguous.stderr.contains("SYNTH0E03B2 (bus 1 address 6)"))
        #expect(ambiguous.stderr.contains("usb://04B8:0E03/SERIAL"))

        let spool = try spoolDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let chosen = try await bhal(["print", "--raw", Self.job, "--printer", "\(Self.printer)/SYNTH0E03B2", "--spool-dir", spool.path],
                              device: "two-tm-t20.umockdev", capture: "two-printers.pcap", sysfs: sysfs)
        #expect(chosen.status == 0, "\(chosen.stderr)")
    }

    @Test("a printer that is not attached: exit 1, says to plug it in and check lsusb")
    func notAttached() async throws {
        let run = try await bhal(["printer", "status", "--printer", "usb://0519:0003"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no USB device 0519:0003 is attached"), "\(run.stderr)")
        #expect(run.stderr.contains("lsusb"))
    }

    @Test("no DLE EOT reply on bulk IN: a timeout that names real-time status, not a hang")
    func noStatusReply() async throws {
        let run = try await bhal(["printer", "status", "--printer", Self.printer], capture: "no-status-reply.pcap")
        #expect(run.status == 1)
        #expect(run.stderr.contains("no DLE EOT reply from USB printer 04b8:0e03"), "\(run.stderr)")
    }

    @Test("a malformed usb:// printer URI is a usage error (exit 2) naming the expected form")
    func malformedURI() async throws {
        let run = try await Harness.runBhal(["printer", "status", "--printer", "usb://4b8:e03"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("usb://VID:PID or usb://VID:PID/SERIAL with four hex digits each"), "\(run.stderr)")
    }
}

/// Where `umockdev-run` is, and whether the USB replay tests can run.
enum Umockdev {
    static let run = "/usr/bin/umockdev-run"

    /// Enabled when umockdev is installed (`scripts/install-deps.sh`); under the harness it must be.
    static var available: ConditionTrait {
        .enabled(if: FileManager.default.isExecutableFile(atPath: run) || Harness.isActive,
                 "needs umockdev-run: install the Debian package umockdev (scripts/install-deps.sh)")
    }
}
