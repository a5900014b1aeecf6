import ReceiptPrinter
import Testing

@Suite("Star Line Mode command bytes")
struct StarLineCommandBytesTests {
    typealias T = ESCPOSTest
    let star = PrinterProfile.starTSP650

    @Test("a Star job starts with ESC @ and ESC GS t 4 (PC858), or 32 for WPC1252")
    func header() throws {
        #expect(try T.encode([.text("A")], profile: star).bytes == T.starHeader + [0x41, 0x0A])
        let wpc = try T.encode([.text("€")], profile: .starTSP100, codePage: .wpc1252).bytes
        #expect(wpc == [0x1B, 0x40, 0x1B, 0x1D, 0x74, 0x20, 0x1B, 0x52, 0x00, 0x80, 0x0A])
    }

    @Test("text modes: ESC E / ESC F, ESC - n, ESC i n1 n2, ESC 4 / ESC 5, ESC GS a n")
    func modes() throws {
        let style = TextStyle(bold: true, underline: true, doubleWidth: true, doubleHeight: false, inverse: true)
        #expect(try T.body([.text("A", style: style, alignment: .center), .text("B")], profile: star) == [
            0x1B, 0x1D, 0x61, 0x01, 0x1B, 0x45, 0x1B, 0x2D, 0x01, 0x1B, 0x69, 0x00, 0x01, 0x1B, 0x34, 0x41, 0x0A,
            0x1B, 0x1D, 0x61, 0x00, 0x1B, 0x46, 0x1B, 0x2D, 0x00, 0x1B, 0x69, 0x00, 0x00, 0x1B, 0x35, 0x42, 0x0A,
        ])
    }

    @Test("feed is ESC a n; cut is ESC d 3 (partial) or ESC d 2 (full) after a line feed")
    func feedAndCut() throws {
        #expect(try T.body([.feed(lines: 2), .text("A"), .cut(.partial)], profile: star)
            == [0x1B, 0x61, 0x02, 0x41, 0x0A, 0x1B, 0x64, 0x03])
        #expect(try T.body([.cut(.full)], profile: star) == [0x1B, 0x64, 0x02])
    }

    @Test("drawer: ESC BEL n1 n2 in 10 ms units then BEL for pin 2; SUB for pin 5")
    func drawer() throws {
        #expect(try T.body([.drawerPulse(try DrawerPulse())], profile: star) == [0x1B, 0x07, 10, 50, 0x07])
        let pin5 = try T.encode([.drawerPulse(try DrawerPulse(pin: .pin5))], profile: star)
        #expect(pin5.bytes.suffix(1) == [0x1A])
        #expect(pin5.warnings.count == 1)
    }

    @Test("EAN-13: ESC b '3' with 12 digits (the printer adds the check digit), RS")
    func ean13() throws {
        let barcode = try Barcode.ean13("9780306406157", height: 60, moduleWidth: 3, alignment: .left)
        #expect(try T.body([.barcode(barcode)], profile: star)
            == [0x1B, 0x62, 0x33, 0x32, 0x32, 60] + T.ascii("978030640615") + [0x1E])
    }

    @Test("CODE128: ESC b '6', % sent as %0, no code-set selector")
    func code128() throws {
        let barcode = try Barcode.code128("A%1", hri: .none, alignment: .left)
        #expect(try T.body([.barcode(barcode)], profile: star) == [0x1B, 0x62, 0x36, 0x31, 0x31, 80, 0x41, 0x25, 0x30, 0x31, 0x1E])
    }

    @Test("Star barcodes with modules wider than 4 dots are rejected with the element path")
    func barcodeModuleWidth() throws {
        let barcode = try Barcode.code128("A", moduleWidth: 5)
        let error = #expect(throws: ReceiptError.self) { try T.encode([.barcode(barcode)], profile: star) }
        #expect(error?.path == "elements[0].moduleWidth")
    }

    @Test("QR: ESC GS y S 0/1/2, ESC GS y D 1 0 nL nH data, ESC GS y P")
    func qrCode() throws {
        let code = try QRCode("AB", errorCorrection: .high, moduleSize: 4, alignment: .left)
        #expect(try T.body([.qrCode(code)], profile: star) == [
            0x1B, 0x1D, 0x79, 0x53, 0x30, 0x02,
            0x1B, 0x1D, 0x79, 0x53, 0x31, 0x03,
            0x1B, 0x1D, 0x79, 0x53, 0x32, 0x04,
            0x1B, 0x1D, 0x79, 0x44, 0x31, 0x00, 0x02, 0x00, 0x41, 0x42,
            0x1B, 0x1D, 0x79, 0x50,
        ])
        let big = try QRCode("AB", moduleSize: 9)
        #expect(throws: ReceiptError.self) { try T.encode([.qrCode(big)], profile: star) }
    }

    @Test("raster: ESC 0, then 24-row ESC k bands padded with white rows and ended by LF, then ESC z 1")
    func raster() throws {
        let image = try T.flatImage(width: 9, height: 30, gray: 0)
        let body = try #require(try T.body([.image(ReceiptImage(image, dither: .threshold, alignment: .left))], profile: star))
        let fullRow: [UInt8] = [0xFF, 0x80]
        var expected: [UInt8] = [0x1B, 0x30]
        expected += [0x1B, 0x6B, 0x02, 0x00] + Array([[UInt8]](repeating: fullRow, count: 24).joined()) + [0x0A]
        expected += [0x1B, 0x6B, 0x02, 0x00] + Array([[UInt8]](repeating: fullRow, count: 6).joined())
            + [UInt8](repeating: 0, count: 36) + [0x0A]
        expected += [0x1B, 0x7A, 0x31]
        #expect(body == expected)
    }
}
