extension StarLineParser {
    /// `ESC GS x …`: code page, alignment, positions, QR codes and job control.
    mutating func parseESCGS(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> [ESCPOSCommand] {
        let code = try reader.byte()
        switch code {
        case 0x74: return [.selectCodePage(try reader.byte())]
        case 0x61:
            let n = Self.digit(try reader.byte())
            guard n <= 2 else { return [outOfRange(start, "ESC GS a \(n)")] }
            return [.justification(Int(n))]
        case 0x41: return [.absolutePosition(try reader.uint16())]
        case 0x52:
            _ = try reader.uint16()
            note(base + start, "ESC GS R (relative position) is not simulated; the text continues where it is")
            return [.ignored("ESC GS R relative position")]
        case 0x79: return [try parseQRCode(&reader, start: start)]
        case 0x03:
            _ = try reader.take(3)
            return [.ignored("ESC GS ETX print end counter")]
        case 0x07:
            _ = try reader.take(3)
            return [.ignored("ESC GS BEL buzzer")]
        case 0x19:
            _ = try reader.take(4)
            return [.ignored("ESC GS EM external buzzer")]
        case 0x63:
            _ = try reader.take(2)
            note(base + start, "ESC GS c (reduced printing) is not simulated; printed at full size")
            return [.ignored("ESC GS c reduced printing")]
        default:
            return [unknown(&reader, start: start, length: 3, "unknown command ESC GS 0x\(hex([code]))")]
        }
    }

    /// `ESC RS x n`: font selection; density, speed, status and colour settings are read past.
    mutating func parseESCRS(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let code = try reader.byte()
        switch code {
        case 0x46:
            let font = Self.digit(try reader.byte())
            guard font <= 1 else {
                note(base + start, "ESC RS F \(font) (OCR-B) is not simulated; printed in font A")
                return .selectFont(0)
            }
            return .selectFont(Int(font))
        case 0x61, 0x64, 0x72, 0x4C, 0x63, 0x43:
            _ = try reader.byte()
            return .ignored("ESC RS \(Character(Unicode.Scalar(code)))")
        default:
            return unknown(&reader, start: start, length: 3, "unknown command ESC RS 0x\(hex([code]))")
        }
    }

    /// `ESC GS y S 0 n` model, `S 1 n` level (0 L … 3 H), `S 2 n` cell size, `D 1 m nL nH d…`
    /// data, `P` print, `I` information request.
    private mutating func parseQRCode(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let function = try reader.byte()
        switch function {
        case 0x53:
            let setting = Self.digit(try reader.byte())
            let n = Self.digit(try reader.byte())
            switch (setting, n) {
            case (0, 1...2): return .qrCode(.selectModel(0x30 + n))
            case (1, 0...3): return .qrCode(.errorCorrection(0x30 + n))
            case (2, 1...8): return .qrCode(.moduleSize(Int(n)))
            default: return outOfRange(start, "ESC GS y S \(setting) \(n)")
            }
        case 0x44:
            let kind = Self.digit(try reader.byte())
            guard kind == 1 else { return unknown(&reader, start: start, length: 5, "ESC GS y D \(kind) (manual QR data) is not simulated") }
            _ = try reader.byte()
            return .qrCode(.store(try reader.take(try reader.uint16())))
        case 0x50: return .qrCode(.print)
        case 0x49: return .qrCode(.other(function))
        default:
            return unknown(&reader, start: start, length: 4, "unknown QR function ESC GS y 0x\(hex([function]))")
        }
    }
}
