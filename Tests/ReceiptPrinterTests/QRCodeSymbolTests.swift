import Foundation
@testable import ReceiptPrinter
import Testing

@Suite("QR code encoder")
struct QRCodeSymbolTests {
    @Test("Reed–Solomon and the GF(256) product match the standard's worked example")
    func reedSolomon() {
        // ISO/IEC 18004 Annex I: "01234567" at 1-M has these 16 data codewords and 10 ECC codewords.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        #expect(ReedSolomon.multiply(0x80, 0x02) == 0x1D)
    }

    @Test("versions grow with the data and stay within the capacity tables")
    func versions() throws {
        #expect(try QRCodeSymbol(encoding: Array(repeating: 0x41, count: 17), errorCorrection: .low).version == 1)
        #expect(try QRCodeSymbol(encoding: Array(repeating: 0x41, count: 18), errorCorrection: .low).version == 2)
        #expect(try QRCodeSymbol(encoding: Array(repeating: 0x41, count: 7), errorCorrection: .high).version == 1)
        #expect(try QRCodeSymbol(encoding: Array(repeating: 0x41, count: 2953), errorCorrection: .low).version == 40)
        #expect(throws: QRCodeSymbolError.self) { try QRCodeSymbol(encoding: Array(repeating: 0x41, count: 2954), errorCorrection: .low) }
    }

    @Test("symbols of versions 1–15 at every level and forced masks decode with zbarimg",
          .enabled(if: ZBarTool.available, ZBarTool.skipReason),
          arguments: QRCode.ErrorCorrection.allCases)
    func zbarSweep(level: QRCode.ErrorCorrection) throws {
        var version = 0
        var length = 1
        var mask = 0
        while version < 15 {
            let text = String((0..<length).map { index in Character(Unicode.Scalar(UInt8(0x61 + (index * 7 + length) % 26))) })
            let forced: Int? = length % 3 == 0 ? mask % 8 : nil
            let symbol = try QRCodeSymbol(encoding: Array(text.utf8), errorCorrection: level, mask: forced)
            #expect(try ZBarTool.decode(ZBarTool.png(symbol)) == ["QR-Code:" + text], "version \(symbol.version) mask \(symbol.mask)")
            version = symbol.version
            length = length * 5 / 4 + 3
            mask += 1
        }
    }
}

@Suite("PNG encoder")
struct PNGEncoderTests {
    @Test("checksums match their standard check values")
    func checksums() {
        #expect(Checksum.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksum.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test("a bitmap becomes a PNG with header, stored blocks over 64 KiB and the end chunk")
    func structure() {
        var bitmap = MonochromeBitmap(width: 576, height: 1200)
        bitmap[0, 0] = true
        let png = PNGEncoder.encode(bitmap, border: 4)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == [0, 0, 0x02, 0x48, 0, 0, 0x04, 0xB8])  // 584 × 1208
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
    }
}
