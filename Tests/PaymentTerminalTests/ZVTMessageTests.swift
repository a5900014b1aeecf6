import PaymentTerminal
import Testing

@Suite("ZVT messages")
struct ZVTMessageTests {
    func message(_ fixture: String, charset: ZVTCharset = .cp437) throws -> ZVTMessage {
        try ZVTMessage.decode(bytes: try ZVTFixture.bytes(fixture), charset: charset)
    }

    @Test("every APDU fixture decodes and encodes back to the same bytes", arguments: ZVTFixture.apduFixtures)
    func roundTrip(_ fixture: String) throws {
        let bytes = try ZVTFixture.bytes(fixture)
        let charset: ZVTCharset = fixture.contains("latin1") ? .latin1 : .cp437
        let decoded = try ZVTMessage.decode(bytes: bytes, charset: charset)
        #expect(decoded.warnings.isEmpty)
        #expect(try decoded.apdu(charset: charset).encoded() == bytes)
    }

    @Test("every fixture file is covered by a test list")
    func fixturesListed() throws {
        #expect(try ZVTFixture.names() == (ZVTFixture.apduFixtures + ZVTFixture.serialFixtures).sorted())
    }

    @Test("Status Information: the transaction result with all its fields")
    func statusInformation() throws {
        let message = try message("status-information-approved.hex")
        #expect(message.type == .statusInformation)
        #expect(message.resultCode == .success)
        #expect(message.amountCents == 1250)
        #expect(message.field(.traceNumber)?.value == .number(123))
        #expect(message.field(.receiptNumber)?.value == .number(42))
        #expect(message.field(.terminalID)?.value == .digits("52500001"))
        #expect(message.field(.vuNumber)?.value == .text("123456789012345"))
        #expect(message.field(.cardName)?.value == .text("Visa"))
        #expect(message.field(.cardType)?.value == .cardType(ZVTCardType(rawValue: 0x0A)))
        #expect(message.field(.currencyCode)?.value == .currency(978))
        #expect(message.field(.time)?.value == .time(hour: 14, minute: 30, second: 15))
        #expect(message.field(.pan)?.value == .pan(try #require(ZVTPAN(digits: "476173******0010"))))
        #expect(message.tlv.first(where: { $0.tag == .cardTechnology })?.bytes == [0x02])
        #expect(message.field(.pan)?.offset == 31)
    }

    @Test("Intermediate Status: status byte, display timeout, display texts")
    func intermediateStatus() throws {
        let message = try message("intermediate-status-insert-card.hex")
        #expect(message.field(id: .intermediateStatus)?.value == .intermediateStatus(.insertCard))
        #expect(message.field(id: .statusTimeout)?.value == .number(5))
        let lines = message.tlv.first?.children.compactMap(\.bytes).map { ZVTCharset.cp437.decode($0).string }
        #expect(lines == ["Bitte Karte", "einstecken"])
        let bare = try ZVTMessage.decode(ZVTAPDU(class: 0x04, instruction: 0xFF, data: [0x17]))
        #expect(bare.fields.count == 1)
    }

    @Test("Print Text Block over 254 bytes: extended length, 82 lengths, CP437 umlauts")
    func printTextBlock() throws {
        let bytes = try ZVTFixture.bytes("print-text-block-customer.hex")
        #expect(bytes[2] == 0xFF)
        let message = try ZVTMessage.decode(bytes: bytes)
        #expect(message.field(.tlv)?.offset == 5)
        let receiptType = message.tlv.first { $0.tag == .receiptType }
        #expect(receiptType?.bytes == [0x02])
        let texts = message.tlv.first { $0.tag == .printTexts }?.children.filter { $0.tag == .textLine }
        #expect(texts?.count == 12)
        #expect(texts?.first.flatMap(\.bytes).map { ZVTCharset.cp437.decode($0).string } == "Bürgeramt Musterstadt")
    }

    @Test("Print Line: the same receipt text in CP437 and ISO 8859-1, chosen per terminal")
    func printLineCharsets() throws {
        #expect(try message("print-line-cp437.hex").field(id: .printText)?.value == .text("Gebühr für Ausweis"))
        #expect(try message("print-line-latin1.hex", charset: .latin1).field(id: .printText)?.value == .text("Gebühr für Ausweis"))
        let wrongSet = try message("print-line-latin1.hex", charset: .zvt7)
        #expect(wrongSet.warnings.count == 2)
        #expect(wrongSet.warnings.first?.offset == 7)
    }

