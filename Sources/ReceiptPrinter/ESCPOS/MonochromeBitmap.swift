/// A 1-bit raster: rows of packed bytes, most significant bit = leftmost dot, 1 = black.
///
/// This is the data layout of ESC/POS `GS v 0` and Star `ESC k`; unused bits at the end of a row
/// are 0 (white).
public struct MonochromeBitmap: Sendable, Hashable {
    /// Width in dots.
    public let width: Int
    /// Height in dots (rows).
    public let height: Int
    /// The packed rows, `bytesPerRow × height` bytes.
    public private(set) var bytes: [UInt8]

    /// Bytes in one row: `ceil(width / 8)`.
    public var bytesPerRow: Int { (width + 7) / 8 }

    /// A white bitmap.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bytes = [UInt8](repeating: 0, count: (width + 7) / 8 * height)
    }

    /// A bitmap from packed rows (`bytesPerRow × height` bytes, padding bits 0), without copying.
    init(width: Int, height: Int, packedRows: [UInt8]) {
        precondition(packedRows.count == (width + 7) / 8 * height, "packed rows do not match \(width)×\(height)")
        self.width = width
        self.height = height
        bytes = packedRows
    }

    /// Whether the dot at column `x`, row `y` is black.
    public subscript(x: Int, y: Int) -> Bool {
        get { bytes[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0 }
        set {
            let index = y * bytesPerRow + x / 8
            let mask: UInt8 = 0x80 >> UInt8(x % 8)
            if newValue { bytes[index] |= mask } else { bytes[index] &= ~mask }
        }
    }

    /// The packed bytes of rows `rows` (a band), `bytesPerRow × rows.count` bytes.
    public func rows(_ rows: Range<Int>) -> ArraySlice<UInt8> {
        bytes[(rows.lowerBound * bytesPerRow)..<(rows.upperBound * bytesPerRow)]
    }
}
