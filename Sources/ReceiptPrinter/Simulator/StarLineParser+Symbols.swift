extension StarLineParser {
    /// The `GS k` system of each Star barcode type n1 = 0…8: UPC-E, UPC-A, EAN-8, EAN-13, Code39,
    /// ITF, CODE128, Code93, NW-7.
    private static let barcodeSystems: [UInt8] = [66, 65, 68, 67, 69, 70, 73, 72, 71]

    /// `ESC b n1 n2 n3 n4 d… RS`: type n1, HRI and line feed n2 (1 none + LF, 2 HRI + LF, 3 none,
    /// 4 HRI), mode n3 (module 2, 3 or 4 dots), height n4 in dots.
    mutating func parseBarcode(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> [ESCPOSCommand] {
        let type = Self.digit(try reader.byte())
        let layout = Self.digit(try reader.byte())
        let mode = Self.digit(try reader.byte())
        let height = Int(try reader.byte())
        var data: [UInt8] = []
        while true {
            let byte = try reader.byte()
            if byte == 0x1E { break }
            data.append(byte)
            if data.count > 255 { return [unknown(&reader, start: start, length: 6, "ESC b data without its RS terminator")] }
        }
        guard type < Self.barcodeSystems.count, (1...4).contains(layout), (1...9).contains(mode), height >= 1 else {
            return [outOfRange(start, "ESC b \(type) \(layout) \(mode) \(height)")]
        }
        let system = Self.barcodeSystems[Int(type)]
        let symbol: [UInt8]
        if system == 73 {
            let (payload, problem) = Self.code128Payload(data)
            if let problem { note(base + start, problem) }
            symbol = payload
        } else {
            symbol = data
        }
        var commands: [ESCPOSCommand] = [
            .barcodeHeight(height), .barcodeModuleWidth(mode <= 3 ? Int(mode) + 1 : 2),
            .barcodeHRIPosition(layout == 2 || layout == 4 ? 2 : 0), .barcodeHRIFont(0), .barcode(system: system, data: symbol),
        ]
        if layout <= 2 { commands.append(.feedLines(1)) }
        return commands
    }

    /// Star CODE128 data (the printer chooses code sets; `%0` is `%`, `%@`…`%_` are the control
    /// characters 0x00…0x1F, `%1`…`%4` FNC1…FNC4, `%5` DEL) as `GS k 73` data: `{A` or `{B` before
    /// each run that needs that set, `{{` for a literal `{`. Returns a note for a bad escape.
    static func code128Payload(_ data: [UInt8]) -> (payload: [UInt8], problem: String?) {
        var payload: [UInt8] = []
        var set: UInt8 = 0
        var problem: String?
        var index = 0
        func use(_ wanted: UInt8) {
            if set != wanted { payload += [0x7B, wanted] }
            set = wanted
        }
        while index < data.count {
            var byte = data[index]
            index += 1
            if byte == 0x25 {
                guard index < data.count else {
                    problem = "CODE128 data ends with a lone % escape; dropped"
                    break
                }
                let escape = data[index]
                index += 1
                switch escape {
                case 0x30: byte = 0x25
                case 0x35: byte = 0x7F
                case 0x31...0x34:
                    if set == 0 { use(0x42) }
                    payload += [0x7B, escape]
                    continue
                case 0x40...0x5F: byte = escape - 0x40
                default:
                    problem = "CODE128 escape %\(Character(Unicode.Scalar(escape))) is unknown; dropped"
                    continue
                }
            }
            // Set A holds the control characters, set B lower case and DEL; both hold 0x20…0x5F.
            if byte < 0x20 { use(0x41) } else if byte >= 0x60 || set == 0 { use(0x42) }
            payload += byte == 0x7B ? [0x7B, 0x7B] : [byte]
        }
        return (payload, problem)
    }

    /// `ESC k n1 n2 d…`: one band of a fine image, 24 rows of (n1 + n2·256) bytes, MSB leftmost;
    /// placed in the current line like a character (the `LF` after it prints the band).
    mutating func parseFineImage(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let bytesPerRow = try reader.uint16()
        guard bytesPerRow >= 1, bytesPerRow <= 512 else {
            return unknown(&reader, start: start, length: 4, "ESC k with an implausible width of \(bytesPerRow) bytes")
        }
        let data = try reader.take(bytesPerRow * 24)
        return .columnImage(ESCPOSParser.bitmap(data, bytesPerRow: bytesPerRow, width: bytesPerRow * 8, rows: 24), scaleX: 1, scaleY: 1)
    }

    /// `ESC K n1 n2 d…`: a standard-density image of (n1 + n2·256) columns of 8 dots (MSB on top),
    /// each dot printed 3 × 3.
    mutating func parseStandardImage(_ reader: inout ByteReader, start: Int) throws(ByteShortage) -> ESCPOSCommand {
        let columns = try reader.uint16()
        guard columns >= 1, columns <= 4096 else {
            return unknown(&reader, start: start, length: 4, "ESC K with an implausible width of \(columns) columns")
        }
        let data = try reader.take(columns)
        var bitmap = MonochromeBitmap(width: columns, height: 8)
        for (column, byte) in data.enumerated() {
            for row in 0..<8 where byte & (0x80 >> UInt8(row)) != 0 { bitmap[column, row] = true }
        }
        return .columnImage(bitmap, scaleX: 3, scaleY: 3)
    }
}
