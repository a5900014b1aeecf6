import PaymentTerminal
import Testing

/// `bhal zvt decode` (the formatter) masks card numbers in free text as the journal does (issue 9,
/// item 7): BMP 3C, BMP 8B, print lines and TLV texts; 12-digit card numbers too.
@Suite("ZVT decoder output masks card numbers in text fields")
struct ZVTDecoderMaskingTests {
    static let visa = "4761739001010010"
    static let maestro12 = "676100000006"

    /// `04 0F` with `text` in BMP 3C and `name` in BMP 8B.
    static func statusInformation(text: String, name: String) -> [UInt8] {
        let additional = Array(text.utf8)
        let card = Array(name.utf8)
        let lll = [0xF0 | UInt8(additional.count / 100), 0xF0 | UInt8(additional.count / 10 % 10), 0xF0 | UInt8(additional.count % 10)]
        let data = h("27 00 3C") + lll + additional + h("8B") + [0xF0 | UInt8(card.count / 10), 0xF0 | UInt8(card.count % 10)] + card
        return h("04 0F") + [UInt8(data.count)] + data
    }

    func expectNoFullNumber(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.contains(Self.visa), "\(output)", sourceLocation: sourceLocation)
        #expect(!output.contains(Self.maestro12), "\(output)", sourceLocation: sourceLocation)
        #expect(!output.contains("900101"), "\(output)", sourceLocation: sourceLocation)
    }

    @Test("BMP 3C and BMP 8B: text and JSON")
    func bmpTexts() throws {
        let message = try ZVTMessage.decode(bytes: Self.statusInformation(text: "Karte \(Self.visa)\rKarte2 \(Self.maestro12)",
                                                                          name: "Maestro \(Self.maestro12)"))
        let formatter = ZVTMessageFormatter()
        for output in [formatter.text(message), formatter.json([message]), message.description] {
            expectNoFullNumber(output)
            #expect(output.contains("476173******0010") && output.contains("********0006"), "\(output)")
        }
    }

    @Test("a print line 06 D1 and a TLV text line")
    func printLineAndTLV() throws {
        let text = Array("PAN \(Self.maestro12)".utf8)
        let line = try ZVTMessage.decode(bytes: h("06 D1") + [UInt8(text.count + 1), 0x00] + text)
        let tlvText = Array("Karte \(Self.visa)".utf8)
        let block = try ZVTMessage.decode(bytes: h("06 D3") + [UInt8(tlvText.count + 6)]
                                          + h("06") + [UInt8(tlvText.count + 4)] + h("25") + [UInt8(tlvText.count + 2)]
                                          + h("07") + [UInt8(tlvText.count)] + tlvText)
        let formatter = ZVTMessageFormatter()
        for output in [formatter.text(line), formatter.json([line]), formatter.text(block), formatter.json([block])] {
            expectNoFullNumber(output)
        }
    }

    @Test("fields of known meaning are not masked: a 12-digit amount, TID, dates")
    func knownFieldsStay() throws {
        // Amount 6761000000.06 (the 12 digits of the Maestro number), TID 67610000, date, time.
        let message = try ZVTMessage.decode(bytes: h("04 0F 17 04 67 61 00 00 00 06 29 67 61 00 00 0C 10 15 02 0D 06 12 0B 00 01 23"))
        let json = ZVTMessageFormatter().json([message])
        #expect(json.contains("676100000006"), "the amount in cents is not a card number: \(json)")
        #expect(json.contains("6761000000.06") && json.contains("67610000"), "\(json)")
    }
}
