/// A strip of paper the renderer draws on: a fixed width and a height that grows as lines are
/// printed. One byte per dot (1 = black); drawing outside the width is clipped.
struct ReceiptCanvas: Sendable {
    /// Width in dots.
    let width: Int
    /// Rows drawn so far.
    private(set) var height = 0
    private var dots: [UInt8] = []

    /// A blank strip `width` dots wide.
    init(width: Int) {
        self.width = max(1, width)
    }

    /// Grows the strip to at least `rows` rows.
    mutating func extend(to rows: Int) {
        guard rows > height else { return }
        dots.append(contentsOf: repeatElement(0, count: (rows - height) * width))
        height = rows
    }

    /// Sets (or with `toggle`, flips) the rectangle's dots; clipped at the sides, grows downwards.
    mutating func fill(x: Int, y: Int, width w: Int, height h: Int, black: Bool = true, toggle: Bool = false) {
        guard w > 0, h > 0, y >= 0 else { return }
        let left = max(0, x)
        let right = min(width, x + w)
        guard left < right else { return }
        extend(to: y + h)
        for row in y..<(y + h) {
            let base = row * width
            for column in left..<right {
                if toggle { dots[base + column] ^= 1 } else { dots[base + column] = black ? 1 : 0 }
            }
        }
    }

    /// Whether the dot is black (outside: white).
    func isBlack(x: Int, y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        return dots[y * width + x] != 0
    }

    /// The strip as a bitmap (at least one row high).
    func bitmap() -> MonochromeBitmap {
        var bitmap = MonochromeBitmap(width: width, height: max(1, height))
        for row in 0..<height {
            let base = row * width
            for column in 0..<width where dots[base + column] != 0 { bitmap[column, row] = true }
        }
        return bitmap
    }
}
