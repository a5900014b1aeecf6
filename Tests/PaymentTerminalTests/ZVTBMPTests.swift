import PaymentTerminal
import Testing

@Suite("ZVT BMP fields")
struct ZVTBMPTests {
    func decode(_ hex: String, charset: ZVTCharset = .cp437) throws -> [ZVTField] {
        try ZVTBMPCodec.decodeFields(h(hex), charset: charset).fields
    }

    func value(_ hex: String) throws -> ZVTFieldValue? {
        try decode(hex).first?.value
    }

    @Test("typed values of every content kind", arguments: [
        ("04 00 00 00 01 23 45", ZVTFieldValue.amount(12345)),
        ("0B 00 01 23", .number(123)),
        ("87 00 42", .number(42)),
        ("88 12 34 56", .number(123_456)),
        ("17 00 01", .number(1)),
        ("37 99 99 99", .number(999_999)),
        ("29 52 50 00 01", .digits("52500001")),
        ("49 09 78", .currency(978)),
        ("0C 14 30 15", .time(hour: 14, minute: 30, second: 15)),
        ("0D 11 24", .date(month: 11, day: 24)),
        ("AA 24 11 24", .fullDate(year: 24, month: 11, day: 24)),
        ("0E 27 12", .expiryDate(year: 27, month: 12)),
        ("27 6C", .resultCode(.aborted)),
        ("8A 0A", .cardType(ZVTCardType(rawValue: 0x0A))),
        ("19 40", .byte(0x40)),
        ("01 1E", .byte(30)),
        ("A0 05", .byte(5)),
        ("8B F0 F4 56 69 73 61", .text("Visa")),
        ("2A 31 32 33 34 35 36 37 38 20 20 20 20 20 20 20", .text("12345678       ")),
        ("3B 41 42 31 32 33 34 30 30", .binary(h("41 42 31 32 33 34 30 30"))),
        ("BA 01 02 03 04 05", .binary(h("01 02 03 04 05"))),
        ("60 F0 F0 F3 01 02 03", .binary(h("01 02 03"))),
        ("3C F0 F0 F5 48 61 6C 6C 6F", .text("Hallo")),
        ("06 00", .tlv([])),
    ] as [(String, ZVTFieldValue)])
    func typedValues(_ hex: String, _ expected: ZVTFieldValue) throws {
        #expect(try value(hex) == expected)
    }

    @Test("PAN: BCD digits, E masked by the terminal, F fill; empty 22 F0 F0 is legal")
    func pan() throws {
        guard case .pan(let pan)? = try value("22 F0 F8 47 61 73 EE EE EE 00 10") else {
            Issue.record("expected a PAN")
            return
        }
        #expect(pan == ZVTPAN(digits: "476173******0010"))
        #expect(pan.masked == "476173******0010")
        guard case .pan(let odd)? = try value("22 F0 F3 12 34 5F") else {
            Issue.record("expected a PAN")
            return
        }
        #expect(odd.digitCount == 5)
        guard case .pan(let empty)? = try value("22 F0 F0") else {
            Issue.record("expected a PAN")
            return
        }
        #expect(empty.isEmpty)
    }

    @Test("secrets are kept but not shown", arguments: ["23 F0 F3 12 34 56", "24 F0 F0 F2 12 34", "2D F0 F1 41", "2E F0 F0 F1 00",
                                                      "3A 12 3F", "3D 12 34 56", "A7 F0 F1 00", "D1 F0 F1 00"])
    func secrets(_ hex: String) throws {
        let field = try #require(try decode(hex).first)
        guard case .secret(let secret) = field.value else {
            Issue.record("expected a secret")
            return
        }
        #expect(field.value.description == "******")
        #expect(!String(describing: secret).contains("12"))
        #expect(try ZVTBMPCodec.encodeFields([field]) == h(hex))
    }

