import ReceiptPrinter
import Testing

@Suite("Dithering grayscale to 1-bit raster")
struct DitheringTests {
    @Test("white stays white and black stays black with every method", arguments: DitherMethod.allCases)
    func extremes(method: DitherMethod) throws {
        let white = try ESCPOSTest.flatImage(width: 13, height: 5, gray: 255).dithered(method)
        #expect(white.bytes.allSatisfy { $0 == 0 })
        let black = try ESCPOSTest.flatImage(width: 13, height: 5, gray: 0).dithered(method)
        #expect(black.bytesPerRow == 2)
        for y in 0..<5 { #expect(Array(black.rows(y..<(y + 1))) == [0xFF, 0xF8]) }  // padding bits stay white
    }

    @Test("50 % gray prints about half the dots with error diffusion and ordered dithering",
          arguments: [DitherMethod.floydSteinberg, .ordered])
    func midGray(method: DitherMethod) throws {
        let bitmap = try ESCPOSTest.flatImage(width: 64, height: 64, gray: 128).dithered(method)
        let black = bitmap.bytes.reduce(0) { $0 + $1.nonzeroBitCount }
        #expect((1900...2200).contains(black), "\(black) of 4096 dots black")
    }

    @Test("ordered dithering of 50 % gray is the Bayer checkerboard")
    func orderedPattern() throws {
        let bitmap = try ESCPOSTest.flatImage(width: 8, height: 2, gray: 128).dithered(.ordered)
        #expect(bitmap.bytes == [0x55, 0xAA])
    }

    @Test("Floyd–Steinberg keeps the mean of a gradient")
    func gradient() throws {
        let width = 256
        let pixels = (0..<(width * 8)).map { UInt8($0 % width) }
        let bitmap = try GrayscaleImage(width: width, height: 8, pixels: pixels).dithered(.floydSteinberg)
        var leftBlack = 0
        var rightBlack = 0
        for y in 0..<8 {
            for x in 0..<width where bitmap[x, y] {
                if x < 128 { leftBlack += 1 } else { rightBlack += 1 }
            }
        }
        #expect(leftBlack > 600 && rightBlack < 420, "dark half \(leftBlack), light half \(rightBlack) of 1024 dots")
    }

    @Test("image sizes that do not match the data are rejected")
    func invalidImages() {
        #expect(throws: ReceiptError.self) { try GrayscaleImage(width: 2, height: 2, pixels: [0, 0, 0]) }
        #expect(throws: ReceiptError.self) { try GrayscaleImage(width: 0, height: 2, pixels: []) }
        #expect(throws: ReceiptError.self) { try GrayscaleImage(width: 1, height: 20_000, pixels: [UInt8](repeating: 0, count: 20_000)) }
    }
}
