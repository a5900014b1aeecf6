/// Epson ESC/POS, as documented in the Epson ESC/POS Command Reference (see
/// `/work/shared/reference/escpos.md` for the subset used here).
struct EpsonCommandSet: CommandSet {
    /// The tallest band of one `GS v 0` command; taller images are sent as several bands.
    static let maximumBandRows = 255

    /// `ESC @`, `ESC t n`, `ESC R 0` (USA: no ASCII replacements), and `ESC M 1` for font B.
    func initialize(codePage number: UInt8, font: ReceiptFont) -> [UInt8] {
        [0x1B, 0x40, 0x1B, 0x74, number, 0x1B, 0x52, 0x00] + (font == .b ? [0x1B, 0x4D, 0x01] : [])
    }

    /// `ESC a n`: 0 left, 1 centre, 2 right.
    func alignment(_ alignment: TextAlignment) -> [UInt8] {
        [0x1B, 0x61, alignment == .left ? 0 : alignment == .center ? 1 : 2]
    }

    /// `ESC E n`.
    func bold(_ on: Bool) -> [UInt8] { [0x1B, 0x45, on ? 1 : 0] }

    /// `ESC - n` (1-dot underline).
    func underline(_ on: Bool) -> [UInt8] { [0x1B, 0x2D, on ? 1 : 0] }

    /// `GS ! n`: high nibble width − 1, low nibble height − 1.
    func size(doubleWidth: Bool, doubleHeight: Bool) -> [UInt8] {
        [0x1D, 0x21, (doubleWidth ? 0x10 : 0) | (doubleHeight ? 0x01 : 0)]
    }

    /// `GS B n`.
    func inverse(_ on: Bool) -> [UInt8] { [0x1D, 0x42, on ? 1 : 0] }

    /// `ESC d n`, at most 255 lines per command.
    func feed(lines: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = lines
        while rest > 0 {
            let step = min(rest, 255)
            bytes += [0x1B, 0x64, UInt8(step)]
            rest -= step
        }
        return bytes
    }

    /// `GS V 65 0` (full) or `GS V 66 0` (partial): feed to the cutting position, then cut.
    func cut(_ mode: CutMode) -> [UInt8] { [0x1D, 0x56, mode == .full ? 0x41 : 0x42, 0x00] }

    /// `ESC p m t1 t2`: m 0 pin 2, 1 pin 5; on = t1 × 2 ms, off = t2 × 2 ms (rounded).
    func drawerPulse(_ pulse: DrawerPulse) -> [UInt8] {
        [0x1B, 0x70, pulse.pin == .pin2 ? 0 : 1, UInt8((pulse.onMilliseconds + 1) / 2), UInt8((pulse.offMilliseconds + 1) / 2)]
    }

    /// `GS h` height, `GS w` module width, `GS H` HRI position, then `GS k` function B:
    /// EAN-13 `m = 67`, 13 digits; CODE128 `m = 73` with the code-set selector `{A`/`{B`/`{C`.
    func barcode(_ barcode: Barcode) throws(ReceiptError) -> [UInt8] {
        let hri: UInt8 = switch barcode.hri {
        case .none: 0
        case .above: 1
        case .below: 2
        case .both: 3
        }
        var bytes: [UInt8] = [0x1D, 0x68, UInt8(barcode.height), 0x1D, 0x77, UInt8(barcode.moduleWidth), 0x1D, 0x48, hri]
        switch barcode.symbol {
        case .ean13(let digits):
            bytes += [0x1D, 0x6B, 67, 13] + digits.utf8
        case .code128(let data, let codeSet):
            let payload = Self.code128Payload(data, codeSet: codeSet)
            guard payload.count <= 255 else {
                throw ReceiptError(path: "data", message: "CODE128 data needs \(payload.count) bytes; GS k takes at most 255",
                                   remedy: "Shorten the barcode data.")
            }
            bytes += [0x1D, 0x6B, 73, UInt8(payload.count)] + payload
        }
        return bytes
    }

    /// `{` + code set, then the data: in set C each digit pair as one byte 0...99; in sets A and B
    /// a `{` in the data is doubled (`{{`).
    static func code128Payload(_ data: String, codeSet: Code128CodeSet) -> [UInt8] {
        var payload: [UInt8] = [0x7B, UInt8(codeSet.rawValue.utf8.first ?? 0x42)]
        let ascii = Array(data.utf8)
        if codeSet == .c {
            for pair in stride(from: 0, to: ascii.count, by: 2) {
                payload.append((ascii[pair] - 0x30) * 10 + (ascii[pair + 1] - 0x30))
            }
        } else {
            for byte in ascii { payload += byte == 0x7B ? [0x7B, 0x7B] : [byte] }
        }
        return payload
    }

    /// `GS ( k` with cn 49: model 2, module size, error correction, store (pL pH = k + 3), print.
    func qrCode(_ code: QRCode) throws(ReceiptError) -> [UInt8] {
        let level: UInt8 = switch code.errorCorrection {
        case .low: 0x30
        case .medium: 0x31
        case .quartile: 0x32
        case .high: 0x33
        }
        let data = Array(code.data.utf8)
        var bytes: [UInt8] = [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(code.moduleSize)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, level]
        bytes += [0x1D, 0x28, 0x6B] + (data.count + 3).littleEndianBytes + [0x31, 0x50, 0x30] + data
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        return bytes
    }

    /// `GS v 0 0 xL xH yL yH d1…dk` per band of at most 255 rows, with exactly k = x·y data bytes.
    func raster(_ bitmap: MonochromeBitmap) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(bitmap.bytes.count + 8 * (bitmap.height / Self.maximumBandRows + 1))
        for top in stride(from: 0, to: bitmap.height, by: Self.maximumBandRows) {
            let rows = top..<min(top + Self.maximumBandRows, bitmap.height)
            bytes += [0x1D, 0x76, 0x30, 0x00] + bitmap.bytesPerRow.littleEndianBytes + rows.count.littleEndianBytes
            bytes += bitmap.rows(rows)
        }
        return bytes
    }
}
