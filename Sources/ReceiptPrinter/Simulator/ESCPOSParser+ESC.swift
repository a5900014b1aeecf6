extension ESCPOSParser {
    /// `ESC x …` commands, `start` at the ESC byte.
    mutating func parseESC(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let code = try reader.byte()
        switch code {
        case 0x40: return .initialize
        case 0x74: return .selectCodePage(try reader.byte())
        case 0x52: return .selectInternationalSet(try reader.byte())
        case 0x21: return .printMode(try reader.byte())
        case 0x45, 0x47: return .emphasis(try reader.byte() & 1 == 1)
        case 0x2D: return .underline(Int(try reader.byte() & 0x03))
        case 0x61: return .justification(min(2, Int(try reader.byte() & 0x0F)))
        case 0x4D: return .selectFont(Int(try reader.byte() & 0x0F))
        case 0x32: return .lineSpacing(nil)
        case 0x33: return .lineSpacing(Int(try reader.byte()))
        case 0x20: return .characterSpacing(Int(try reader.byte()))
        case 0x24: return .absolutePosition(try reader.uint16())
        case 0x64: return .feedLines(Int(try reader.byte()))
        case 0x4A: return .feedDots(Int(try reader.byte()))
        case 0x70:
            let pin = try reader.byte() & 1 == 0 ? 2 : 5
            let on = Int(try reader.byte()) * 2
            return .drawerPulse(pin: pin, onMilliseconds: on, offMilliseconds: Int(try reader.byte()) * 2)
        case 0x69: return .cut(partial: false, feedDots: nil)
        case 0x6D: return .cut(partial: true, feedDots: nil)
        case 0x2A: return try parseColumnImage(&reader, start: start)
        case 0x26: return try parseUserCharacters(&reader)
        case 0x44:
            // Tab positions: up to 32 values, ended by NUL.
            for _ in 0...32 { if try reader.byte() == 0 { return .ignored("ESC D tab positions") } }
            return unknown(&reader, start: start, length: 2, "ESC D without its NUL terminator")
        case 0x63:
            _ = try reader.take(2)
            return .ignored("ESC c paper sensor / panel settings")
        case 0x28:
            // ESC ( X pL pH data: the length covers the data.
            let function = try reader.byte()
            _ = try reader.take(try reader.uint16())
            return .ignored("ESC ( \(Character(Unicode.Scalar(function)))")
        case 0x57:
            _ = try reader.take(8)
            return .ignored("ESC W page mode area")
        case 0x7B, 0x56, 0x65, 0x4B, 0x55, 0x72, 0x3D, 0x25, 0x3F, 0x54, 0x75, 0x76, 0x5C, 0x78, 0x4E:
            let parameterCount = code == 0x5C ? 2 : 1
            _ = try reader.take(parameterCount)
            return .ignored("ESC \(Character(Unicode.Scalar(code)))")
        case 0x4C, 0x53, 0x0C:
            return .ignored("ESC \(code == 0x0C ? "FF" : String(Character(Unicode.Scalar(code)))) page mode")
        default:
            return unknown(&reader, start: start, length: 2, "unknown command ESC 0x\(hex([code]))")
        }
    }

    /// `ESC * m nL nH d…`: m 0/1 are 8-dot columns (1 byte each), 32/33 are 24-dot columns (3 bytes).
    private mutating func parseColumnImage(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let mode = try reader.byte()
        let columns = try reader.uint16()
        let rows: Int
        let scaleX: Int
        let scaleY: Int
        switch mode {
        case 0: (rows, scaleX, scaleY) = (8, 2, 3)
        case 1: (rows, scaleX, scaleY) = (8, 1, 3)
        case 32: (rows, scaleX, scaleY) = (24, 2, 1)
        case 33: (rows, scaleX, scaleY) = (24, 1, 1)
        default: return unknown(&reader, start: start, length: 5, "ESC * with unknown mode \(mode)")
        }
        guard columns > 0, columns <= 4096 else { return unknown(&reader, start: start, length: 5, "ESC * with \(columns) columns") }
        let data = try reader.take(columns * rows / 8)
        var bitmap = MonochromeBitmap(width: columns, height: rows)
        for column in 0..<columns {
            for row in 0..<rows where data[column * rows / 8 + row / 8] & (0x80 >> UInt8(row % 8)) != 0 {
                bitmap[column, row] = true
            }
        }
        return .columnImage(bitmap, scaleX: scaleX, scaleY: scaleY)
    }

    /// `ESC & y c1 c2 [x d1…d(y·x)]…`: user-defined characters (consumed, not drawn).
    private mutating func parseUserCharacters(_ reader: inout ByteReader) throws(ByteShortage) -> ESCPOSCommand {
        let height = Int(try reader.byte())
        let first = Int(try reader.byte())
        let last = Int(try reader.byte())
        if last >= first {
            for _ in first...last { _ = try reader.take(height * Int(try reader.byte())) }
        }
        return .ignored("ESC & user-defined characters (printed with the resident font)")
    }
}
