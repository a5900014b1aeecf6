import Foundation
import ReceiptPrinter
import Testing

/// Encode for a Star profile → interpret as Star Line Mode → compare: what the encoder sends to a
/// Star printer is what the simulated Star printer prints.
@Suite("Star Line Mode render-back")
struct StarLineRenderBackTests {
    typealias RenderBack = ESCPOSRenderBackTests
    static let profiles = [PrinterProfile.starTSP100, .starTSP650]

    // The German acceptance strings: ESCPOSRenderBackTests.germanText runs the Star profiles too.

    @Test("the Star receipt's QR code decodes with zbarimg", .enabled(if: ZBarTool.available, ZBarTool.skipReason), arguments: profiles)
    func qrScans(profile: PrinterProfile) throws {
        let encoded = try ESCPOSEncoder(profile: profile).encode(try RenderBack.acceptanceReceipt(nil))
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: profile)
        #expect(try ZBarTool.decode(rendered.png()) == ["QR-Code:" + RenderBack.qrData])
    }

    @Test("the complete example on a Star printer: barcodes and QR scan, image, drawer and cut, nothing unknown",
          .enabled(if: ZBarTool.available, ZBarTool.skipReason), arguments: profiles)
    func completeReceipt(profile: PrinterProfile) throws {
        let json = try Data(contentsOf: ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json"))
        let encoded = try ESCPOSEncoder(profile: profile).encode(try ReceiptJSON.decode(json))
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: profile)
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        for expected in ["Musterstraße 1, 12345 Musterstadt", "QUITTUNG", "[EAN-13: 2012345678903]", "[CODE128: BHAL-2024-000123]",
                         "[drawer pulse: pin 2, 100 ms]", "[image 32 dots wide]", "--- partial cut ---"] {
            #expect(rendered.text.contains(expected), "missing \(expected) in:\n\(rendered.text)")
        }
        let symbols = Set(try ZBarTool.decode(rendered.png()))
        #expect(symbols == ["EAN-13:2012345678903", "CODE-128:BHAL-2024-000123", "QR-Code:https://termine.example.de/vorgang/2024-000123"])
    }

    @Test("the committed Star goldens render without notes", arguments: [
        ("complete-receipt.star-tsp650.bin", PrinterProfile.starTSP650, "QUITTUNG"),
        ("german-text.star-tsp100.bin", .starTSP100, "„Anführungszeichen“ – Gedankenstrich"),
    ])
    func goldens(name: String, profile: PrinterProfile, expected: String) throws {
        let bytes = Array(try Data(contentsOf: ESCPOSFixtures.directory.appendingPathComponent(name)))
        let rendered = ESCPOSInterpreter.render(bytes, profile: profile)
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        #expect(rendered.text.contains(expected), "\(rendered.text)")
        #expect(rendered.cutCount == 1)
    }

    @Test("the image's 24-row ESC k bands join without gaps: the picture is as tall as the image")
    func imageBands() throws {
        // 30 rows of black: one full band and one band of 6 black rows padded with white.
        let image = try ESCPOSTest.flatImage(width: 16, height: 30, gray: 0)
        let encoded = try ESCPOSTest.encode([.image(ReceiptImage(image, dither: .threshold, alignment: .left))], profile: .starTSP650)
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: .starTSP650)
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        let blackRows = (0..<rendered.image.height).filter { rendered.image[0, $0] }
        #expect(blackRows.count == 30)
        #expect(blackRows.last.map { $0 - (blackRows.first ?? 0) + 1 } == 30, "no white gap between the bands")
        #expect(rendered.text == "[image 16 dots wide]\n")
    }

    @Test("bytes fed one at a time print the same Star receipt as the whole job")
    func streaming() throws {
        let bytes = try ESCPOSEncoder(profile: .starTSP650).encode(try RenderBack.acceptanceReceipt(nil)).bytes
        var interpreter = ESCPOSInterpreter(profile: .starTSP650)
        for byte in bytes { _ = interpreter.feed([byte]) }
        let streamed = interpreter.finish()
        let whole = ESCPOSInterpreter.render(bytes, profile: .starTSP650)
        #expect(streamed.text == whole.text)
        #expect(streamed.image == whole.image)
    }
}
