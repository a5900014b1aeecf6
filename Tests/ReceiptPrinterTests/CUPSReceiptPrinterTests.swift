import DeviceCore
import Foundation
import ReceiptPrinter
import ReceiptPrinterCUPS
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
}