    @Test("Registration: password, config byte, currency without prefix, service byte, TLV")
    func registration() throws {
        let message = try message("registration.hex")
        #expect(message.fields.map(\.id) == [.password, .configByte, .currencyCode, .bmp(.serviceByte), .bmp(.tlv)])
        #expect(message.field(id: .password)?.value.description == "******")
        #expect(message.field(id: .configByte)?.value == .byte(0xBE))
        #expect(message.field(id: .currencyCode)?.value == .currency(978))
        let permitted = message.tlv.first { $0.tag == .permittedCommands }?.children.first?.bytes
        #expect(permitted == [0x06, 0xD3])
    }

    @Test("Registration written as zvt.md shows it (49 before the CC) is accepted too")
    func registrationWithBMP49() throws {
        let message = try ZVTMessage.decode(bytes: h("06 00 09 00 00 00 BE 49 09 78 03 00"))
        #expect(message.fields.map(\.id) == [.password, .configByte, .bmp(.currencyCode), .bmp(.serviceByte)])
    }

    @Test("Abort 06 1E, refusal 84 xx with data, and completion after a status enquiry")
    func terminalAnswers() throws {
        #expect(try message("abort-6c.hex").resultCode == .aborted)
        let refusal = try message("refusal-wrong-currency.hex")
        #expect(refusal.type.isRefusal)
        #expect(refusal.resultCode == .wrongCurrency)
        #expect(refusal.field(id: .currencyCode)?.value == .currency(978))
        #expect(try ZVTMessage.decode(bytes: h("84 6C 00")).resultCode == .aborted)
        // 84 1E names its result code first, also one that is a BMP id elsewhere (05 pump number, 9A Geldkarte).
        for code in [UInt8(0x6C), 0x05, 0x9A] {
            #expect(try ZVTMessage.decode(bytes: [0x84, 0x1E, 0x01, code]).resultCode == ZVTResultCode(rawValue: code))
        }
        let partial = try ZVTMessage.decode(bytes: h("84 9D 07 04 00 00 00 00 05 00"))
        #expect(partial.amountCents == 500)
        let feig = try ZVTMessage.decode(bytes: h("06 1E 04 6C 87 00 42"))
        #expect(feig.resultCode == .aborted)
        #expect(feig.field(.receiptNumber)?.value == .number(42))
        let completion = try message("completion-status-enquiry.hex")
        #expect(completion.field(id: .softwareVersion)?.value == .text("GER-ZVT-1.2"))
        #expect(completion.field(id: .terminalStatus)?.value == .terminalStatus(.ready))
        #expect(completion.field(.terminalID)?.value == .digits("52500001"))
        let registrationCompletion = try ZVTMessage.decode(bytes: h("06 0F 07 19 00 29 52 50 00 01"))
        #expect(registrationCompletion.field(.paymentType)?.value == .byte(0))
        #expect(try ZVTMessage.decode(bytes: h("80 00 00")).fields.isEmpty)
        let ackWithTLV = try ZVTMessage.decode(bytes: h("80 00 06 06 04 1F 73 01 05"))
        #expect(ackWithTLV.tlv.first?.tag == .sequenceID)
    }

    @Test("an unknown message type with non-BMP data is shown raw with a warning, not rejected")
    func unknownType() throws {
        let message = try ZVTMessage.decode(bytes: h("42 42 03 55 66 77"))
        #expect(message.field(id: .rawData)?.value == .binary(h("55 66 77")))
        #expect(message.warnings.count == 1)
        let bmps = try ZVTMessage.decode(bytes: h("06 D8 02 19 01"))
        #expect(bmps.fields.first?.bmp == .paymentType)
    }

    @Test("decoding errors inside a message name the offset from the APDU's first byte", arguments: [
        ("04 0F 04 27 00 04 00", 6, ZVTDecodingError.Reason.truncated),
        ("04 0F 03 27 00 55", 5, .unknownBMP),
        ("04 0F FF 03 00 27 00 55", 7, .unknownBMP),
        ("06 D3 04 06 02 07 05", 7, .truncated),
        ("04 FF 02 0A 5A", 4, .invalidBCD),
        ("06 0F 05 F0 F0 F5 41 42", 6, .truncated),
        ("06 00 01 00", 3, .truncated),
    ] as [(String, Int, ZVTDecodingError.Reason)])
    func messageErrors(_ hex: String, _ offset: Int, _ reason: ZVTDecodingError.Reason) {
        let error = decodingError { _ = try ZVTMessage.decode(bytes: h(hex)) }
        #expect(error?.offset == offset, "\(hex): \(String(describing: error))")
        #expect(error?.reason == reason, "\(hex)")
    }

