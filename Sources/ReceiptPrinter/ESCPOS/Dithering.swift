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
    /// 3/16, 5/16 and 1/16 to the row below (each share truncated toward zero).
    ///
    /// The hot path of image printing, written for speed; the dots are those of the textbook
    /// two-row form. The four shares of a pixel's error are looked up in ``errorShares``, so the
    /// loop-carried dependency (the share for the right neighbour) is one addition and one look-up
    /// per pixel; two rows are dithered together (the lower one two pixels behind, where its errors
    /// from above are complete) so that the processor works on two such chains at once. See
    /// ``ErrorDiffusionRow``.
    private func floydSteinbergDithered() -> MonochromeBitmap {
        let width = width, height = height
        let bytesPerRow = (width + 7) / 8
        var packed = [UInt8](repeating: 0, count: bytesPerRow * height)
        // Two rows of "pixel plus carried error", each with a guard cell in front; they take turns
        // as the row being read and the row below being written.
        var upperBuffer = [Int32](repeating: 0, count: width + 1)
        var lowerBuffer = [Int32](repeating: 0, count: width + 1)
        // Stands in for the pixels below the last row, with a readable cell in front.
        let blankRow = [UInt8](repeating: 0, count: width + 1)
        Self.errorShares.withUnsafeBufferPointer { shares in
            pixels.withUnsafeBufferPointer { source in
                packed.withUnsafeMutableBufferPointer { target in
                    upperBuffer.withUnsafeMutableBufferPointer { upperBuffer in
                        lowerBuffer.withUnsafeMutableBufferPointer { lowerBuffer in
                            blankRow.withUnsafeBufferPointer { blankRow in
                                guard let shares = shares.baseAddress, let source = source.baseAddress,
                                      let target = target.baseAddress, let upper = upperBuffer.baseAddress.map({ $0 + 1 }),
                                      let lower = lowerBuffer.baseAddress.map({ $0 + 1 }),
                                      let blank = blankRow.baseAddress.map({ $0 + 1 }) else { return }
                                let errorShares = UnsafePointer(shares + 4 * Self.errorSharesOffset)
                                // Pixel index -1 of a row below is the last pixel of the row above it.
                                func row(_ y: Int, from incoming: UnsafeMutablePointer<Int32>,
                                         to outgoing: UnsafeMutablePointer<Int32>) -> ErrorDiffusionRow {
                                    ErrorDiffusionRow(incoming: incoming, outgoing: outgoing,
                                                      pixelsBelow: y + 1 < height ? source + (y + 1) * width : blank,
                                                      errorShares: errorShares, dots: target + y * bytesPerRow)
                                }
                                for x in 0..<width { upper[x] = Int32(source[x]) }
                                let lag = 2
                                var y = 0
                                while y + 1 < height {
                                    var first = row(y, from: upper, to: lower)
                                    var second = row(y + 1, from: lower, to: upper)
                                    for x in 0..<min(lag, width) { first.dither(x) }
                                    if width > lag {
                                        for x in lag..<width {
                                            first.dither(x)
                                            second.dither(x - lag)
                                        }
                                    }
                                    first.finish(width: width)
                                    for x in max(0, width - lag)..<width { second.dither(x) }
                                    second.finish(width: width)
                                    y += 2
                                }
                                if y < height {
                                    var last = row(y, from: upper, to: upper)
                                    for x in 0..<width { last.dither(x) }
                                    last.finish(width: width)
                                }
                            }
                        }
                    }
                }
            }
        }
        return MonochromeBitmap(width: width, height: height, packedRows: packed)
    }

    /// Where value 0 sits in ``errorShares`` (in groups of four).
    private static let errorSharesOffset = 128

    /// The Floyd–Steinberg shares of the error, each `error × n / 16` truncated toward zero, for
    /// every pixel value plus carried error in −128…383: four per value (index `4 × (value + 128)`),
    /// n = 7 (right), 3 (below left), 5 (below), 1 (below right).
    ///
    /// That range always holds: every error is within ±128 (a pixel's incoming shares add up to at
    /// most 16/16 of errors within ±128, so its value lies in −128…383, and the error of a value in
    /// that range is again within ±128).
    private static let errorShares: [Int16] = (-128...383).flatMap { value in
        let error = value < 128 ? value : value - 255
        return [7, 3, 5, 1].map { Int16(error * $0 / 16) }
    }
}

/// One row of Floyd–Steinberg error diffusion in progress, pixel by pixel from the left.
///
/// `incoming[x]` holds pixel x of this row plus the errors carried to it from the row above. As
/// pixel x is dithered, the shares for the row below that are still incomplete stay in registers
/// and `outgoing[x - 1]` (pixel plus carried error of the row below) is written complete.
/// `incoming` and `outgoing` may be the same row: cell x − 1 is no longer read when it is written.
private struct ErrorDiffusionRow {
    /// This row: pixel plus carried error.
    let incoming: UnsafePointer<Int32>
    /// The row below: pixel plus carried error; index −1 is a guard cell.
    let outgoing: UnsafeMutablePointer<Int32>
    /// The pixels of the row below; index −1 must be readable (its value is not used).
    let pixelsBelow: UnsafePointer<UInt8>
    /// ``GrayscaleImage/errorShares`` at value 0: the shares of value v start at `4 × v`.
    let errorShares: UnsafePointer<Int16>
    /// The packed dots of this row.
    let dots: UnsafeMutablePointer<UInt8>
    /// 7/16 of the left neighbour's error.
    var right = 0
    /// The row below, pixel x − 1: its shares so far (x − 2's 1/16, x − 1's 5/16).
    var belowLeft: Int32 = 0
    /// The row below, pixel x: x − 1's 1/16.
    var belowHere: Int32 = 0
    /// Dots of the current byte, filled from the right.
    var bits: UInt32 = 0

    init(incoming: UnsafeMutablePointer<Int32>, outgoing: UnsafeMutablePointer<Int32>, pixelsBelow: UnsafePointer<UInt8>,
         errorShares: UnsafePointer<Int16>, dots: UnsafeMutablePointer<UInt8>) {
        self.incoming = UnsafePointer(incoming)
        self.outgoing = outgoing
        self.pixelsBelow = pixelsBelow
        self.errorShares = errorShares
        self.dots = dots
    }

    /// Dithers pixel `x`; pixels 0 ..< x are done.
    @inline(__always)
    mutating func dither(_ x: Int) {
        let value = Int(incoming[x]) &+ right
        let black = value < 128
        bits = bits << 1 | (black ? 1 : 0)
        if x & 7 == 7 {
            dots[x >> 3] = UInt8(truncatingIfNeeded: bits)
            bits = 0
        }
        let shares = errorShares + value &<< 2
        right = Int(shares[0])
        outgoing[x - 1] = Int32(pixelsBelow[x - 1]) &+ belowLeft &+ Int32(shares[1])
        belowLeft = belowHere &+ Int32(shares[2])
        belowHere = Int32(shares[3])
    }

    /// Completes the row after its last pixel: the last cell of the row below, the last dots.
    @inline(__always)
    mutating func finish(width: Int) {
        outgoing[width - 1] = Int32(pixelsBelow[width - 1]) &+ belowLeft
        if width % 8 != 0 { dots[width >> 3] = UInt8(truncatingIfNeeded: bits << UInt32(8 - width % 8)) }
    }
}
