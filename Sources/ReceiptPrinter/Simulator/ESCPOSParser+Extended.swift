extension ESCPOSParser {
    /// `GS ( X pL pH …` and `GS 8 X p1…p4 …`: the length-prefixed commands. `payload` is the data
    /// after the length.
    mutating func parseExtended(function: UInt8, payload: [UInt8], start: Int) throws(ByteShortage) -> ESCPOSCommand {
        switch function {
        case 0x6B: return parseSymbol(payload, start: start)
        case 0x4C: return parseGraphics(payload, start: start)
        default: return .ignored("GS ( \(Character(Unicode.Scalar(function)))")
        }
    }

    /// `GS ( k`: cn fn data. cn 49 is QR; other symbols (PDF417, MaxiCode, …) are not drawn.
    private mutating func parseSymbol(_ payload: [UInt8], start: Int) -> ESCPOSCommand {
        guard payload.count >= 2 else {
            note(base + start, "GS ( k with \(payload.count) parameter bytes; skipped")
            return .unknown(payload)
        }
        let (symbol, function) = (payload[0], payload[1])
        guard symbol == 0x31 else {
            if function == 0x51 || function == 0x11 { note(base + start, "2D symbol cn \(symbol) (not QR) is not drawn") }
            return .ignored("GS ( k cn \(symbol)")
        }
        let argument = payload.count > 2 ? payload[2] : 0
        switch function {
        case 0x41: return .qrCode(.selectModel(argument))
        case 0x43: return .qrCode(.moduleSize(Int(argument)))
        case 0x45: return .qrCode(.errorCorrection(argument))
        case 0x50: return .qrCode(.store(Array(payload.dropFirst(3))))
        case 0x51: return .qrCode(.print)
        default: return .qrCode(.other(function))
        }
    }

    /// `GS ( L` / `GS 8 L`: m fn …; function 112 stores a raster (a bx by c xL xH yL yH d…),
    /// function 50 (or 2) prints it.
    private mutating func parseGraphics(_ payload: [UInt8], start: Int) -> ESCPOSCommand {
        guard payload.count >= 2 else {
            note(base + start, "GS ( L with \(payload.count) parameter bytes; skipped")
            return .unknown(payload)
        }
        switch payload[1] {
        case 2, 50:
            return .printGraphics
        case 112:
            guard payload.count >= 10 else {
                note(base + start, "GS ( L function 112 with a short header; skipped")
                return .unknown(payload)
            }
            let scaleX = payload[3] == 2 ? 2 : 1
            let scaleY = payload[4] == 2 ? 2 : 1
            let width = Int(payload[6]) | Int(payload[7]) << 8
            let height = Int(payload[8]) | Int(payload[9]) << 8
            let bytesPerRow = (width + 7) / 8
            let data = Array(payload.dropFirst(10))
            guard width > 0, height > 0, width <= 8192, data.count >= bytesPerRow * height else {
                note(base + start, "GS ( L function 112: \(width) × \(height) dots need \(bytesPerRow * height) bytes, got \(data.count); skipped")
                return .unknown(payload)
            }
            if data.count > bytesPerRow * height {
                note(base + start, "GS ( L function 112 has \(data.count - bytesPerRow * height) bytes more than a \(width) × \(height) image; ignored")
            }
            return .storeGraphics(Self.bitmap(data, bytesPerRow: bytesPerRow, width: width, rows: height), scaleX: scaleX, scaleY: scaleY)
        default:
            return .ignored("GS ( L function \(payload[1])")
        }
    }

    /// `FS x …` commands (Kanji mode and NV images): consumed, not drawn.
    mutating func parseFS(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let code = try reader.byte()
        switch code {
        case 0x2E, 0x26: return .ignored("FS \(Character(Unicode.Scalar(code))) Kanji mode")
        case 0x21, 0x2D, 0x43, 0x57: _ = try reader.byte(); return .ignored("FS \(Character(Unicode.Scalar(code)))")
        case 0x53: _ = try reader.take(2); return .ignored("FS S")
        case 0x70:
            _ = try reader.take(2)
            note(base + start, "FS p prints an NV image stored in the printer; the simulator has none")
            return .ignored("FS p NV image")
        case 0x28:
            let function = try reader.byte()
            _ = try reader.take(try reader.uint16())
            return .ignored("FS ( \(Character(Unicode.Scalar(function)))")
        default:
            return unknown(&reader, start: start, length: 2, "unknown command FS 0x\(hex([code]))")
        }
    }

    /// `DLE EOT n`, `DLE ENQ n`, `DLE DC4 fn …`: real-time commands.
    mutating func parseDLE(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let code = try reader.byte()
        switch code {
        case 0x04: return .realTimeStatus(try reader.byte())
        case 0x05: return .realTimeRequest(try reader.byte())
        case 0x14:
            let function = try reader.byte()
            let count = function == 1 ? 2 : function == 2 ? 2 : function == 8 ? 7 : 0
            _ = try reader.take(count)
            return .realTimeRequest(function)
        default:
            return unknown(&reader, start: start, length: 1, "DLE 0x10 not followed by EOT/ENQ/DC4")
        }
    }
}
