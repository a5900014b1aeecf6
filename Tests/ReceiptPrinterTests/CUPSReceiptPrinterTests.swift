import DeviceCore
import Foundation
import ReceiptPrinter
@testable import ReceiptPrinterCUPS
import TestSupport
import Testing

/// The CUPS backend against the harness: a private cupsd on 127.0.0.1:8631 with a raw queue whose
/// device is a socket "printer" that stores every byte it receives.
@Suite("CUPS printer on a private cupsd", .serialized, Harness.services)
struct CUPSReceiptPrinterTests {
    func makePrinter(queue: String? = nil) throws -> CUPSReceiptPrinter {
        CUPSReceiptPrinter(logicalName: "receipt", queue: try queue ?? Harness.required("BHAL_TEST_CUPS_QUEUE"),
                           server: try Harness.required("CUPS_SERVER"))
    }

    @Test("the queue is online and idle")
    func status() async throws {
        let printer = try makePrinter()
        try await printer.open()
        let status = try await printer.status()
        #expect(status.online)
        #expect(!status.paperEnd && !status.coverOpen)
        #expect(try await printer.checkHealth(.internal).passed)
    }

    @Test("a raw job reaches the printer byte-identical and completes")
    func rawJobIsByteIdentical() async throws {
        let sink = try Harness.required("BHAL_TEST_PRINTER_SINK")
        try Data().write(to: URL(fileURLWithPath: sink))
        // Every byte value, so a filter that touched the data would show.
        let job: [UInt8] = ReceiptPrinterHealthSteps.testReceipt + (0...255).map(UInt8.init)
        let printer = try makePrinter()
        try await printer.open()
        try await printer.printRaw(job)
        // CUPS reports completion once the backend finished; the sink's write may trail by a moment.
        var received: [UInt8] = []
        for _ in 0..<100 where received.count < job.count {
            received = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: sink))) ?? Data())
            if received.count < job.count { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(received == job)
        #expect(await printer.statistics.operationCount == 1)
    }

    @Test("a receipt through cups:// reaches BuergerHAL's printer simulator byte-identical and renders the German text")
    func cupsToSimulator() async throws {
        let port = UInt16(try Harness.required("BHAL_TEST_SIM_PRINTER_PORT")) ?? 9110
        let simulator = ESCPOSPrinterSimulator()
        _ = try simulator.start(port: port)
        defer { simulator.stop() }
        let job = try ESCPOSEncoder(profile: .default).encode(try ESCPOSRenderBackTests.acceptanceReceipt(.pc858)).bytes
        let printer = try makePrinter(queue: try Harness.required("BHAL_TEST_CUPS_SIM_QUEUE"))
        try await printer.open()
        try await printer.printRaw(job)
        for _ in 0..<100 where simulator.jobs.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        let received = try #require(simulator.jobs.first)
        #expect(received.bytes == job)
        #expect(received.receipt.text.contains("Gebühr für Führungszeugnis: 13,00 €"))
        #expect(received.receipt.text.contains("ÄÖÜäöüß"))
    }

    @Test("a missing queue fails to open as noHardware, with the lpadmin command as remedy")
    func missingQueue() async throws {
        let printer = try makePrinter(queue: "no-such-queue")
        let error = await #expect(throws: DeviceError.self) { try await printer.open() }
        #expect(error?.kind == .noHardware)
        #expect(error?.remedy.contains("lpadmin") == true)
        #expect(await printer.state == .closed)
    }

    @Test("an unreachable scheduler fails to open as offline")
    func unreachableScheduler() async throws {
        let printer = CUPSReceiptPrinter(logicalName: "receipt", queue: "bhal-test", server: "127.0.0.1:1")
        let error = await #expect(throws: DeviceError.self) { try await printer.open() }
        #expect(error?.kind == .offline)
        #expect(error?.remedy.contains("cupsd") == true)
    }

    @Test("a job's attributes carry no whitespace or control characters, which Debian's CUPS 2.4.2-3+deb12u10 crashes on")
    func jobAttributeText() {
        #expect(CUPSAttributeText.sanitized("BuergerHAL receipt") == "BuergerHAL-receipt")
        #expect(CUPSAttributeText.sanitized("Gebühr\t13,00 €\u{7}") == "Geb-hr-13,00---")
        #expect(CUPSAttributeText.sanitized("") == "BuergerHAL")
        let sent = CUPSConnection.jobName
        #expect(!sent.isEmpty && sent.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) })
    }

    @Test("a scheduler that dies while taking the job is named, never reported as success; after its restart a job prints",
          .timeLimit(.minutes(1)))
    func schedulerDiesWhileTakingJob() async throws {
        let printer = try makePrinter()
        try await printer.open()
        // Large enough that cupsd is still reading it when it is killed (it reads ~100-200 MB/s).
        let job = [UInt8](repeating: 0x0A, count: 48 << 20)
        async let outcome: DeviceError? = { () async -> DeviceError? in
            do throws(DeviceError) { try await printer.printRaw(job); return nil } catch { return error }
        }()
        try await CUPSScheduler.killWhileTakingJob()
        let error = try #require(await outcome, "the print must fail when the scheduler died while taking it")
        #expect(error.kind == .offline)
        #expect(error.message.contains("stopped while taking job"))
        #expect(!error.description.contains("Success"))
        #expect(error.remedy.contains("journalctl -u cups"))
        await printer.close()

        try CUPSScheduler.restart()
        let sink = try Harness.required("BHAL_TEST_PRINTER_SINK")
        try Data().write(to: URL(fileURLWithPath: sink))
        let again = try makePrinter()
        try await again.open()
        try await again.printRaw(ReceiptPrinterHealthSteps.testReceipt)
        await again.close()
    }

    @Test("bhal print keeps the receipt when the scheduler dies mid-job, says what to do, and resume prints it once",
          .timeLimit(.minutes(1)))
    func cliKeepsReceiptWhenSchedulerDies() async throws {
        let queue = try Harness.required("BHAL_TEST_CUPS_QUEUE")
        let uri = "cups://\(queue)?server=\(try Harness.required("CUPS_SERVER"))"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-cups-\(UUID().uuidString)")
        let spool = work.appendingPathComponent("spool")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let jobFile = work.appendingPathComponent("big.bin")
        var job = [UInt8](repeating: 0x0A, count: 48 << 20)
        job.replaceSubrange(0..<8, with: Array("RECEIPT\n".utf8))
        try Data(job).write(to: jobFile)

        let print = try BackgroundBhal(["print", "--raw", jobFile.path, "--printer", uri, "--spool-dir", spool.path])
        try await CUPSScheduler.killWhileTakingJob()
        let status = await print.exitStatus()
        let output = print.output
        print.terminate()
        #expect(status == 1)
        #expect(output.contains("stopped while taking job"), "\(output)")
        #expect(output.contains("journalctl -u cups"))
        #expect(output.contains("kept in the spool"))
        #expect(!output.contains("Success"))
        #expect(!output.contains("printed "))

        try CUPSScheduler.restart()
        let sink = try Harness.required("BHAL_TEST_PRINTER_SINK")
        try Data().write(to: URL(fileURLWithPath: sink))
        let resume = try await Harness.runBhal(["printer", "resume", "--printer", uri, "--spool-dir", spool.path])
        #expect(resume.status == 0, "\(resume.stderr)")
        var received = 0
        for _ in 0..<200 where received < job.count {
            received = (try? FileManager.default.attributesOfItem(atPath: sink)[.size] as? Int) ?? 0
            if received < job.count { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(received == job.count)
        let second = try await Harness.runBhal(["printer", "resume", "--printer", uri, "--spool-dir", spool.path])
        #expect(second.status == 0)
        try await Task.sleep(for: .milliseconds(300))
        #expect(((try? FileManager.default.attributesOfItem(atPath: sink)[.size] as? Int) ?? 0) == job.count)
    }
}
