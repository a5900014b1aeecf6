extension GrayscaleImage {
    /// The image reduced to black and white dots with `method`. Integer arithmetic only, so the
    /// result is the same on every machine.
    public func dithered(_ method: DitherMethod) -> MonochromeBitmap {
        switch method {
        case .threshold: thresholded()
        case .ordered: orderedDithered()
        case .floydSteinberg: floydSteinbergDithered()
        }
    }

    /// Black where the pixel is darker than 50 % gray.
    private func thresholded() -> MonochromeBitmap {
        var bitmap = MonochromeBitmap(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width where self[x, y] < 128 { bitmap[x, y] = true }
        }
        return bitmap
    }

    /// The 4×4 Bayer index matrix.
    private static let bayer4: [[Int]] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]]

    /// Black where the pixel is darker than the Bayer threshold (8, 24, … 248) of its cell.
    private func orderedDithered() -> MonochromeBitmap {
        var bitmap = MonochromeBitmap(width: width, height: height)
        for y in 0..<height {
            let row = Self.bayer4[y % 4]
            for x in 0..<width where Int(self[x, y]) < row[x % 4] * 16 + 8 { bitmap[x, y] = true }
        }
        return bitmap
    }

    /// Floyd–Steinberg error diffusion, left to right on every row: 7/16 of the error to the right,
    /// 3/16, 5/16 and 1/16 to the row below.
    private func floydSteinbergDithered() -> MonochromeBitmap {
        var bitmap = MonochromeBitmap(width: width, height: height)
        // Errors for the current and the next row, with one guard cell at each end.
        var current = [Int](repeating: 0, count: width + 2)
        var next = [Int](repeating: 0, count: width + 2)
        for y in 0..<height {
            for x in 0..<width {
                let value = Int(self[x, y]) + current[x + 1]
                let black = value < 128
                if black { bitmap[x, y] = true }
                let error = value - (black ? 0 : 255)
                current[x + 2] += error * 7 / 16
                next[x] += error * 3 / 16
                next[x + 1] += error * 5 / 16
                next[x + 2] += error / 16
            }
            swap(&current, &next)
            for index in next.indices { next[index] = 0 }
        }
        return bitmap
    }
}
