extension ESCPOSParser {
    /// `GS x …` commands, `start` at the GS byte.
    mutating func parseGS(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let code = try reader.byte()
        switch code {
        case 0x21:
            let n = try reader.byte()
            return .characterSize(width: Int(n >> 4 & 0x07) + 1, height: Int(n & 0x07) + 1)
        case 0x42: return .reverse(try reader.byte() & 1 == 1)
        case 0x68: return .barcodeHeight(Int(try reader.byte()))
        case 0x77: return .barcodeModuleWidth(Int(try reader.byte()))
        case 0x48: return .barcodeHRIPosition(Int(try reader.byte() & 0x03))
        case 0x66: return .barcodeHRIFont(Int(try reader.byte() & 0x01))
        case 0x61: return .automaticStatusBack(try reader.byte())
        case 0x72: return .transmitStatus(try reader.byte() & 0x0F)
        case 0x49: return .transmitPrinterID(try reader.byte())
        case 0x4C: return .leftMargin(try reader.uint16())
        case 0x57: return .printAreaWidth(try reader.uint16())
        case 0x6B: return try parseBarcode(&reader, start: start)
        case 0x56: return try parseCut(&reader, start: start)
        case 0x76: return try parseRaster(&reader, start: start)
        case 0x28:
            let function = try reader.byte()
            let length = try reader.uint16()
            return try parseExtended(function: function, payload: try reader.take(length), start: start)
        case 0x38:
            let function = try reader.byte()
            let low = try reader.uint16()
            let length = low | (try reader.uint16()) << 16
            guard length <= Self.maximumBlockBytes else { return unknown(&reader, start: start, length: 3, "GS 8 declares \(length) bytes") }
            return try parseExtended(function: function, payload: try reader.take(length), start: start)
        case 0x2A:
            let width = Int(try reader.byte())
            _ = try reader.take(width * Int(try reader.byte()) * 8)
            return .ignored("GS * downloaded bit image (not drawn)")
        case 0x62, 0x54, 0x2F, 0x45, 0x7C:
            _ = try reader.byte()
            return .ignored("GS \(Character(Unicode.Scalar(code)))")
        case 0x50, 0x24, 0x5C:
            _ = try reader.take(2)
            return .ignored("GS \(Character(Unicode.Scalar(code)))")
        case 0x3A: return .ignored("GS : macro definition")
        default:
            return unknown(&reader, start: start, length: 2, "unknown command GS 0x\(hex([code]))")
        }
    }

    /// `GS k m d… NUL` (function A, m 0...6) or `GS k m n d1…dn` (function B, m 65...79).
    private mutating func parseBarcode(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let system = try reader.byte()
        switch system {
        case 0...6:
            var data: [UInt8] = []
            while true {
                let byte = try reader.byte()
                if byte == 0 { return .barcode(system: system, data: data) }
                data.append(byte)
                if data.count > 255 { return unknown(&reader, start: start, length: 3, "GS k function A data without NUL terminator") }
            }
        case 65...79:
            let count = Int(try reader.byte())
            return .barcode(system: system, data: try reader.take(count))
        default:
            return unknown(&reader, start: start, length: 3, "GS k with unknown barcode system \(system)")
        }
    }

    /// `GS V m [n]`: 0/48 full, 1/49 partial; 65/66, 97/98 and 103/104 take a feed amount `n`.
    private mutating func parseCut(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let mode = try reader.byte()
        switch mode {
        case 0, 48: return .cut(partial: false, feedDots: nil)
        case 1, 49: return .cut(partial: true, feedDots: nil)
        case 65, 97, 103: return .cut(partial: false, feedDots: Int(try reader.byte()))
        case 66, 98, 104: return .cut(partial: true, feedDots: Int(try reader.byte()))
        default: return unknown(&reader, start: start, length: 3, "GS V with unknown mode \(mode)")
        }
    }

    /// `GS v 0 m xL xH yL yH d1…dk` with k = x·y; m 0 normal, 1 double width, 2 double height, 3 both.
    private mutating func parseRaster(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        guard try reader.byte() == 0x30 else { return unknown(&reader, start: start, length: 3, "GS v without function 0") }
        let mode = try reader.byte() & 0x03
        let bytesPerRow = try reader.uint16()
        let rows = try reader.uint16()
        guard bytesPerRow > 0, rows > 0, bytesPerRow <= 1024, bytesPerRow * rows <= Self.maximumBlockBytes else {
            return unknown(&reader, start: start, length: 8, "GS v 0 with an implausible size of \(bytesPerRow) bytes × \(rows) rows")
        }
        let data = try reader.take(bytesPerRow * rows)
        return .rasterImage(Self.bitmap(data, bytesPerRow: bytesPerRow, width: bytesPerRow * 8, rows: rows),
                            scaleX: mode & 1 == 1 ? 2 : 1, scaleY: mode & 2 == 2 ? 2 : 1)
    }

    /// Packed rows (MSB = leftmost dot, 1 = black) as a bitmap `width` dots wide. Rows that fill
    /// their bytes are the bitmap's own layout and are taken as they are.
    static func bitmap(_ data: [UInt8], bytesPerRow: Int, width: Int, rows: Int) -> MonochromeBitmap {
        if width == bytesPerRow * 8, data.count == bytesPerRow * rows {
            return MonochromeBitmap(width: width, height: rows, packedRows: data)
        }
        var bitmap = MonochromeBitmap(width: width, height: rows)
        for row in 0..<rows {
            for column in 0..<width where data[row * bytesPerRow + column / 8] & (0x80 >> UInt8(column % 8)) != 0 {
                bitmap[column, row] = true
            }
        }
        return bitmap
    }
}