    @Test("every BMP in the table decodes and re-encodes a sample value")
    func wholeTable() throws {
        for definition in ZVTBMPDefinition.all {
            let sample: UInt8 = definition.encoding == .text || definition.encoding == .ascii ? 0x41 : 0x11
            let content: [UInt8]
            switch definition.length {
            case .fixed(let count): content = [UInt8](repeating: sample, count: count)
            case .llvar: content = [0xF0, 0xF2, sample, sample]
            case .lllvar: content = [0xF0, 0xF0, 0xF2, sample, sample]
            case .ber: content = [0x02, 0x07, 0x00]
            }
            let bytes = [definition.bmp.rawValue] + content
            let decoded = try ZVTBMPCodec.decodeFields(bytes).fields
            #expect(decoded.count == 1, "BMP \(definition.bmp)")
            #expect(decoded.first?.bmp == definition.bmp)
            #expect(try ZVTBMPCodec.encodeFields(decoded) == bytes, "BMP \(definition.bmp) \(definition.name)")
        }
        #expect(ZVTBMPDefinition.all.count == ZVTBMPDefinition.table.count)
        #expect(ZVTBMPDefinition.all.count >= 60)
    }

    @Test("the BMPs zvt.md lists have the documented lengths")
    func documentedLengths() {
        let expected: [(UInt8, ZVTBMPDefinition.Length, ZVTBMPDefinition.Encoding)] = [
            (0x04, .fixed(6), .bcd), (0x0B, .fixed(3), .bcd), (0x0C, .fixed(3), .bcd), (0x0D, .fixed(2), .bcd), (0x0E, .fixed(2), .bcd),
            (0x17, .fixed(2), .bcd), (0x19, .fixed(1), .binary), (0x22, .llvar, .bcd), (0x27, .fixed(1), .binary),
            (0x29, .fixed(4), .bcd), (0x2A, .fixed(15), .ascii), (0x3B, .fixed(8), .binary), (0x3C, .lllvar, .text),
            (0x49, .fixed(2), .bcd), (0x60, .lllvar, .binary), (0x87, .fixed(2), .bcd), (0x88, .fixed(3), .bcd),
            (0x8A, .fixed(1), .binary), (0x8B, .llvar, .text), (0xA0, .fixed(1), .binary), (0x06, .ber, .tlv),
            (0x01, .fixed(1), .binary), (0x02, .fixed(1), .binary), (0x03, .fixed(1), .binary),
        ]
        for (number, length, encoding) in expected {
            let definition = ZVTBMP(rawValue: number).definition
            #expect(definition?.length == length, "BMP \(ZVTBMP(rawValue: number))")
            #expect(definition?.encoding == encoding, "BMP \(ZVTBMP(rawValue: number))")
        }
    }

    @Test("several fields in a row keep their offsets")
    func offsets() throws {
        let fields = try ZVTBMPCodec.decodeFields(h("27 00 04 00 00 00 00 12 50 8B F0 F2 4F 4B"), baseOffset: 3).fields
        #expect(fields.map(\.offset) == [3, 5, 12])
        #expect(fields.map(\.bmp) == [.resultCode, .amount, .cardName])
    }

    @Test("errors name the offset and what was expected", arguments: [
        ("04 00 00 12", 1, ZVTDecodingError.Reason.truncated),      // amount cut short
        ("27 00 55 01", 2, .unknownBMP),                             // 55 is not in the table
        ("27 00 07", 2, .unknownBMP),
        ("8B F0 12 41", 2, .invalidLength),                          // second LLVAR byte not Fx
        ("8B FA F1 41", 1, .invalidLength),                          // FA is not a digit
        ("8B F0 F5 41 42", 3, .truncated),
        ("3C F0 F0", 3, .truncated),                                 // LLLVAR needs three bytes
        ("04 00 00 00 00 1A 50", 5, .invalidBCD),
        ("0B 00 0F 00", 2, .invalidBCD),
        ("22 F0 F2 12 A4", 4, .invalidBCD),                          // A is no PAN nibble
        ("22 F0 F2 1F 23", 4, .invalidBCD),                          // digit after fill
        ("06 83 00 00 01", 1, .invalidLength),                       // unsupported BER form
        ("06 05 01 00", 2, .truncated),
        ("00", 0, .unknownBMP),
    ] as [(String, Int, ZVTDecodingError.Reason)])
    func errors(_ hex: String, _ offset: Int, _ reason: ZVTDecodingError.Reason) {
        let error = decodingError { _ = try ZVTBMPCodec.decodeFields(h(hex)) }
        #expect(error?.offset == offset, "\(hex): \(String(describing: error))")
        #expect(error?.reason == reason, "\(hex)")
        #expect(error?.message.hasPrefix("expected") == true)
    }

