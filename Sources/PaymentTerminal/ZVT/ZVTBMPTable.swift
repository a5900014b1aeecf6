extension ZVTBMPDefinition {
    /// The BMP table of PA00P015 §13 (rev 13.08) in number order. zvt.md §3 lists the fields we use;
    /// the rest are here so that a message carrying them can still be parsed past them.
    public static let all: [ZVTBMPDefinition] = {
        var rows: [ZVTBMPDefinition] = [
            row(0x01, "Timeout", .fixed(1), .byte),
            row(0x02, "Max. status infos", .fixed(1), .byte),
            row(0x03, "Service byte", .fixed(1), .byte),
            row(0x04, "Amount", .fixed(6), .amount),
            row(0x05, "Pump number", .fixed(1), .byte),
            row(0x06, "TLV container", .ber, .tlv),
            row(0x0B, "Trace number", .fixed(3), .number),
            row(0x0C, "Time", .fixed(3), .time),
            row(0x0D, "Date", .fixed(2), .date),
            row(0x0E, "Expiry date", .fixed(2), .expiryDate),
            row(0x17, "Card sequence number", .fixed(2), .number),
            row(0x19, "Payment type / status byte", .fixed(1), .byte),
            row(0x22, "PAN / EF_ID", .llvar, .pan),
            row(0x23, "Track 2 data", .llvar, .secret),
            row(0x24, "Track 3 data", .lllvar, .secret),
            row(0x27, "Result code", .fixed(1), .resultCode),
            row(0x29, "Terminal ID", .fixed(4), .digits),
            row(0x2A, "VU number", .fixed(15), .ascii),
            row(0x2D, "Track 1 data", .llvar, .secret),
            row(0x2E, "Synchronous chip data", .lllvar, .secret),
            row(0x37, "Original trace number", .fixed(3), .number),
            row(0x3A, "CVV/CVC", .fixed(2), .secret),
            row(0x3B, "AID authorisation attribute", .fixed(8), .binary),
            row(0x3C, "Additional data / text", .lllvar, .text),
            row(0x3D, "Password", .fixed(3), .secret),
            row(0x49, "Currency code", .fixed(2), .currency),
            row(0x60, "Individual totals", .lllvar, .binary),
            row(0x87, "Receipt number", .fixed(2), .number),
            row(0x88, "Turnover record number", .fixed(3), .number),
            row(0x8A, "Card type", .fixed(1), .cardType),
            row(0x8B, "Card name", .llvar, .text),
            row(0x8C, "Card type ID of the network operator", .fixed(1), .byte),
            row(0x92, "Additional data ec-Cash with chip", .lllvar, .binary),
            row(0x9A, "Geldkarte payment record", .lllvar, .binary),
            row(0xA0, "Result code of the authorisation system", .fixed(1), .byte),
            row(0xA7, "Chip data EF_ID", .llvar, .secret),
            row(0xAA, "Date (YYMMDD)", .fixed(3), .fullDate),
            row(0xAF, "EF_Info", .lllvar, .binary),
            row(0xBA, "AID parameter", .fixed(5), .binary),
            row(0xD0, "Algorithm key", .fixed(1), .byte),
            row(0xD1, "Card offset / PIN data", .llvar, .secret),
            row(0xD2, "Card output direction", .fixed(1), .byte),
            row(0xD3, "DUKPT key identifier", .fixed(1), .byte),
            row(0xE0, "Minimum input length", .fixed(1), .byte),
        ]
        for line in 1...8 { rows.append(row(UInt8(0xE0 + line), "Text 2 line \(line)", .llvar, .text)) }
        rows += [
            row(0xE9, "Maximum input length", .fixed(1), .byte),
            row(0xEA, "Echo input", .fixed(1), .byte),
            row(0xEB, "MAC over text 1 and 2", .fixed(8), .binary),
            row(0xF0, "Display duration", .fixed(1), .byte),
        ]
        for line in 1...8 { rows.append(row(UInt8(0xF0 + line), "Text 1 line \(line)", .llvar, .text)) }
        rows += [
            row(0xF9, "Number of beeps", .fixed(1), .byte),
            row(0xFA, "Card reader activation", .fixed(1), .byte),
            row(0xFB, "Input confirmation with OK", .fixed(1), .byte),
            row(0xFC, "Dialog control", .fixed(1), .byte),
            row(0xFD, "Display device", .fixed(1), .byte),
        ]
        return rows
    }()

    private static func row(_ number: UInt8, _ name: String, _ length: Length, _ content: Content) -> ZVTBMPDefinition {
        ZVTBMPDefinition(bmp: ZVTBMP(rawValue: number), name: name, length: length, content: content)
    }
}
