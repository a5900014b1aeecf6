extension StarLineParser {
    /// `ESC x …` commands, `start` at the ESC byte.
    mutating func parseESC(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> [ESCPOSCommand] {
        let code = try reader.byte()
        switch code {
        case 0x40, 0x3F: return [initialize()]
        case 0x1D: return try parseESCGS(&reader, start: start)
        case 0x1E: return [try parseESCRS(&reader, start: start)]
        case 0x62: return try parseBarcode(&reader, start: start)
        case 0x6B: return [try parseFineImage(&reader, start: start)]
        case 0x4B: return [try parseStandardImage(&reader, start: start)]
        case 0x45, 0x46: return [.emphasis(code == 0x45)]
        case 0x34, 0x35: return [.reverse(code == 0x34)]
        case 0x2D:
            let n = Self.digit(try reader.byte())
            guard n <= 1 else { return [outOfRange(start, "ESC - \(n)")] }
            return [.underline(n == 1 ? 2 : 0)]
        case 0x69:
            let height = Self.digit(try reader.byte())
            let width = Self.digit(try reader.byte())
            guard height <= 5, width <= 5 else { return [outOfRange(start, "ESC i \(height) \(width)")] }
            return [expansion(width: Int(width) + 1, height: Int(height) + 1)]
        case 0x57, 0x68:
            let n = Self.digit(try reader.byte())
            guard n <= 5 else { return [outOfRange(start, "ESC \(code == 0x57 ? "W" : "h") \(n)")] }
            return [code == 0x57 ? expansion(width: Int(n) + 1) : expansion(height: Int(n) + 1)]
        case 0x0E, 0x14: return [expansion(height: code == 0x0E ? 2 : 1)]
        case 0x52: return [.selectInternationalSet(Self.internationalSet(try reader.byte()))]
        case 0x20: return [.characterSpacing(Int(Self.digit(try reader.byte()) & 0x0F))]
        case 0x4D, 0x50, 0x3A, 0x67:
            // Character pitch: ESC M 12 dots (no right space), ESC P 15, ESC : 16, ESC g 14.
            return [.characterSpacing(code == 0x4D ? 0 : code == 0x50 ? 3 : code == 0x3A ? 4 : 2)]
        case 0x61:
            let lines = Int(try reader.byte())
            guard lines >= 1 else { return [outOfRange(start, "ESC a 0")] }
            return [.feedLines(lines)]
        case 0x30: return [.lineSpacing(24)]
        case 0x7A:
            // Only n = 1 is defined: 4 mm, the power-on line pitch.
            guard Self.digit(try reader.byte()) == 1 else { return [outOfRange(start, "ESC z")] }
            return [.lineSpacing(nil)]
        case 0x4A: return [.feedDots(Int(try reader.byte()) * 2)]
        case 0x49: return [.feedDots(Int(try reader.byte()))]
        case 0x64: return [try parseCut(&reader, start: start)]
        case 0x07:
            let on = Int(try reader.byte())
            let off = Int(try reader.byte())
            guard (1...127).contains(on), (1...127).contains(off) else { return [outOfRange(start, "ESC BEL \(on) \(off)")] }
            (drawerOnMilliseconds, drawerOffMilliseconds) = (on * 10, off * 10)
            return [.ignored("ESC BEL drawer 1 pulse width")]
        default:
            return [try parseSettingESC(code, &reader, start: start)]
        }
    }

    /// Settings the simulator reads past without drawing: slash zero, margins, tabs, page length,
    /// download characters, logos, Kanji modes, real-time requests.
    private mutating func parseSettingESC(_ code: UInt8, _ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let name = "ESC \(Character(Unicode.Scalar(code)))"
        switch code {
        case 0x2F, 0x5F, 0x25, 0x4E, 0x24:
            let n = Self.digit(try reader.byte())
            if code == 0x5F, n == 1 { note(base + start, "ESC _ (upperline) is not drawn") }
            return .ignored(name)
        case 0x6C, 0x51:
            _ = try reader.byte()
            note(base + start, "\(name) (\(code == 0x6C ? "left" : "right") margin) is not simulated; the full print width is used")
            return .ignored(name)
        case 0x4F, 0x70, 0x71: return .ignored(name)
        case 0x73, 0x74:
            _ = try reader.take(2)
            return .ignored(name + " Kanji spacing")
        case 0x43:
            if try reader.byte() == 0 { _ = try reader.byte() }
            return .ignored("ESC C page length")
        case 0x42, 0x44:
            // Vertical or horizontal tab positions: up to 16 values, ended by NUL.
            for _ in 0...16 { if try reader.byte() == 0 { return .ignored(name + " tab positions") } }
            return unknown(&reader, start: start, length: 2, "\(name) without its NUL terminator")
        case 0x26:
            _ = try reader.byte()
            let register = Self.digit(try reader.byte()) == 1
            _ = try reader.byte()
            if register { _ = try reader.take(48) }
            return .ignored("ESC & download character (printed with the resident font)")
        case 0x06:
            guard try reader.byte() == 0x01 else { return .ignored("ESC ACK real-time request") }
            return .starStatusRequest
        case 0x1C:
            return try parseLogo(&reader, start: start)
        default:
            return unknown(&reader, start: start, length: 2, "unknown command ESC 0x\(hex([code]))")
        }
    }

    /// `ESC FS p n m` prints a logo stored in the printer (the simulator has none); `ESC FS q`
    /// registers logos and is not read.
    private mutating func parseLogo(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        guard try reader.byte() == 0x70 else { return unknown(&reader, start: start, length: 3, "ESC FS other than p (print logo)") }
        _ = try reader.take(2)
        note(base + start, "ESC FS p prints a logo stored in the printer; the simulator has none")
        return .ignored("ESC FS p logo")
    }

    /// `ESC d n`: 0 full and 1 partial cut where the paper is; 2 and 3 feed to the cutter first.
    private mutating func parseCut(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let mode = Self.digit(try reader.byte())
        guard mode <= 3 else { return outOfRange(start, "ESC d \(mode)") }
        return .cut(partial: mode & 1 == 1, feedDots: mode >= 2 ? 0 : nil)
    }

    /// `ESC R n`: 0…14 or `'0'`…`'9'`, `'A'`…`'E'` (10…14); 2 is Germany.
    private static func internationalSet(_ byte: UInt8) -> UInt8 {
        (0x41...0x45).contains(byte) ? byte - 0x41 + 10 : digit(byte)
    }

    /// A command with a parameter outside its defined range: the printer ignores it.
    mutating func outOfRange(_ start: Int, _ command: String) -> ESCPOSCommand {
        note(base + start, "\(command) is outside the command's defined range; ignored as the printer does")
        return .ignored(command)
    }
}