    @Test("a PAN error does not quote the card's bytes")
    func panErrorWithholdsBytes() {
        let error = decodingError { _ = try ZVTBMPCodec.decodeFields(h("22 F0 F2 47 6B")) }
        #expect(error?.message.contains("6B") == false)
    }

    @Test("the ECR's fields encode as the specification shows")
    func ecrEncoding() throws {
        #expect(try ZVTBMPCodec.encodeFields([try .amount(1250)]) == h("04 00 00 00 00 12 50"))
        #expect(try ZVTBMPCodec.encodeFields([try .currency(978)]) == h("49 09 78"))
        #expect(try ZVTBMPCodec.encodeFields([try .trace(123)]) == h("0B 00 01 23"))
        #expect(try ZVTBMPCodec.encodeFields([try .receiptNumber(42)]) == h("87 00 42"))
        #expect(try ZVTBMPCodec.encodeFields([.paymentType(0x40), .serviceByte(0x01), .timeout(seconds: 30), .maxStatusInfos(5)])
                == h("19 40 03 01 01 1E 02 05"))
        #expect(throws: ZVTEncodingError.self) { try ZVTBMPCodec.encodeFields([.configByte(0x8E)]) }
        #expect(try ZVTBMPCodec.encode(.cardName, .text("Visa")) == h("8B F0 F4 56 69 73 61"))
        #expect(try ZVTBMPCodec.encode(.vuNumber, .text("1234")) == h("2A 31 32 33 34") + [UInt8](repeating: 0x20, count: 11))
        #expect(try ZVTBMPCodec.encode(.pan, .pan(try #require(ZVTPAN(digits: "12345")))) == h("22 F0 F3 12 34 5F"))
    }

    @Test("values ZVT cannot carry are refused")
    func encodingErrors() {
        #expect(throws: ZVTEncodingError.self) { try ZVTField.amount(1_000_000_000_000) }
        #expect(throws: ZVTEncodingError.self) { try ZVTField.amount(-1) }
        #expect(throws: ZVTEncodingError.self) { try ZVTField.trace(1_000_000) }
        #expect(throws: ZVTEncodingError.self) { try ZVTField.receiptNumber(10_000) }
        #expect(throws: ZVTEncodingError.self) { try ZVTField.password("12345") }
        #expect(throws: ZVTEncodingError.self) { try ZVTField.password("12345a") }
        #expect(throws: ZVTEncodingError.self) { try ZVTBMPCodec.encode(.cardName, .text(String(repeating: "x", count: 100))) }
        #expect(throws: ZVTEncodingError.self) { try ZVTBMPCodec.encode(.amount, .text("12")) }
        #expect(throws: ZVTEncodingError.self) { try ZVTBMPCodec.encode(ZVTBMP(rawValue: 0x55), .byte(0)) }
        #expect(throws: ZVTEncodingError.self) { try ZVTBMPCodec.encode(.time, .time(hour: 100, minute: 0, second: 0)) }
    }

    // A control byte (07 here) used to decode as U+FFFD; issue 9 (item 8) names that a defect:
    // it is left out, still with a warning at its offset.
    @Test("text fields report bytes the character set cannot show")
    func unmappableText() throws {
        let result = try ZVTBMPCodec.decodeFields(h("8B F0 F3 41 07 42"), baseOffset: 10, charset: .cp437)
        #expect(result.fields.first?.value == .text("AB"))
        #expect(result.warnings.map(\.offset) == [14])
        let ascii = try ZVTBMPCodec.decodeFields(h("8B F0 F3 41 E4 42"), baseOffset: 10, charset: .ascii)
        #expect(ascii.fields.first?.value == .text("A\u{FFFD}B"))
        #expect(ascii.warnings.map(\.offset) == [14])
    }
}
