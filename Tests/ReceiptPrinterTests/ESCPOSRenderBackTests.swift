import Foundation
import ReceiptPrinter
import Testing

/// Encode → interpret → compare: what the encoder sends is what the simulated printer prints.
@Suite("ESC/POS render-back")
struct ESCPOSRenderBackTests {
    /// ASCII: zbar guesses Shift-JIS for non-ASCII byte-mode data, so umlauts stay out of the QR test.
    static let qrData = "https://termine.example.de/vorgang/2024-000123?betrag=13.00EUR"

    static func acceptanceReceipt(_ codePage: CodePage?) throws -> Receipt {
        Receipt(codePage: codePage, elements: [
            .text("Bürgeramt Musterstadt", style: TextStyle(bold: true, doubleWidth: true, doubleHeight: true), alignment: .center),
            .text("Gebühr für Führungszeugnis: 13,00 €"),
            .text("Straße", style: TextStyle(underline: true)),
            .text("ÄÖÜäöüß", style: TextStyle(inverse: true), alignment: .right),
            .row(label: "Summe", amount: "13,00 €", style: TextStyle(bold: true)),
            .qrCode(try QRCode(qrData, errorCorrection: .medium, moduleSize: 6)),
            .cut(.partial),
        ])
    }

    @Test("the German acceptance strings come back exactly, in ESC/POS and Star Line Mode", arguments: [
        (PrinterProfile.epsonTMT20, CodePage.pc858), (.epsonTMT20, .wpc1252), (.epsonTMT88, .iso8859_15), (.epsonTMT88, .pc858),
        (.starTSP100, .pc858), (.starTSP100, .wpc1252), (.starTSP650, .pc858), (.starTSP650, .wpc1252),
    ])
    func germanText(profile: PrinterProfile, codePage: CodePage) throws {
        let encoded = try ESCPOSEncoder(profile: profile).encode(try Self.acceptanceReceipt(codePage))
        #expect(encoded.replacements.isEmpty)
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: profile)
        for expected in ["Bürgeramt Musterstadt", "Gebühr für Führungszeugnis: 13,00 €", "Straße", "ÄÖÜäöüß", "13,00 €",
                         "[QR M: \(Self.qrData)]", "--- partial cut ---"] {
            #expect(rendered.text.contains(expected), "missing \(expected) in:\n\(rendered.text)")
        }
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        #expect(rendered.image.width == profile.printWidthDots)
        #expect(rendered.cutCount == 1)
    }

    @Test("the rendered receipt's QR code decodes with zbarimg", .enabled(if: ZBarTool.available, ZBarTool.skipReason))
    func qrScans() throws {
        let encoded = try ESCPOSEncoder(profile: .epsonTMT20).encode(try Self.acceptanceReceipt(nil))
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: .epsonTMT20)
        let symbols = try ZBarTool.decode(rendered.png())
        #expect(symbols == ["QR-Code:" + Self.qrData])
    }

    @Test("the complete example receipt renders: barcodes scan, nothing is unknown", .enabled(if: ZBarTool.available, ZBarTool.skipReason))
    func completeReceipt() throws {
        let json = try Data(contentsOf: ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json"))
        let encoded = try ESCPOSEncoder(profile: .epsonTMT20).encode(try ReceiptJSON.decode(json))
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: .epsonTMT20)
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        for expected in ["Musterstraße 1, 12345 Musterstadt", "QUITTUNG", "[EAN-13: 2012345678903]", "[CODE128: BHAL-2024-000123]",
                         "[drawer pulse: pin 2, 100 ms]", "[image 32 dots wide]"] {
            #expect(rendered.text.contains(expected), "missing \(expected) in:\n\(rendered.text)")
        }
        let symbols = Set(try ZBarTool.decode(rendered.png()))
        #expect(symbols == ["EAN-13:2012345678903", "CODE-128:BHAL-2024-000123", "QR-Code:https://termine.example.de/vorgang/2024-000123"])
    }

    @Test("bytes fed one at a time print the same receipt as the whole job")
    func streaming() throws {
        let bytes = try ESCPOSEncoder(profile: .epsonTMT20).encode(try Self.acceptanceReceipt(nil)).bytes
        var interpreter = ESCPOSInterpreter(profile: .epsonTMT20)
        for byte in bytes { _ = interpreter.feed([byte]) }
        let streamed = interpreter.finish()
        let whole = ESCPOSInterpreter.render(bytes, profile: .epsonTMT20)
        #expect(streamed.text == whole.text)
        #expect(streamed.image == whole.image)
    }
}

