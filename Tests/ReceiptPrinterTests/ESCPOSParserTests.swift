import DeviceCore
import ReceiptPrinter
import Testing

@Suite("ESC/POS parser robustness")
struct ESCPOSParserTests {
    @Test("random garbage never traps and every skipped byte has a note with its offset")
    func garbage() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Bias towards command prefixes so the command paths run.
            for index in stride(from: round % 7, to: bytes.count, by: 9) { bytes[index] = [0x1B, 0x1D, 0x10, 0x1C][index % 4] }
            let rendered = ESCPOSInterpreter.render(bytes, profile: .generic58mm)
            #expect(rendered.image.width == 384)
            #expect(rendered.notes.allSatisfy { $0.offset >= 0 && $0.offset <= bytes.count })
        }
    }

    @Test("a truncated raster is reported at its offset, not waited for")
    func truncated() {
        let bytes: [UInt8] = Array("ok\n".utf8) + [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x10, 0x00, 0xFF]
        let (commands, notes) = ESCPOSParser.parse(bytes)
        #expect(commands.first?.command == .text(Array("ok".utf8)))
        #expect(notes.count == 1)
        #expect(notes.first?.offset == 3)
        #expect(ESCPOSInterpreter.render(bytes).text == "ok\n")
    }

    @Test("real-time and status commands are recognised in stream order")
    func statusCommands() {
        let (commands, notes) = ESCPOSParser.parse([0x10, 0x04, 0x01, 0x1D, 0x61, 0x0F, 0x1D, 0x72, 0x01, 0x1D, 0x49, 0x01, 0x1B, 0x79, 0x41])
        #expect(commands.map(\.command) == [.realTimeStatus(1), .automaticStatusBack(0x0F), .transmitStatus(1), .transmitPrinterID(1),
                                            .unknown([0x1B, 0x79]), .text([0x41])])
        #expect(notes.map(\.offset) == [12])
    }

    @Test("ESC R 2 (Germany) and ESC t pages (0, 15, 16) decode to the right letters")
    func characterSets() {
        let germany: [UInt8] = [0x1B, 0x52, 0x02] + Array("Stra~e {|}[\\]\n".utf8)
        #expect(ESCPOSInterpreter.render(germany).text == "Straße äöüÄÖÜ\n")
        let wpc1252: [UInt8] = [0x1B, 0x74, 16, 0x80, 0xE4, 0x0A]
        #expect(ESCPOSInterpreter.render(wpc1252).text == "€ä\n")
        // ESC t 15 (ISO 8859-7), where python-escpos's magic encoder puts €, then back to PC437.
        let magic: [UInt8] = [0x1B, 0x74, 0x00, 0x81, 0x1B, 0x74, 15, 0xA4, 0xC1, 0x1B, 0x74, 0x00, 0xE1, 0x0A]
        #expect(ESCPOSInterpreter.render(magic).text == "ü€Αß\n")
    }

    @Test("DLE EOT replies follow the fixed pattern and report each fault")
    func statusBytes() {
        let idle = PrinterStatus(online: true)
        #expect((1...4).map { RealTimeStatus.reply(to: UInt8($0), status: idle) } == [0x12, 0x12, 0x12, 0x12])
        let paperOut = PrinterStatus(online: true, paperEnd: true)
        #expect(RealTimeStatus.reply(to: 1, status: paperOut) == 0x1A)
        #expect(RealTimeStatus.reply(to: 2, status: paperOut) == 0x32)
        #expect(RealTimeStatus.reply(to: 4, status: paperOut) == 0x72)
        let cover = PrinterStatus(online: true, coverOpen: true)
        #expect(RealTimeStatus.reply(to: 2, status: cover) == 0x16)
        let decoded = RealTimeStatus.status(printer: 0x1A, offlineCause: 0x32, paper: 0x72)
        #expect(decoded.paperEnd && !decoded.coverOpen)
        #expect(decoded.blockingFault("print")?.message.contains("paper") == true)
        #expect(RealTimeStatus.status(printer: 0x1A, offlineCause: 0x12, paper: 0x12).online == false)
        #expect(RealTimeStatus.automaticStatusBack(paperOut) == [0x18, 0x00, 0x0C, 0x00])
    }
}
