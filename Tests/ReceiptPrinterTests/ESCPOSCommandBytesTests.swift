import ReceiptPrinter
import Testing

@Suite("ESC/POS command bytes (Epson dialect)")
struct ESCPOSCommandBytesTests {
    typealias T = ESCPOSTest

    @Test("a job starts with ESC @, then ESC t 19 before any text")
    func header() throws {
        let bytes = try T.encode([.text("A")]).bytes
        #expect(bytes == T.epsonHeader + [0x41, 0x0A])
        let fontB = try T.encode([.text("A")], font: .b).bytes
        #expect(fontB == T.epsonHeader + [0x1B, 0x4D, 0x01, 0x41, 0x0A])
    }

    @Test("bold is ESC E 1 and is switched off again with ESC E 0")
    func bold() throws {
        #expect(try T.body([.text("A", style: TextStyle(bold: true)), .text("B")])
            == [0x1B, 0x45, 0x01, 0x41, 0x0A, 0x1B, 0x45, 0x00, 0x42, 0x0A])
    }

    @Test("underline is ESC - 1")
    func underline() throws {
        #expect(try T.body([.text("A", style: TextStyle(underline: true))]) == [0x1B, 0x2D, 0x01, 0x41, 0x0A])
    }

    @Test("inverse is GS B 1")
    func inverse() throws {
        #expect(try T.body([.text("A", style: TextStyle(inverse: true))]) == [0x1D, 0x42, 0x01, 0x41, 0x0A])
    }

    @Test("size is GS ! n: width in the high nibble, height in the low nibble",
          arguments: [(true, false, UInt8(0x10)), (false, true, 0x01), (true, true, 0x11)])
    func size(doubleWidth: Bool, doubleHeight: Bool, n: UInt8) throws {
        let style = TextStyle(doubleWidth: doubleWidth, doubleHeight: doubleHeight)
        #expect(try T.body([.text("A", style: style)]) == [0x1D, 0x21, n, 0x41, 0x0A])
    }

    @Test("alignment is ESC a n, sent only when it changes",
          arguments: [(TextAlignment.center, UInt8(1)), (.right, 2)])
    func alignment(alignment: TextAlignment, n: UInt8) throws {
        #expect(try T.body([.text("A", alignment: alignment), .text("B", alignment: alignment), .text("C")])
            == [0x1B, 0x61, n, 0x41, 0x0A, 0x42, 0x0A, 0x1B, 0x61, 0x00, 0x43, 0x0A])
    }

    @Test("feed is ESC d n; feeds outside 1...255 lines are rejected")
    func feed() throws {
        #expect(try T.body([.feed(lines: 3)]) == [0x1B, 0x64, 0x03])
        let error = #expect(throws: ReceiptError.self) { try T.encode([.feed(lines: 0)]) }
        #expect(error?.path == "elements[0].lines")
    }

    @Test("a tear-off feed longer than 255 lines is split over several ESC d commands")
    func longTearOffFeed() throws {
        var profile = PrinterProfile.generic58mm
        profile.tearOffFeedLines = 300
        #expect(try T.body([.cut()], profile: profile) == [0x1B, 0x64, 0xFF, 0x1B, 0x64, 0x2D])
    }

    @Test("a cut follows a line feed: GS V 66 0 partial, GS V 65 0 full")
    func cut() throws {
        #expect(try T.body([.text("A"), .cut(.partial)]) == [0x41, 0x0A, 0x1D, 0x56, 0x42, 0x00])
        #expect(try T.body([.text("A"), .cut(.full)]) == [0x41, 0x0A, 0x1D, 0x56, 0x41, 0x00])
    }

    @Test("drawer pulse is ESC p m t1 t2 with 2 ms units")
    func drawer() throws {
        #expect(try T.body([.drawerPulse(try DrawerPulse())]) == [0x1B, 0x70, 0x00, 50, 250])
        #expect(try T.body([.drawerPulse(try DrawerPulse(pin: .pin5, onMilliseconds: 60, offMilliseconds: 400))])
            == [0x1B, 0x70, 0x01, 30, 200])
    }

    @Test("drawer pulses with a duty cycle above 0.2 or out-of-range times are rejected")
    func drawerLimits() {
        #expect(throws: ReceiptError.self) { try DrawerPulse(onMilliseconds: 200, offMilliseconds: 500) }
        #expect(throws: ReceiptError.self) { try DrawerPulse(onMilliseconds: 100, offMilliseconds: 600) }
        #expect(throws: ReceiptError.self) { try DrawerPulse(onMilliseconds: 0, offMilliseconds: 100) }
    }

    @Test("QR code: model 2, module size, level, store with pL pH = k + 3, print (escpos.md §5)")
    func qrCode() throws {
        let code = try QRCode("ABC", errorCorrection: .quartile, moduleSize: 5, alignment: .left)
        #expect(try T.body([.qrCode(code)]) == [
            0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x05,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x32,
            0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42, 0x43,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
        ])
    }

    @Test("QR store length uses pH for data over 252 bytes, and the data is UTF-8")
    func qrLongData() throws {
        let data = String(repeating: "x", count: 299) + "ü"  // 301 bytes
        let body = try #require(try T.body([.qrCode(try QRCode(data, alignment: .left))]))
        let store: [UInt8] = [0x1D, 0x28, 0x6B, 0x30, 0x01, 0x31, 0x50, 0x30]  // 301 + 3 = 304 = 0x0130
        let start = try #require(body.firstRange(of: store))
        #expect(Array(body[start.upperBound..<(start.upperBound + 301)]) == Array(data.utf8))
        #expect(body.suffix(8) == [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30])
    }

    @Test("QR data beyond the level's capacity and module sizes outside 1...16 are rejected")
    func qrLimits() {
        #expect(throws: ReceiptError.self) { try QRCode(String(repeating: "x", count: 1274), errorCorrection: .high) }
        #expect(throws: ReceiptError.self) { try QRCode("x", moduleSize: 17) }
        #expect(throws: ReceiptError.self) { try QRCode("") }
    }

    @Test("EAN-13: GS h, GS w, GS H, then GS k 67 13 with the computed check digit")
    func ean13() throws {
        let barcode = try Barcode.ean13("978030640615", height: 80, moduleWidth: 3, hri: .below)
        #expect(try T.body([.barcode(barcode)])
            == [0x1B, 0x61, 0x01, 0x1D, 0x68, 80, 0x1D, 0x77, 3, 0x1D, 0x48, 2, 0x1D, 0x6B, 67, 13] + T.ascii("9780306406157"))
    }

    @Test("EAN-13 check digits", arguments: [("978030640615", "9780306406157"), ("201234567890", "2012345678903"),
                                             ("000000000000", "0000000000000"), ("2012345678903", "2012345678903")])
    func ean13CheckDigit(input: String, expected: String) throws {
        #expect(try EAN13.complete(input) == expected)
    }

    @Test("EAN-13 with a wrong check digit, letters or a wrong length is rejected", arguments: ["9780306406158", "97803064061", "97803064061x"])
    func ean13Invalid(input: String) {
        #expect(throws: ReceiptError.self) { try Barcode.ean13(input) }
    }

    @Test("CODE128 set B: GS k 73 n with {B and a doubled {")
    func code128B() throws {
        let barcode = try Barcode.code128("No.{1", codeSet: .b, height: 50, moduleWidth: 2, hri: .none, alignment: .left)
        #expect(try T.body([.barcode(barcode)])
            == [0x1D, 0x68, 50, 0x1D, 0x77, 2, 0x1D, 0x48, 0, 0x1D, 0x6B, 73, 8, 0x7B, 0x42, 0x4E, 0x6F, 0x2E, 0x7B, 0x7B, 0x31])
    }

    @Test("CODE128 set C sends digit pairs as bytes 0...99")
    func code128C() throws {
        let barcode = try Barcode.code128("123456", codeSet: .c, hri: .both, alignment: .right)
        #expect(try T.body([.barcode(barcode)])
            == [0x1B, 0x61, 0x02, 0x1D, 0x68, 80, 0x1D, 0x77, 2, 0x1D, 0x48, 3, 0x1D, 0x6B, 73, 5, 0x7B, 0x43, 12, 34, 56])
    }

    @Test("CODE128 data outside its code set is rejected")
    func code128Invalid() {
        #expect(throws: ReceiptError.self) { try Barcode.code128("12345", codeSet: .c) }
        #expect(throws: ReceiptError.self) { try Barcode.code128("abc", codeSet: .a) }
        #expect(throws: ReceiptError.self) { try Barcode.code128("Straße", codeSet: .b) }
        #expect(throws: ReceiptError.self) { try Barcode.code128("") }
    }

    @Test("raster: GS v 0 0 xL xH yL yH with x = bytes per row and exactly x·y data bytes")
    func raster() throws {
        let image = try T.flatImage(width: 10, height: 3, gray: 0)
        let body = try T.body([.image(ReceiptImage(image, dither: .threshold, alignment: .left))])
        #expect(body == [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, 0xFF, 0xC0, 0xFF, 0xC0, 0xFF, 0xC0])
    }

    @Test("tall images go in bands of at most 255 rows, each with its own exact header")
    func rasterBands() throws {
        let image = try T.flatImage(width: 16, height: 600, gray: 0)
        let body = try #require(try T.body([.image(ReceiptImage(image, dither: .threshold, alignment: .left))]))
        var offset = 0
        for rows in [255, 255, 90] {
            #expect(Array(body[offset..<(offset + 8)]) == [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, UInt8(rows), 0x00])
            offset += 8
            #expect(body[offset..<(offset + 2 * rows)].allSatisfy { $0 == 0xFF })
            offset += 2 * rows
        }
        #expect(offset == body.count)
    }

    @Test("an image wider than the profile's print width is rejected with its element path")
    func rasterTooWide() throws {
        let image = try T.flatImage(width: 520, height: 1, gray: 0)
        let error = #expect(throws: ReceiptError.self) {
            try T.encode([.text("x"), .image(ReceiptImage(image))], profile: .epsonTMT88)
        }
        #expect(error?.path == "elements[1].width")
        #expect(error?.message.contains("512") == true)
        #expect(try T.encode([.image(ReceiptImage(image))], profile: .epsonTMT20).bytes.count > 0)
    }

    @Test("a rule fills the line with its character")
    func rule() throws {
        #expect(try T.body([.rule("=")]) == [UInt8](repeating: 0x3D, count: 48) + [0x0A])
        #expect(try T.body([.rule()], profile: .generic58mm) == [UInt8](repeating: 0x2D, count: 32) + [0x0A])
    }
}
