import Foundation

extension ReceiptRenderer {
    /// Left edge of a block `width` dots wide under the current justification.
    private func blockLeft(_ width: Int) -> Int {
        let free = max(0, areaWidth - width)
        return modes.leftMargin + (modes.alignment == 1 ? free / 2 : modes.alignment == 2 ? free : 0)
    }

    /// Starts a block (barcode, QR, raster) at a line start, printing any pending text first.
    private mutating func beginBlock() {
        if !line.isEmpty { flushLine(advance: nil) }
    }

    /// `GS v 0` and `GS ( L` images: drawn at the line start, the paper advances by their height.
    mutating func drawBlock(_ bitmap: MonochromeBitmap, scaleX: Int, scaleY: Int, label: String) {
        beginBlock()
        blit(bitmap, left: blockLeft(bitmap.width * scaleX), top: y, scaleX: scaleX, scaleY: scaleY)
        y += bitmap.height * scaleY
        // Bands of one image (GS v 0 at most 255 rows each) share one marker.
        if transcript.last?.hasPrefix("[\(label) ") != true {
            transcript.append("[\(label) \(bitmap.width * scaleX) dots wide]")
        }
    }

    /// `GS k` (or Star `ESC b`): bars with the current height, module width and HRI settings.
    mutating func drawBarcode(system: UInt8, data: [UInt8], offset: Int) {
        beginBlock()
        switch BarcodeModules.make(system: system, data: data) {
        case .failure(let error):
            note(offset, error.message + "; a hatched box is drawn instead")
            let width = min(areaWidth, 200)
            let left = blockLeft(width)
            for stripe in stride(from: 0, to: width, by: 8) {
                canvas.fill(x: left + stripe, y: y, width: 2, height: modes.barcodeHeight)
            }
            y += modes.barcodeHeight
            transcript.append("[barcode \(system): \(String(decoding: data, as: UTF8.self))]")
        case .success(let bars):
            let moduleWidth = modes.barcodeModuleWidth
            let width = bars.modules.count * moduleWidth
            if width > areaWidth { note(offset, "\(bars.name) is \(width) dots wide, wider than the \(areaWidth)-dot print area; clipped") }
            let left = blockLeft(width)
            if modes.hriPosition & 1 == 1 { drawHRI(bars.text, centre: left + width / 2) }
            for (index, bar) in bars.modules.enumerated() where bar {
                canvas.fill(x: left + index * moduleWidth, y: y, width: moduleWidth, height: modes.barcodeHeight)
            }
            y += modes.barcodeHeight
            if modes.hriPosition & 2 == 2 { drawHRI(bars.text, centre: left + width / 2) }
            canvas.extend(to: y)
            transcript.append("[\(bars.name): \(bars.text)]")
        }
    }

    /// Human-readable barcode text, centred on `centre`.
    private mutating func drawHRI(_ text: String, centre: Int) {
        let font = modes.hriFontB ? BitmapFont.fontB : BitmapFont.fontA
        let cell = modes.hriFontB ? 9 : 12
        var x = centre - text.unicodeScalars.count * cell / 2
        for scalar in text.unicodeScalars {
            for row in 0..<font.height {
                for column in 0..<font.width where font.dot(scalar, x: column, y: row) {
                    canvas.fill(x: x + column, y: y + 2 + row, width: 1, height: 1)
                }
            }
            x += cell
        }
        y += font.height + 4
        canvas.extend(to: y)
    }

    /// QR functions (`GS ( k`, Star `ESC GS y`): settings, store and print.
    mutating func qrCode(_ function: QRCodeFunction, offset: Int) {
        switch function {
        case .selectModel(let model):
            if model == 0x31 { note(offset, "QR model 1 is drawn as model 2") }
        case .moduleSize(let size): modes.qrModuleSize = min(16, max(1, size))
        case .errorCorrection(let level):
            let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]
            modes.qrLevel = levels[Int(level & 0x03)]
        case .store(let data): modes.qrData = data
        case .print: printQRCode(offset: offset)
        case .other: break
        }
    }

    private mutating func printQRCode(offset: Int) {
        guard !modes.qrData.isEmpty else {
            note(offset, "QR code print without stored data; nothing printed")
            return
        }
        let symbol: QRCodeSymbol
        do {
            symbol = try QRCodeSymbol(encoding: modes.qrData, errorCorrection: modes.qrLevel)
        } catch {
            note(offset, "QR code not printed: \(error.message)")
            return
        }
        beginBlock()
        let module = modes.qrModuleSize
        let left = blockLeft(symbol.size * module)
        for row in 0..<symbol.size {
            for column in 0..<symbol.size where symbol[column, row] {
                canvas.fill(x: left + column * module, y: y + row * module, width: module, height: module)
            }
        }
        y += symbol.size * module
        canvas.extend(to: y)
        transcript.append("[QR \(modes.qrLevel.rawValue): \(String(decoding: modes.qrData, as: UTF8.self))]")
    }

    /// `GS V` (or Star `ESC d`): feed (when asked), then a dashed cut mark across the paper.
    mutating func cut(partial: Bool, feedDots: Int?) {
        beginBlock()
        y += (feedDots ?? 0) + (feedDots == nil ? 8 : 48)
        for x in stride(from: 0, to: profile.printWidthDots, by: 12) {
            canvas.fill(x: x, y: y, width: partial ? 4 : 8, height: 2)
        }
        y += 10
        canvas.extend(to: y)
        cutCount += 1
        transcript.append(partial ? "--- partial cut ---" : "--- cut ---")
    }
}
