/// Writes a 1-bit grayscale PNG without compression: the zlib stream holds stored deflate blocks,
/// so no compression library is needed (PNG spec §5, RFC 1950, RFC 1951 §3.2.4).
public enum PNGEncoder {
    /// The PNG file for `bitmap` (1 = black) with a white `border` of dots on every side.
    public static func encode(_ bitmap: MonochromeBitmap, border: Int = 0) -> [UInt8] {
        let border = max(0, border)
        let width = bitmap.width + 2 * border
        let height = bitmap.height + 2 * border
        let rowBytes = (width + 7) / 8
        // Each scanline: filter type 0, then the dots; PNG grayscale 1-bit has 1 = white.
        var raw = [UInt8](repeating: 0xFF, count: (rowBytes + 1) * height)
        for row in 0..<height {
            let start = row * (rowBytes + 1)
            raw[start] = 0
            let unused = rowBytes * 8 - width
            if unused > 0 { raw[start + rowBytes] = 0xFF }
            let y = row - border
            guard y >= 0, y < bitmap.height else { continue }
            if border % 8 == 0 {
                // Byte-aligned: each row is the bitmap's packed row inverted (its padding bits, 0,
                // become white border).
                let target = start + 1 + border / 8
                let source = y * bitmap.bytesPerRow
                for index in 0..<bitmap.bytesPerRow { raw[target + index] = ~bitmap.bytes[source + index] }
                continue
            }
            for x in 0..<bitmap.width where bitmap[x, y] {
                let column = x + border
                raw[start + 1 + column / 8] &= ~(0x80 >> UInt8(column % 8))
            }
        }
        var header: [UInt8] = []
        header += UInt32(width).bigEndianBytes + UInt32(height).bigEndianBytes
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, filter 0, no interlace
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", header)
        file += chunk("IDAT", zlibStored(raw))
        file += chunk("IEND", [])
        return file
    }

    /// A chunk: length, type, data, CRC-32 of type and data.
    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return UInt32(data.count).bigEndianBytes + typeBytes + data + Checksum.crc32(typeBytes + data).bigEndianBytes
    }

    /// A zlib stream of stored (uncompressed) deflate blocks of at most 65535 bytes, with Adler-32.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let length = min(65_535, data.count - start)
            let final: UInt8 = start + length >= data.count ? 1 : 0
            stream.append(final)
            stream += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            stream += data[start..<(start + length)]
            start += length
        } while start < data.count
        return stream + Checksum.adler32(data).bigEndianBytes
    }
}

/// The checksums of PNG and zlib.
enum Checksum {
    private static let crcTable: [UInt32] = (0..<256).map { value in
        var crc = UInt32(value)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    /// CRC-32 (ISO 3309, as in PNG and zip).
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// Adler-32 (RFC 1950).
    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for chunk in stride(from: 0, to: data.count, by: 5552) {
            for byte in data[chunk..<min(chunk + 5552, data.count)] {
                a += UInt32(byte)
                b += a
            }
            a %= 65_521
            b %= 65_521
        }
        return b << 16 | a
    }
}

extension UInt32 {
    /// The value as four big-endian bytes.
    var bigEndianBytes: [UInt8] { [UInt8(self >> 24), UInt8((self >> 16) & 0xFF), UInt8((self >> 8) & 0xFF), UInt8(self & 0xFF)] }
}
