import DeviceCore
import ReceiptPrinter
import Testing

@Suite("Simulated receipt printer")
struct SimulatedReceiptPrinterTests {
    @Test("a job prints and is kept byte for byte")
    func prints() async throws {
        let printer = SimulatedReceiptPrinter(logicalName: "receipt")
        try await printer.open()
        try await printer.printRaw(ReceiptPrinterHealthSteps.testReceipt)
        #expect(await printer.printedJobs == [ReceiptPrinterHealthSteps.testReceipt])
        #expect(await printer.statistics.bytesSent == ReceiptPrinterHealthSteps.testReceipt.count)
    }

    @Test("paper out fails the print naming the paper, prints nothing, and is reported as an event")
    func paperOut() async throws {
        let printer = SimulatedReceiptPrinter(logicalName: "receipt")
        try await printer.open()
        await printer.setStatus(PrinterStatus(online: true, paperEnd: true))
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw([0x1B, 0x40]) }
        #expect(error?.kind == .hardwareFault)
        #expect(error?.message.contains("paper") == true)
        #expect(await printer.printedJobs.isEmpty)
        let report = try await printer.checkHealth(.external)
        #expect(!report.passed)
        #expect(report.steps.map(\.outcome.name) == ["failed", "skipped"])

        await printer.setStatus(PrinterStatus(online: true))
        try await printer.printRaw([0x1B, 0x40])
        #expect(await printer.printedJobs.count == 1)
        await printer.close()
        var events: [DeviceEvent] = []
        for await event in printer.events {
            events.append(event)
            if event == .stateChanged(.closed) { break }
        }
        #expect(events.contains(.statusChanged(DeviceStatus(code: "paperEnd", active: true))))
        #expect(events.contains(.statusChanged(DeviceStatus(code: "paperEnd", active: false))))
    }

    @Test("the test receipt selects PC858 before any text and encodes ü and € in that page")
    func testReceiptEncoding() {
        let bytes = ReceiptPrinterHealthSteps.testReceipt
        #expect(Array(bytes.prefix(5)) == [0x1B, 0x40, 0x1B, 0x74, 19])
        #expect(bytes.contains(0x81))  // ü in PC858
        #expect(bytes.contains(0xD5))  // € in PC858
        #expect(Array(bytes.suffix(3)) == [0x1D, 0x56, 0x01])
    }
}
