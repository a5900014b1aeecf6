import Foundation
import ReceiptPrinter
import Testing

/// Byte streams from python-escpos 3.1 (Fixtures/escpos/python-escpos) rendered by the simulator.
@Suite("ESC/POS interop: python-escpos")
struct ESCPOSInteropTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: ESCPOSFixtures.directory.appendingPathComponent("python-escpos/" + name)))
    }

    @Test("German text in PC858 with styles comes back exactly")
    func germanText() throws {
        let rendered = ESCPOSInterpreter.render(try Self.fixture("german-text.bin"), profile: .epsonTMT88)
        for expected in ["Bürgeramt Musterstadt", "Gebühr für Führungszeugnis: 13,00 €", "Straße", "ÄÖÜäöüß", "--- cut ---"] {
            #expect(rendered.text.contains(expected), "missing \(expected) in:\n\(rendered.text)")
        }
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
    }

    @Test("barcodes (GS k function A and B) and the native QR code scan", .enabled(if: ZBarTool.available, ZBarTool.skipReason))
    func codes() throws {
        let rendered = ESCPOSInterpreter.render(try Self.fixture("codes.bin"), profile: .epsonTMT88)
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        #expect(rendered.text.contains("[EAN-13: 4006381333931]"))
        #expect(rendered.text.contains("[CODE128: BHAL-2024-000123]"))
        let symbols = Set(try ZBarTool.decode(rendered.png()))
        #expect(symbols == ["EAN-13:4006381333931", "CODE-128:BHAL-2024-000123", "QR-Code:https://termine.example.de/vorgang/2024-000123"])
    }

    @Test("the three image forms (GS v 0, ESC *, GS ( L) print the same picture",
          arguments: ["image-bitImageRaster.bin", "image-bitImageColumn.bin", "image-graphics.bin"])
    func images(name: String) throws {
        let rendered = ESCPOSInterpreter.render(try Self.fixture(name), profile: .epsonTMT88)
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        // The test image has a 4-dot frame: its top edge is a run of black dots, centred.
        let image = rendered.image
        let rows = (0..<image.height).map { y in (0..<image.width).filter { image[$0, y] }.count }
        #expect(rows.contains { $0 >= 80 }, "no frame edge found")
        let black = (0..<image.width).filter { x in (0..<image.height).contains { image[x, $0] } }
        let centre = ((black.first ?? 0) + (black.last ?? 0)) / 2
        #expect(abs(centre - image.width / 2) <= 8)
    }
}
