import PaymentTerminal
import Testing

/// What terminals in the field send in text and BCD fields (issue 9, item 8): CR as BMP 3C's line
/// separator, a NUL-terminated card name in BMP 8B, `FF FF` for "no receipt number".
@Suite("ZVT fields as real terminals send them")
struct ZVTFieldHabitsTests {
    /// `04 0F` with BMP 3C "Zeile 1\rZeile 2\r" and BMP 8B "MasterCard\0".
    static let statusInformation: [UInt8] = {
        let data = h("27 00 3C F0 F1 F6") + Array("Zeile 1\rZeile 2\r".utf8) + h("8B F1 F1") + Array("MasterCard".utf8) + [0x00]
        return h("04 0F") + [UInt8(data.count)] + data
    }()

    @Test("BMP 3C: CR is a line break; BMP 8B: the trailing NUL ends the card name; no U+FFFD, no warning")
    func crAndNul() throws {
        let message = try ZVTMessage.decode(bytes: Self.statusInformation)
        #expect(message.field(ZVTBMP(rawValue: 0x3C))?.value == .text("Zeile 1\nZeile 2\n"))
        #expect(message.field(.cardName)?.value == .text("MasterCard"))
        #expect(message.warnings.isEmpty, "\(message.warnings)")
        let json = ZVTMessageFormatter().json([message])
        #expect(json.contains("\"MasterCard\"") && !json.contains("\u{FFFD}"), "\(json)")
        #expect(json.contains("Zeile 1\\nZeile 2"), "\(json)")
        let text = ZVTMessageFormatter().text(message)
        #expect(!text.contains("\u{FFFD}") && text.contains("\"MasterCard\""), "\(text)")
    }

    @Test("the card name reaches the payment result without a replacement character")
    func cardNameInResult() throws {
        let message = try ZVTMessage.decode(bytes: Self.statusInformation)
        #expect(message.description.contains("\"MasterCard\""))
        #expect(!message.description.contains("\u{FFFD}"))
    }

    @Test("control bytes are left out, never U+FFFD; CR LF is one break, TAB a space", arguments: [
        (ZVTCharset.cp437, [0x41, 0x00, 0x42, 0x1B], "AB", [1, 3]),
        (.latin1, [0x41, 0x80, 0x9F, 0xC4], "AÄ", [1, 2]),
        (.zvt7, [0x41, 0x7F, 0x42], "AB", [1]),
        (.ascii, [0x41, 0x0D, 0x0A, 0x42, 0x09, 0x43], "A\nB C", []),
        (.utf8, [0x41, 0xC2, 0x85, 0x0D, 0x42, 0x00, 0x00], "A\nB", [1]),
        (.cp437, [0x4D, 0x43, 0x00, 0x00, 0x00], "MC", []),
    ] as [(ZVTCharset, [UInt8], String, [Int])])
    func controls(_ charset: ZVTCharset, _ bytes: [UInt8], _ expected: String, _ dropped: [Int]) {
        let decoded = charset.decode(bytes)
        #expect(decoded.string == expected)
        #expect(decoded.replacedByteOffsets.isEmpty)
        #expect(decoded.droppedControlOffsets == dropped)
    }

    @Test("an Abort with FF FF as receipt number decodes: no value")
    func abortWithoutReceiptNumber() throws {
        let message = try ZVTMessage.decode(bytes: h("06 1E 04 B8 87 FF FF"))
        #expect(message.resultCode == ZVTResultCode(rawValue: 0xB8))
        #expect(message.field(.receiptNumber)?.value == .noValue)
        #expect(ZVTMessageFormatter().text(message).contains("(no value)"))
        // And back: "no value" encodes as all-F.
        #expect(try message.apdu().encoded() == h("06 1E 04 B8 87 FF FF"))
    }

    @Test("all-F nibbles mean no value in every BCD field", arguments: [
        "04 FF FF FF FF FF FF", "0B FF FF FF", "0C FF FF FF", "0D FF FF", "0E FF FF", "17 FF FF",
        "29 FF FF FF FF", "37 FF FF FF", "49 FF FF", "87 FF FF", "88 FF FF FF", "AA FF FF FF",
    ])
    func noValueInBCD(_ field: String) throws {
        let message = try ZVTMessage.decode(bytes: h("04 0F") + [UInt8(h(field).count)] + h(field))
        #expect(message.fields.first?.value == .noValue)
    }

    @Test("a partly F BCD field is still an error naming its offset")
    func partlyF() {
        #expect(throws: ZVTDecodingError.self) { try ZVTMessage.decode(bytes: h("06 1E 04 B8 87 12 FF")) }
    }

    @Test("an intermediate status with FF as display timeout keeps T4 unchanged")
    func statusTimeoutNoValue() throws {
        let message = try ZVTMessage.decode(bytes: h("04 FF 02 17 FF"))
        #expect(message.field(id: .statusTimeout)?.value == .noValue)
    }
}
