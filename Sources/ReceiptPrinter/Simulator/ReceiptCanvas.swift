/// A strip of paper the renderer draws on: a fixed width and a height that grows as lines are
/// printed, up to ``maximumHeight`` rows (the end of the paper). Packed like ``MonochromeBitmap``
/// (one bit per dot, 1 = black), so 5 m of 80 mm paper take 2.9 MB; drawing outside the width or
/// below the end is clipped.
struct ReceiptCanvas: Sendable {
    /// Width in dots.
    let width: Int
    /// The most rows the strip grows to.
    let maximumHeight: Int
    /// Rows drawn so far.
    private(set) var height = 0
    private let bytesPerRow: Int
    private var rows: [UInt8] = []

    /// A blank strip `width` dots wide that ends after `maximumHeight` rows.
    init(width: Int, maximumHeight: Int = RenderLimits.default.maximumLengthDots) {
        self.width = max(1, width)
        self.maximumHeight = max(1, maximumHeight)
        bytesPerRow = (self.width + 7) / 8
    }

    /// Grows the strip to at least `rows` rows (at most ``maximumHeight``).
    mutating func extend(to rows: Int) {
        let target = min(rows, maximumHeight)
        guard target > height else { return }
        self.rows.append(contentsOf: repeatElement(0, count: (target - height) * bytesPerRow))
        height = target
    }

    /// Sets (or with `toggle`, flips) the rectangle's dots; clipped at the sides and at the end of
    /// the paper, grows downwards.
    mutating func fill(x: Int, y: Int, width w: Int, height h: Int, black: Bool = true, toggle: Bool = false) {
        guard w > 0, h > 0, y >= 0, y < maximumHeight else { return }
        let left = max(0, x)
        let right = min(width, x + w)
        guard left < right else { return }
        let bottom = min(y + h, maximumHeight)
        extend(to: bottom)
        for row in y..<bottom {
            let base = row * bytesPerRow
            for column in left..<right {
                let index = base + column / 8
                let mask: UInt8 = 0x80 >> UInt8(column % 8)
                if toggle { rows[index] ^= mask } else if black { rows[index] |= mask } else { rows[index] &= ~mask }
            }
        }
    }

    /// Whether the dot is black (outside: white).
    func isBlack(x: Int, y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        return rows[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    /// The strip as a bitmap (at least one row high).
    func bitmap() -> MonochromeBitmap {
        guard height > 0 else { return MonochromeBitmap(width: width, height: 1) }
        return MonochromeBitmap(width: width, height: height, packedRows: rows)
    }
}
