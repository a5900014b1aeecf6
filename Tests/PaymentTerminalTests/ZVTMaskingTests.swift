import PaymentTerminal
import Testing

@Suite("ZVT output never shows card secrets")
struct ZVTMaskingTests {
    /// A Visa test PAN (public test number), sent unmasked as a careless terminal would.
    static let fullPAN = "4761739001010010"

    static func statusInformation() throws -> ZVTMessage {
        let pan = try #require(ZVTPAN(digits: fullPAN))
        let message = ZVTMessage(type: .statusInformation, fields: [
            ZVTField(.bmp(.resultCode), value: .resultCode(.success)),
            try .amount(1250),
            ZVTField(.bmp(.pan), value: .pan(pan)),
            ZVTField(.bmp(ZVTBMP(rawValue: 0x23)), value: .secret(ZVTSecret(h("47 61 73 90 01 01 00 10 D2 71 22 01")))),
            ZVTField(.bmp(.tlv), value: .tlv([
                .primitive(.applicationPAN, h("47 61 73 90 01 01 00 10")),
                .primitive(ZVTTLVTag(rawValue: 0x57), h("47 61 73 90 01 01 00 10 D2 71 22 01")),
                .constructed(ZVTTLVTag(rawValue: 0x60), [.primitive(.applicationPAN, h("47 61 73 90 01 01 00 10"))]),
            ])),
        ])
        // Through the wire and back, so the decoder's values are what gets printed.
        return try ZVTMessage.decode(message.apdu())
    }

    /// Asserts that `output` shows the masked PAN and none of the hidden digits.
    func expectMasked(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.contains("476173******0010"), sourceLocation: sourceLocation)
        #expect(!output.contains(Self.fullPAN), sourceLocation: sourceLocation)
        #expect(!output.contains("900101"), sourceLocation: sourceLocation)
        #expect(!output.contains("90 01 01"), sourceLocation: sourceLocation)
        #expect(!output.contains("D2 71"), sourceLocation: sourceLocation)
    }

    @Test("PAN masked to first 6 / last 4 in text, JSON and descriptions; track data redacted")
    func panMasked() throws {
        let message = try Self.statusInformation()
        let formatter = ZVTMessageFormatter()
        expectMasked(formatter.text(message))
        expectMasked(formatter.json([message]))
        expectMasked(message.description)
        expectMasked(String(describing: message.fields))
        expectMasked(String(reflecting: message.field(.pan)?.value))
        #expect(formatter.text(message).contains("****** (12 bytes redacted)"))
    }

    @Test("the password of Registration prints as ******")
    func passwordHidden() throws {
        let message = try ZVTMessage.decode(bytes: try ZVTFixture.bytes("registration.hex"))
        let formatter = ZVTMessageFormatter()
        for output in [formatter.text(message), formatter.json([message]), message.description] {
            #expect(output.contains("******"))
            #expect(!output.contains("123456"))
            #expect(!output.contains("12 34 56"))
        }
    }

    @Test("short PANs reveal less", arguments: [
        ("4761739001010010", "476173******0010"), ("476173900101001", "476173*****1001"), ("1234567890123", "123456***0123"),
        ("123456789012", "********9012"), ("12345678", "****5678"), ("1234567", "*******"), ("", ""),
    ])
    func maskingRule(_ digits: String, _ masked: String) throws {
        let pan = try #require(ZVTPAN(digits: digits))
        #expect(pan.masked == masked)
        #expect(pan.description == masked)
        #expect(String(reflecting: pan) == "ZVTPAN(\(masked))")
    }

    @Test("the text output shows the decoded fields")
    func textOutput() throws {
        let text = ZVTMessageFormatter().text(try ZVTMessage.decode(bytes: try ZVTFixture.bytes("status-information-approved.hex")))
        #expect(text.hasPrefix("04 0F Status Information (PT→ECR)"))
        #expect(text.contains("04  5      Amount"))
        #expect(text.contains("12.50"))
        #expect(text.contains("1F10 Cardholder authentication"))
        #expect(text.contains("02 online PIN"))
        #expect(text.contains("result: 00 no error / kein Fehler [success]"))
    }

    @Test("the JSON output carries typed values")
    func jsonOutput() throws {
        let json = ZVTMessageFormatter().json([try ZVTMessage.decode(bytes: try ZVTFixture.bytes("status-information-approved.hex"))])
        #expect(json.contains("\"cents\": 1250"))
        #expect(json.contains("\"maskedPAN\": \"476173******0010\""))
        #expect(json.contains("\"outcome\": \"success\""))
        #expect(json.contains("\"tag\": \"1F12\""))
    }
}