    @Test("the ECR's commands encode as PA00P015 §2 lays them out")
    func requests() throws {
        func bytes(_ message: ZVTMessage) throws -> [UInt8] { try message.apdu().encoded() }
        #expect(try bytes(ZVTRequest.authorization(amountCents: 1250, currency: 978, paymentType: 0x40, timeoutSeconds: 30, maxStatusInfos: 5))
                == (try ZVTFixture.bytes("authorization.hex")))
        #expect(try bytes(ZVTRequest.authorization(amountCents: 1250)) == h("06 01 07 04 00 00 00 00 12 50"))
        let tlv: [ZVTTLV] = [.constructed(.permittedCommands, [.primitive(.permittedCommand, h("06 D3"))]),
                             .primitive(.printerLineWidth, [0x28]), .primitive(.characterSet, [0xFF])]
        #expect(try bytes(ZVTRequest.registration(password: "123456", configByte: 0xBE, currency: 978, serviceByte: 0x00, tlv: tlv))
                == (try ZVTFixture.bytes("registration.hex")))
        #expect(try bytes(ZVTRequest.registration(password: "000000", configByte: 0x8E, currency: nil)) == h("06 00 04 00 00 00 8E"))
        #expect(throws: ZVTEncodingError.self) { try ZVTRequest.registration(password: "000000", configByte: 0, currency: nil, serviceByte: 1) }
        #expect(try bytes(ZVTRequest.reversal(password: "000000", receiptNumber: 42)) == h("06 30 06 00 00 00 87 00 42"))
        #expect(try bytes(ZVTRequest.refund(password: "000000", amountCents: 500)) == h("06 31 0A 00 00 00 04 00 00 00 00 05 00"))
        #expect(try bytes(ZVTRequest.preAuthorization(amountCents: 100)) == h("06 22 07 04 00 00 00 00 01 00"))
        #expect(try bytes(ZVTRequest.bookTotal(receiptNumber: 7, amountCents: 100, trace: 9)) == h("06 24 0E 87 00 07 04 00 00 00 00 01 00 0B 00 00 09"))
        #expect(try bytes(ZVTRequest.endOfDay(password: "000000")) == h("06 50 03 00 00 00"))
        #expect(try bytes(ZVTRequest.statusEnquiry(password: "000000", serviceByte: 1)) == h("05 01 05 00 00 00 03 01"))
        #expect(try bytes(ZVTRequest.repeatReceipt(password: "000000")) == h("06 20 03 00 00 00"))
        #expect(try bytes(ZVTRequest.diagnosis()) == h("06 70 00"))
        #expect(try bytes(ZVTRequest.abort()) == h("06 B0 00"))
        #expect(try bytes(ZVTRequest.logOff()) == h("06 02 00"))
        #expect(try bytes(ZVTRequest.displayText(["Hallo"], durationSeconds: 5)) == h("06 E0 0A F0 05 F1 F0 F5 48 61 6C 6C 6F"))
        #expect(throws: ZVTEncodingError.self) { try ZVTRequest.displayText(Array(repeating: "x", count: 9)) }
    }

    @Test("commands decode back to the fields they were built from")
    func requestsRoundTrip() throws {
        let messages = [
            try ZVTRequest.registration(password: "123456", configByte: 0xBE, serviceByte: 0x01),
            try ZVTRequest.authorization(amountCents: 99, currency: 978),
            try ZVTRequest.reversal(password: "654321", receiptNumber: 1),
            try ZVTRequest.statusEnquiry(password: "000000"),
            try ZVTRequest.displayText(["Bitte zahlen", "12,50 EUR"]),
        ]
        for message in messages {
            let decoded = try ZVTMessage.decode(message.apdu())
            #expect(decoded.type == message.type)
            #expect(decoded.fields.map(\.id) == message.fields.map(\.id))
            #expect(decoded.fields.map(\.value) == message.fields.map(\.value))
            #expect(decoded.warnings.isEmpty)
        }
    }
}
