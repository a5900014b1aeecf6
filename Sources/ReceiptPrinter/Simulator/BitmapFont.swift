import Foundation

/// A fixed-width bitmap font for the receipt renderer: one glyph per Unicode scalar.
///
/// The glyph data is generated from Debian console fonts (see `BitmapFontData.swift`); a character
/// the font lacks is drawn as an empty box, so it stays visible.
struct BitmapFont: Sendable {
    /// Glyph width in dots.
    let width: Int
    /// Glyph height in dots.
    let height: Int
    /// Bytes per glyph row.
    let bytesPerRow: Int
    private let rows: [UInt8]
    private let index: [UInt32: Int]

    /// Decodes a generated table: `scalars[i]` owns glyph `i` of the base64 row data.
    init(width: Int, height: Int, scalars: [UInt32], rowsBase64: String) {
        self.width = width
        self.height = height
        bytesPerRow = (width + 7) / 8
        rows = Array(Data(base64Encoded: rowsBase64, options: .ignoreUnknownCharacters) ?? Data())
        var index: [UInt32: Int] = [:]
        let glyphBytes = bytesPerRow * height
        for (position, scalar) in scalars.enumerated() where (position + 1) * glyphBytes <= rows.count {
            index[scalar] = position * glyphBytes
        }
        self.index = index
    }

    /// Whether the font has a glyph for `scalar`.
    func has(_ scalar: Unicode.Scalar) -> Bool { index[scalar.value] != nil }

    /// Whether the dot at column `x`, row `y` of the glyph for `scalar` is black. A missing glyph is
    /// a box one dot inside the cell.
    func dot(_ scalar: Unicode.Scalar, x: Int, y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        guard let start = index[scalar.value] else {
            let inside = (1..<(width - 1)).contains(x) && (2..<(height - 2)).contains(y)
            return inside && (x == 1 || x == width - 2 || y == 2 || y == height - 3)
        }
        return rows[start + y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }
}
