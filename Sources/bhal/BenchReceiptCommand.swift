import ArgumentParser
import Foundation
import ReceiptPrinter

/// `bhal bench receipt [--iterations N] [--image FILE.pgm]`: how long the ESC/POS encoder takes for
/// a photo and for a text receipt on the Epson TM-T20 profile. `scripts/bench-receipt.sh` runs it
/// next to python-escpos (`scripts/bench_escpos.py`) on the same PGM and the same receipt text.
struct ReceiptBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Receipt encoding time: a dithered 576×2000 photo and a 40-line German text receipt (PC858).",
        discussion: """
            Prints the median of N runs, one line per case: `receipt-image ms=… iterations=… bytes=…` \
            (Floyd–Steinberg + GS v 0 raster) and `receipt-text ms=… iterations=… bytes=…`, after an `image …` \
            line with the size and FNV-1a hash of the pixels. Without --image the photo is generated exactly as \
            scripts/bench_escpos.py --write-pgm writes it. Build with -c release for meaningful figures.
            """)

    @Option(name: .long, help: "Runs per case; the median is reported.")
    var iterations = 50

    @Option(name: .long, help: "A binary PGM (P5, 8-bit) to encode instead of the generated photo.")
    var image: String?

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    }

    func run() throws {
        let photo = try image.map(Self.readPGM) ?? BenchPhoto.generate()
        print("image \(photo.width)x\(photo.height) fnv1a=\(Self.hex8(Self.fnv1a(photo.pixels)))")
        let encoder = ESCPOSEncoder(profile: .epsonTMT20)
        let imageReceipt = Receipt(elements: [.image(ReceiptImage(photo, dither: .floydSteinberg)), .cut(.partial)])
        let (imageMs, imageBytes) = try Self.medianMilliseconds(iterations) { try encoder.encode(imageReceipt) }
        print("receipt-image ms=\(String(format4: imageMs)) iterations=\(iterations) bytes=\(imageBytes)")
        let (textMs, textBytes) = try Self.medianMilliseconds(iterations) { try encoder.encode(BenchTextReceipt.receipt) }
        print("receipt-text ms=\(String(format4: textMs)) iterations=\(iterations) bytes=\(textBytes)")
    }

    /// Runs `encode` once to warm up, then `iterations` times; the median in milliseconds and the
    /// size of the last output (which also keeps the work from being optimised away).
    private static func medianMilliseconds(_ iterations: Int, _ encode: () throws -> EncodedReceipt) throws -> (Double, Int) {
        var size = try encode().bytes.count
        let clock = ContinuousClock()
        var times: [Double] = []
        times.reserveCapacity(iterations)
        for _ in 0..<iterations {
            var encoded: EncodedReceipt?
            let elapsed = try clock.measure { encoded = try encode() }
            size = encoded?.bytes.count ?? 0
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        times.sort()
        let middle = times.count / 2
        let median = times.count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2
        return (median, size)
    }

    /// Reads a binary 8-bit PGM (`P5`, maxval ≤ 255, `#` comments allowed in the header).
    private static func readPGM(_ path: String) throws -> GrayscaleImage {
        let data: [UInt8]
        do {
            data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ValidationError("\(path): cannot read: \(error.localizedDescription)")
        }
        var index = 0
        func token() -> String {
            while index < data.count {
                if data[index] == UInt8(ascii: "#") {
                    while index < data.count, data[index] != 0x0A { index += 1 }
                } else if [0x20, 0x09, 0x0A, 0x0D].contains(data[index]) {
                    index += 1
                } else {
                    break
                }
            }
            let start = index
            while index < data.count, ![0x20, 0x09, 0x0A, 0x0D].contains(data[index]) { index += 1 }
            return String(decoding: data[start..<index], as: UTF8.self)
        }
        guard token() == "P5", let width = Int(token()), let height = Int(token()), let maxval = Int(token()),
              (1...255).contains(maxval), index < data.count else {
            throw ValidationError("\(path): not a binary 8-bit PGM (P5, maxval at most 255)")
        }
        index += 1  // the single whitespace byte before the pixels
        guard data.count - index >= width * height else {
            throw ValidationError("\(path): \(width)×\(height) needs \(width * height) pixel bytes, the file has \(data.count - index)")
        }
        let pixels = maxval == 255 ? Array(data[index..<(index + width * height)])
            : data[index..<(index + width * height)].map { UInt8(Int($0) * 255 / maxval) }
        do {
            return try GrayscaleImage(width: width, height: height, pixels: pixels)
        } catch {
            throw ValidationError("\(path): \(error)")
        }
    }

    /// 32-bit FNV-1a, to show that both sides of the benchmark encode the same pixels.
    private static func fnv1a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// `value` as eight lowercase hex digits.
    private static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// The benchmark photo, pixel for pixel the one `scripts/bench_escpos.py --write-pgm` writes: a
/// diagonal gradient, three discs and xorshift32 noise of ±32 from a fixed seed (integer arithmetic).
enum BenchPhoto {
    /// 576 dots: the TM-T20's print width.
    static let width = 576
    /// 2000 rows, about 25 cm of paper at 203 dpi.
    static let height = 2000

    /// Generates the photo.
    static func generate() -> GrayscaleImage {
        let discs: [(cx: Int, cy: Int, r: Int, light: Bool)] = [(150, 400, 120, false), (420, 1000, 200, true), (288, 1600, 160, false)]
        var state: UInt32 = 0x2545_F491
        var pixels = [UInt8](repeating: 0, count: width * height)
        var index = 0
        for y in 0..<height {
            let rowBase = y * 255 / (height - 1)
            for x in 0..<width {
                var base = (x * 255 / (width - 1) + rowBase) / 2
                for disc in discs {
                    let dx = x - disc.cx, dy = y - disc.cy
                    if dx * dx + dy * dy < disc.r * disc.r {
                        base = disc.light ? 255 - (255 - base) / 3 : base / 3
                        break
                    }
                }
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                pixels[index] = UInt8(clamping: base + Int(state & 63) - 32)
                index += 1
            }
        }
        // Sizes are within GrayscaleImage's limits, so this cannot fail.
        return try! GrayscaleImage(width: width, height: height, pixels: pixels)
    }
}

/// The 40-line receipt of the benchmark, the same lines `scripts/bench_escpos.py` prints: title,
/// subtitle, rule, 34 fee rows (label left, euro amount right), rule, total, footer, partial cut.
enum BenchTextReceipt {
    /// Fee names with umlauts and ß.
    static let fees = [
        "Führungszeugnis", "Personalausweis (Gebühr)", "Reisepass, Expresszuschlag", "Meldebescheinigung",
        "Beglaubigung Straßenname", "Änderung der Anschrift", "Übersetzung Geburtsurkunde", "Größenänderung Lichtbild",
        "Gebühr Müllabfuhr Öko", "Anwohnerparkausweis", "Fundsache: Schlüsselbund", "Hundesteuer Marke",
        "Gewerbeanmeldung", "Äußerung zur Anhörung", "Bußgeld Parkverstoß", "Führerschein-Umtausch",
        "Auszug Melderegister",
    ]

    /// `cents` as `13,00 €`.
    static func euro(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100),\(fraction < 10 ? "0" : "")\(fraction) €"
    }

    /// The receipt, in PC858.
    static let receipt: Receipt = {
        var elements: [ReceiptElement] = [
            .text("Bürgeramt Musterstadt", style: TextStyle(bold: true), alignment: .center),
            .text("Kassenbeleg Nr. 2024-000123 – Straße 1", alignment: .center),  // – prints as '-' (reported)
            .rule("-"),
        ]
        var total = 0
        for index in 0..<34 {
            let cents = (index * 1337) % 5000 + 100
            total += cents
            let number = index + 1 < 10 ? " \(index + 1)" : "\(index + 1)"
            elements.append(.row(label: "\(number) \(fees[index % fees.count])", amount: euro(cents)))
        }
        elements += [
            .rule("-"),
            .row(label: "Summe", amount: euro(total), style: TextStyle(bold: true)),
            .text("Vielen Dank für Ihren Besuch! Grüße", alignment: .center),
            .cut(.partial),
        ]
        return Receipt(codePage: .pc858, elements: elements)
    }()
}
