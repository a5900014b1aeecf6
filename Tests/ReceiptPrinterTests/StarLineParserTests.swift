import ReceiptPrinter
import TestSupport
import Testing

@Suite("Star Line Mode parser")
struct StarLineParserTests {
    static let star = PrinterProfile.starTSP650

    @Test("random garbage never traps and every note names an offset inside the stream")
    func garbage() {
        var generator = SplitMix64(seed: 0x57A2_11E5)
        for round in 0..<50 {
            var bytes = generator.bytes(Int(generator.next() % 400))
            // Bias towards command prefixes so the command paths run.
            for index in stride(from: round % 7, to: bytes.count, by: 9) { bytes[index] = [0x1B, 0x1D, 0x1E, 0x10][index % 4] }
            for index in stride(from: round % 5, to: bytes.count, by: 23) { bytes[index] = 0x1B }
            let rendered = ESCPOSInterpreter.render(bytes, profile: Self.star)
            #expect(rendered.image.width == 576)
            #expect(rendered.notes.allSatisfy { $0.offset >= 0 && $0.offset <= bytes.count }, "seed round \(round)")
        }
    }

    @Test("unknown commands and control bytes are skipped with a note at their offset")
    func unknownCommands() {
        let bytes: [UInt8] = Array("A\n".utf8) + [0x1B, 0x22] + Array("B\n".utf8) + [0x03] + Array("C\n".utf8)
        let (commands, notes) = StarLineParser.parse(bytes)
        #expect(commands.map(\.command) == [.text([0x41]), .lineFeed, .unknown([0x1B, 0x22]), .text([0x42]), .lineFeed,
                                            .unknown([0x03]), .text([0x43]), .lineFeed])
        #expect(notes.map(\.offset) == [2, 6])
        #expect(ESCPOSInterpreter.render(bytes, profile: Self.star).text == "A\nB\nC\n")
    }

    @Test("a parameter outside its defined range is ignored, as the printer does, with a note")
    func outOfRange() {
        let bytes: [UInt8] = [0x1B, 0x64, 0x09] + Array("A\n".utf8) + [0x1B, 0x69, 0x07, 0x00] + Array("B\n".utf8)
        let rendered = ESCPOSInterpreter.render(bytes, profile: Self.star)
        #expect(rendered.cutCount == 0)
        #expect(rendered.text == "A\nB\n")
        #expect(rendered.notes.map(\.offset) == [0, 5])
    }

    @Test("a stream that ends inside a command is reported at the command's offset")
    func truncated() {
        let bytes: [UInt8] = Array("ok\n".utf8) + [0x1B, 0x6B, 0x02, 0x00, 0xFF, 0xFF]
        let (commands, notes) = StarLineParser.parse(bytes)
        #expect(commands.first?.command == .text(Array("ok".utf8)))
        #expect(notes.map(\.offset) == [3])
        #expect(ESCPOSInterpreter.render(bytes, profile: Self.star).text == "ok\n")
    }

    @Test("ESC GS t uses Star's numbering: 4 PC858, 32 WPC1252, 1 PC437")
    func codePages() {
        func text(_ page: UInt8, _ bytes: [UInt8]) -> String {
            ESCPOSInterpreter.render([0x1B, 0x1D, 0x74, page] + bytes + [0x0A], profile: Self.star).text
        }
        #expect(text(4, [0xD5, 0x81, 0xE1]) == "€üß\n")
        #expect(text(32, [0x80, 0xFC, 0xDF]) == "€üß\n")
        #expect(text(1, [0x81, 0xE1]) == "üß\n")
        let unknown = ESCPOSInterpreter.render([0x1B, 0x1D, 0x74, 99, 0x41, 0x0A], profile: Self.star)
        #expect(unknown.notes.first?.message.contains("ESC GS t 99") == true)
    }

    @Test("styles: bold, underline, inverse, expansion and alignment reach the printed line")
    func styles() {
        let plain = ESCPOSInterpreter.render(Array("WW\n".utf8), profile: Self.star)
        let styled = ESCPOSInterpreter.render([0x1B, 0x45, 0x1B, 0x2D, 0x31, 0x1B, 0x69, 0x01, 0x01, 0x1B, 0x1D, 0x61, 0x02]
            + Array("WW\n".utf8), profile: Self.star)
        #expect(styled.text == "WW\n")
        #expect(styled.notes.isEmpty, "\(styled.notes)")
        func blackColumns(_ image: MonochromeBitmap) -> [Int] { (0..<image.width).filter { x in (0..<image.height).contains { image[x, $0] } } }
        #expect(blackColumns(plain.image).first ?? 0 < 50, "plain text starts at the left")
        #expect(blackColumns(styled.image).first ?? 0 > 500, "right-aligned")
        #expect(styled.image.height > plain.image.height, "double height")
        let inverse = ESCPOSInterpreter.render([0x1B, 0x34] + Array("  \n".utf8), profile: Self.star)
        #expect(!blackColumns(inverse.image).isEmpty, "spaces print black when inverted")
    }

    @Test("ESC b CODE128 escapes: %0 is %, %A is a control character")
    func code128Escapes() {
        let bytes: [UInt8] = [0x1B, 0x62, 0x36, 0x32, 0x32, 60] + Array("50%0".utf8) + [0x1E]
        let rendered = ESCPOSInterpreter.render(bytes, profile: Self.star)
        #expect(rendered.text.contains("[CODE128: 50%]"), "\(rendered.text)")
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        let control = ESCPOSInterpreter.render([0x1B, 0x62, 0x36, 0x31, 0x32, 60] + Array("A%Ib".utf8) + [0x1E], profile: Self.star)
        #expect(control.text.contains("[CODE128: Ab]"), "the tab is encoded, not shown: \(control.text)")
        #expect(control.notes.isEmpty, "\(control.notes)")
    }

    @Test("drawer drives: BEL with the ESC BEL pulse width, SUB fixed at 200 ms; ESC @ resets the width")
    func drawer() {
        let bytes: [UInt8] = [0x1B, 0x07, 15, 20, 0x07, 0x1A, 0x1B, 0x40, 0x1C]
        let rendered = ESCPOSInterpreter.render(bytes, profile: Self.star)
        #expect(rendered.text == "[drawer pulse: pin 2, 150 ms]\n[drawer pulse: pin 5, 200 ms]\n[drawer pulse: pin 2, 200 ms]\n")
    }

    @Test("ESC ACK SOH is Star's status request; DLE EOT n is ESC/POS, read past with a note and not answered")
    func statusRequest() {
        #expect(StarLineParser.parse([0x1B, 0x06, 0x01]).commands.map(\.command) == [.starStatusRequest])
        let (commands, notes) = StarLineParser.parse([0x41, 0x10, 0x04, 0x02])
        #expect(!commands.map(\.command).contains(.realTimeStatus(2)))
        #expect(commands.map(\.command) == [.text([0x41]), .ignored("DLE EOT 2 (ESC/POS)")])
        #expect(notes.map(\.offset) == [1])
        #expect(notes.first?.message.contains("ESC ACK SOH") == true)
    }
}
