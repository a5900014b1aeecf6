/// Star Line Mode, as documented in Star's "STAR Line Mode Command Specifications".
struct StarLineCommandSet: CommandSet {
    /// Rows in one `ESC k` fine bit image band.
    static let bandRows = 24

    /// `ESC @`, `ESC GS t n`, `ESC R 0` (USA: no ASCII replacements), and `ESC RS F 1` for font B.
    func initialize(codePage number: UInt8, font: ReceiptFont) -> [UInt8] {
        [0x1B, 0x40, 0x1B, 0x1D, 0x74, number, 0x1B, 0x52, 0x00] + (font == .b ? [0x1B, 0x1E, 0x46, 0x01] : [])
    }

    /// `ESC GS a n`: 0 left, 1 centre, 2 right.
    func alignment(_ alignment: TextAlignment) -> [UInt8] {
        [0x1B, 0x1D, 0x61, alignment == .left ? 0 : alignment == .center ? 1 : 2]
    }

    /// `ESC E` (on) / `ESC F` (off).
    func bold(_ on: Bool) -> [UInt8] { [0x1B, on ? 0x45 : 0x46] }

    /// `ESC - n`.
    func underline(_ on: Bool) -> [UInt8] { [0x1B, 0x2D, on ? 1 : 0] }

    /// `ESC i n1 n2`: n1 height − 1, n2 width − 1.
    func size(doubleWidth: Bool, doubleHeight: Bool) -> [UInt8] {
        [0x1B, 0x69, doubleHeight ? 1 : 0, doubleWidth ? 1 : 0]
    }

    /// `ESC 4` (on) / `ESC 5` (off).
    func inverse(_ on: Bool) -> [UInt8] { [0x1B, on ? 0x34 : 0x35] }

    /// `ESC a n`, at most 127 lines per command.
    func feed(lines: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = lines
        while rest > 0 {
            let step = min(rest, 127)
            bytes += [0x1B, 0x61, UInt8(step)]
            rest -= step
        }
        return bytes
    }

    /// `ESC d 2` (full) or `ESC d 3` (partial): feed to the cutting position, then cut.
    func cut(_ mode: CutMode) -> [UInt8] { [0x1B, 0x64, mode == .full ? 2 : 3] }

    /// Pin 2 (external device 1): `ESC BEL n1 n2` (on = n1 × 10 ms, off = n2 × 10 ms, 1...127),
    /// then `BEL`. Pin 5 (external device 2): `SUB`; its times are fixed at 200 ms by the printer.
    func drawerPulse(_ pulse: DrawerPulse) -> [UInt8] {
        guard pulse.pin == .pin2 else { return [0x1A] }
        func units(_ milliseconds: Int) -> UInt8 { UInt8(min(127, max(1, (milliseconds + 5) / 10))) }
        return [0x1B, 0x07, units(pulse.onMilliseconds), units(pulse.offMilliseconds), 0x07]
    }

    /// `ESC b n1 n2 n3 n4 d… RS`: n1 `3` EAN-13 (12 digits, the printer adds the check digit) or
    /// `6` CODE128 (the printer chooses code sets; `%` is sent as `%0`); n2 `1` no HRI / `2` HRI
    /// below; n3 module width `1`…`3` (2…4 dots); n4 height in dots.
    func barcode(_ barcode: Barcode) throws(ReceiptError) -> [UInt8] {
        guard (2...4).contains(barcode.moduleWidth) else {
            throw ReceiptError(path: "moduleWidth", message: "Star printers draw barcode modules of 2 to 4 dots, not \(barcode.moduleWidth)",
                               remedy: "Use a module width of 2, 3 or 4 for Star profiles.")
        }
        let hri: UInt8 = barcode.hri == .none ? 0x31 : 0x32
        let mode = UInt8(0x30 + barcode.moduleWidth - 1)
        switch barcode.symbol {
        case .ean13(let digits):
            return [0x1B, 0x62, 0x33, hri, mode, UInt8(barcode.height)] + digits.utf8.prefix(12) + [ControlByte.rs]
        case .code128(let data, _):
            var payload: [UInt8] = []
            for byte in data.utf8 {
                if byte == 0x25 { payload += [0x25, 0x30] } else if byte < 0x20 { payload += [0x25, byte + 0x40] } else { payload.append(byte) }
            }
            return [0x1B, 0x62, 0x36, hri, mode, UInt8(barcode.height)] + payload + [ControlByte.rs]
        }
    }

    /// `ESC GS y S 0 2` (model 2), `ESC GS y S 1 n` (level 0…3), `ESC GS y S 2 n` (cell size
    /// 1…8), `ESC GS y D 1 0 nL nH d…` (store, k = nL + 256·nH), `ESC GS y P` (print).
    func qrCode(_ code: QRCode) throws(ReceiptError) -> [UInt8] {
        guard code.moduleSize <= 8 else {
            throw ReceiptError(path: "moduleSize", message: "Star printers draw QR cells of 1 to 8 dots, not \(code.moduleSize)",
                               remedy: "Use a module size of at most 8 for Star profiles.")
        }
        let level: UInt8 = switch code.errorCorrection {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
        let data = Array(code.data.utf8)
        var bytes: [UInt8] = [0x1B, 0x1D, 0x79, 0x53, 0x30, 0x02]
        bytes += [0x1B, 0x1D, 0x79, 0x53, 0x31, level]
        bytes += [0x1B, 0x1D, 0x79, 0x53, 0x32, UInt8(code.moduleSize)]
        bytes += [0x1B, 0x1D, 0x79, 0x44, 0x31, 0x00] + data.count.littleEndianBytes + data
        bytes += [0x1B, 0x1D, 0x79, 0x50]
        return bytes
    }

    /// `ESC 0` (3 mm = 24-dot line pitch), then per 24-row band `ESC k xL xH` + 24·x bytes + `LF`
    /// (the last band padded with white rows), then `ESC z 1` (4 mm line pitch again).
    func raster(_ bitmap: MonochromeBitmap) -> [UInt8] {
        var bytes: [UInt8] = [0x1B, 0x30]
        let bandBytes = bitmap.bytesPerRow * Self.bandRows
        for top in stride(from: 0, to: bitmap.height, by: Self.bandRows) {
            let rows = top..<min(top + Self.bandRows, bitmap.height)
            let band = bitmap.rows(rows)
            bytes += [0x1B, 0x6B] + bitmap.bytesPerRow.littleEndianBytes + band
            bytes += [UInt8](repeating: 0, count: bandBytes - band.count) + [ControlByte.lf]
        }
        return bytes + [0x1B, 0x7A, 0x31]
    }
}
