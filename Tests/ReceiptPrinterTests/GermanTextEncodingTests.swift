import ReceiptPrinter
import Testing

@Suite("German text, the euro sign and code pages")
struct GermanTextEncodingTests {
    typealias T = ESCPOSTest

    /// The bytes of one text line in `page` (without header and LF).
    func line(_ text: String, _ page: CodePage, profile: PrinterProfile = .epsonTMT20) throws -> [UInt8] {
        let encoded = try T.encode([.text(text)], profile: profile, codePage: page)
        #expect(encoded.replacements.isEmpty, "unexpected replacements: \(encoded.replacements)")
        let number = try #require(profile.number(of: page))
        let header: [UInt8] = profile.dialect == .escpos
            ? [0x1B, 0x40, 0x1B, 0x74, number, 0x1B, 0x52, 0x00]
            : [0x1B, 0x40, 0x1B, 0x1D, 0x74, number, 0x1B, 0x52, 0x00]
        #expect(encoded.bytes.starts(with: header), "the code page must be selected right after ESC @")
        #expect(encoded.bytes.last == 0x0A)
        return Array(encoded.bytes.dropFirst(header.count).dropLast())
    }

    @Test("acceptance strings in PC858 (ESC t 19): ü 81, € D5, ß E1, Ä Ö Ü 8E 99 9A, ä ö 84 94")
    func pc858() throws {
        #expect(try line("Gebühr für Führungszeugnis: 13,00 €", .pc858)
            == T.ascii("Geb") + [0x81] + T.ascii("hr f") + [0x81] + T.ascii("r F") + [0x81] + T.ascii("hrungszeugnis: 13,00 ") + [0xD5])
        #expect(try line("Straße", .pc858) == [0x53, 0x74, 0x72, 0x61, 0xE1, 0x65])
        #expect(try line("ÄÖÜäöüß", .pc858) == [0x8E, 0x99, 0x9A, 0x84, 0x94, 0x81, 0xE1])
    }

    @Test("acceptance strings in WPC1252 (ESC t 16): ü FC, € 80, ß DF, Ä Ö Ü C4 D6 DC, ä ö E4 F6")
    func wpc1252() throws {
        #expect(try line("Gebühr für Führungszeugnis: 13,00 €", .wpc1252)
            == T.ascii("Geb") + [0xFC] + T.ascii("hr f") + [0xFC] + T.ascii("r F") + [0xFC] + T.ascii("hrungszeugnis: 13,00 ") + [0x80])
        #expect(try line("Straße", .wpc1252) == [0x53, 0x74, 0x72, 0x61, 0xDF, 0x65])
        #expect(try line("ÄÖÜäöüß", .wpc1252) == [0xC4, 0xD6, 0xDC, 0xE4, 0xF6, 0xFC, 0xDF])
    }

    @Test("ISO 8859-15 (ESC t 40) has € at A4; the Star profile selects WPC1252 with ESC GS t 32")
    func otherPages() throws {
        #expect(try line("ÄÖÜäöüß €", .iso8859_15) == [0xC4, 0xD6, 0xDC, 0xE4, 0xF6, 0xFC, 0xDF, 0x20, 0xA4])
        #expect(try line("ÄÖÜäöüß €", .wpc1252, profile: .starTSP650) == [0xC4, 0xD6, 0xDC, 0xE4, 0xF6, 0xFC, 0xDF, 0x20, 0x80])
        #expect(try line("ÄÖÜäöüß", .pc437) == [0x8E, 0x99, 0x9A, 0x84, 0x94, 0x81, 0xE1])
    }

    @Test("the profile's preferred page is used when the receipt names none")
    func preferredPage() throws {
        let encoded = try T.encode([.text("€")])
        #expect(encoded.codePage == .pc858)
        #expect(encoded.bytes == T.epsonHeader + [0xD5, 0x0A])
    }

    @Test("a page the profile lacks is an error naming the available pages")
    func missingPage() {
        let error = #expect(throws: ReceiptError.self) { try T.encode([.text("x")], profile: .starTSP650, codePage: .iso8859_15) }
        #expect(error?.path == "codePage")
        #expect(error?.remedy.contains("pc858") == true)
    }

    @Test("decomposed umlauts (u + U+0308) are composed before encoding")
    func decomposed() throws {
        #expect(try line("Gebu\u{0308}hr", .pc858) == T.ascii("Geb") + [0x81] + T.ascii("hr"))
    }

    @Test("every upper-half byte of every page round-trips through its character")
    func tablesRoundTrip() {
        for page in CodePage.allCases {
            for byte in UInt8(0x80)...UInt8(0xFF) {
                guard let character = page.character(for: byte), let scalar = character.unicodeScalars.first else { continue }
                #expect(page.byte(for: scalar) == byte, "\(page) \(byte)")
            }
        }
        #expect(CodePage.pc858.character(for: 0xD5) == "€")
        #expect(CodePage.pc437.byte(for: "€") == nil)
        #expect(CodePage.wpc1252.character(for: 0x81) == nil)
        #expect(CodePage.iso8859_15.character(for: 0x80) == nil)
    }
}

@Suite("Unprintable characters are replaced visibly and reported")
struct CharacterReplacementTests {
    typealias T = ESCPOSTest

    @Test("€ in PC437 prints ? and is reported with path, character offset and line")
    func euroInPC437() throws {
        let encoded = try T.encode([.text("Summe"), .text("13,00 €")], codePage: .pc437)
        #expect(encoded.bytes.suffix(8) == T.ascii("13,00 ?") + [0x0A])
        #expect(encoded.replacements == [CharacterReplacement(path: "elements[1].text", characterOffset: 7, line: 2, original: "€",
                                                              replacement: "?", codePage: .pc437)])
        #expect(encoded.replacements[0].description == "elements[1].text character 7 (printed line 2): \"€\" (U+20AC) is not in PC437; printed \"?\"")
    }

    @Test("an emoji and a lira sign become ?, German quotes become \" in PC858, and nothing else is sent")
    func several() throws {
        let encoded = try T.encode([.text("„Danke“ 😀 ₤")])
        #expect(encoded.bytes == T.epsonHeader + T.ascii("\"Danke\" ? ?") + [0x0A])
        #expect(encoded.replacements.map(\.characterOffset) == [1, 7, 9, 11])
        #expect(encoded.replacements.map(\.replacement) == ["\"", "\"", "?", "?"])
        #expect(encoded.replacements[2].scalars == "U+1F600")
    }

    @Test("a replacement in a wrapped text and in a row's amount reports the printed line")
    func lines() throws {
        let long = String(repeating: "a", count: 46) + " b ☎"
        let encoded = try T.encode([.text(long), .row(label: "Porto", amount: "2,00 ₤")])
        #expect(encoded.replacements.map(\.line) == [2, 3])
        #expect(encoded.replacements.map(\.path) == ["elements[0].text", "elements[1].amount"])
        #expect(encoded.replacements.map(\.characterOffset) == [50, 6])
    }

    @Test("control characters in text are not sent as commands")
    func controlCharacters() throws {
        let encoded = try T.encode([.text("A\u{1B}@B\tC")])
        #expect(encoded.bytes == T.epsonHeader + T.ascii("A?@B?C") + [0x0A])
        #expect(encoded.replacements.count == 2)
    }
}
