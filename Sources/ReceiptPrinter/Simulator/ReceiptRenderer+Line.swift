/// Characters and column images collected until the line is printed.
struct PendingLine: Sendable {
    /// One glyph or image in the line, `x` from the line's left edge.
    struct Item: Sendable {
        var x: Int
        var width: Int
        var height: Int
        var content: Content
    }

    /// What an item draws.
    enum Content: Sendable {
        case glyph(Unicode.Scalar, fontB: Bool, scaleX: Int, scaleY: Int, bold: Bool, underline: Int, inverse: Bool)
        case image(MonochromeBitmap, scaleX: Int, scaleY: Int)
    }

    var items: [Item] = []
    var cursor = 0
    var text = ""
    /// The width of the images in the line (`ESC *`, Star `ESC k`), for the transcript.
    var imageWidth = 0
    var alignment = 0
    var firstOffset = 0

    var isEmpty: Bool { items.isEmpty && text.isEmpty }
}

extension ReceiptRenderer {
    /// Adds one text byte at the cursor; wraps first when it does not fit.
    mutating func addCharacter(_ byte: UInt8, offset: Int) {
        let scalar = modes.character(for: byte)
        let cell = modes.cell
        let width = (cell.width + modes.characterSpacing) * modes.widthScale
        if line.cursor + width > areaWidth, !line.isEmpty { flushLine(advance: nil) }
        if line.isEmpty {
            line.alignment = modes.alignment
            line.firstOffset = offset
        }
        line.items.append(PendingLine.Item(
            x: line.cursor, width: width, height: cell.height * modes.heightScale,
            content: .glyph(scalar, fontB: modes.fontB, scaleX: modes.widthScale, scaleY: modes.heightScale, bold: modes.bold,
                            underline: modes.underline, inverse: modes.inverse)))
        line.cursor += width
        line.text.unicodeScalars.append(scalar)
    }

    /// `ESC *` column image or Star `ESC k` band: part of the current line.
    mutating func addColumnImage(_ bitmap: MonochromeBitmap, scaleX: Int, scaleY: Int) {
        let width = bitmap.width * scaleX
        if line.cursor + width > areaWidth, !line.isEmpty { flushLine(advance: nil) }
        if line.isEmpty { line.alignment = modes.alignment }
        line.items.append(PendingLine.Item(x: line.cursor, width: width, height: bitmap.height * scaleY,
                                           content: .image(bitmap, scaleX: scaleX, scaleY: scaleY)))
        line.cursor += width
        line.imageWidth += width
    }

    /// `HT`: to the next multiple of 8 character widths.
    mutating func tab() {
        let step = modes.cell.width * modes.widthScale * 8
        let target = (line.cursor / step + 1) * step
        guard target <= areaWidth else { return }
        while line.text.count * modes.cell.width * modes.widthScale < target { line.text.append(" ") }
        line.cursor = target
    }

    /// `ESC $`: moves the cursor; the transcript gets spaces for the gap.
    mutating func moveTo(_ dots: Int) {
        guard dots < areaWidth else { return }
        if dots > line.cursor { line.text.append(" ") }
        line.cursor = dots
    }

    /// Prints the line buffer and feeds `advance` dots (`nil`: the line spacing, at least the line's height).
    mutating func flushLine(advance: Int?) {
        let height = line.items.map(\.height).max() ?? 0
        let shift = line.alignment == 1 ? (areaWidth - line.cursor) / 2 : line.alignment == 2 ? areaWidth - line.cursor : 0
        let left = modes.leftMargin + max(0, shift)
        for item in line.items {
            draw(item, left: left + item.x, top: y + height - item.height)
        }
        let hadContent = !line.isEmpty
        if hadContent || advance == nil {
            var text = line.text
            while text.last == " " { text.removeLast() }
            if text.isEmpty, line.imageWidth > 0 {
                // An image sent as one line per band (ESC *, Star ESC k) gets one marker.
                let marker = "[image \(line.imageWidth) dots wide]"
                if transcript.last != marker { transcript.append(marker) }
            } else {
                transcript.append(text)
            }
        }
        y += advance ?? max(modes.lineAdvance, height)
        canvas.extend(to: y)
        line = PendingLine()
    }

    private mutating func draw(_ item: PendingLine.Item, left: Int, top: Int) {
        switch item.content {
        case .glyph(let scalar, let fontB, let scaleX, let scaleY, let bold, let underline, let inverse):
            let font = fontB ? BitmapFont.fontB : BitmapFont.fontA
            if inverse { canvas.fill(x: left, y: top, width: item.width, height: item.height) }
            let glyphTop = top + (fontB ? scaleY : 0)
            for row in 0..<font.height {
                for column in 0..<font.width where font.dot(scalar, x: column, y: row) {
                    for strike in 0...(bold ? 1 : 0) {
                        canvas.fill(x: left + column * scaleX + strike, y: glyphTop + row * scaleY, width: scaleX, height: scaleY, black: !inverse)
                    }
                }
            }
            if underline > 0, !inverse {
                canvas.fill(x: left, y: top + item.height - underline, width: item.width, height: underline)
            }
        case .image(let bitmap, let scaleX, let scaleY):
            blit(bitmap, left: left, top: top, scaleX: scaleX, scaleY: scaleY)
        }
    }

    /// Copies the black dots of `bitmap`, each as a `scaleX` × `scaleY` block.
    /// Only the dots that land on the paper are visited: rows above its end, columns inside its width.
    mutating func blit(_ bitmap: MonochromeBitmap, left: Int, top: Int, scaleX: Int, scaleY: Int) {
        canvas.extend(to: top + bitmap.height * scaleY)
        let rows = min(bitmap.height, max(0, (canvas.maximumHeight - top + scaleY - 1) / scaleY))
        let columns = min(bitmap.width, max(0, (canvas.width - left + scaleX - 1) / scaleX))
        for row in 0..<rows {
            for column in 0..<columns where bitmap[column, row] {
                canvas.fill(x: left + column * scaleX, y: top + row * scaleY, width: scaleX, height: scaleY)
            }
        }
    }
}
