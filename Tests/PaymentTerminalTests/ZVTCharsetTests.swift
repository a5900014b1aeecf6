import PaymentTerminal
import Testing

@Suite("ZVT character sets")
struct ZVTCharsetTests {
    static let umlauts = "äöüÄÖÜß"

    @Test("umlauts and ß round-trip in every set that has them", arguments: [ZVTCharset.cp437, .latin1, .latin9, .utf8, .zvt7])
    func umlautRoundTrip(_ charset: ZVTCharset) {
        let text = "Gebühr: \(Self.umlauts) Straße"
        let encoded = charset.encode(text)
        #expect(encoded.isLossless)
        let decoded = charset.decode(encoded.bytes)
        #expect(decoded.string == text)
        #expect(decoded.isLossless)
    }

    @Test("the code points the specification names")
    func codePoints() {
        #expect(ZVTCharset.cp437.encode("äÄß").bytes == [0x84, 0x8E, 0xE1])
        #expect(ZVTCharset.latin1.encode("äÄß").bytes == [0xE4, 0xC4, 0xDF])
        #expect(ZVTCharset.zvt7.encode("ÄÖÜäöüß").bytes == [0x5B, 0x5C, 0x5D, 0x7B, 0x7C, 0x7D, 0x7E])
        #expect(ZVTCharset.latin9.encode("€").bytes == [0xA4])
        #expect(ZVTCharset.utf8.encode("€").bytes == [0xE2, 0x82, 0xAC])
    }

    @Test("€ round-trips where the set has it", arguments: [ZVTCharset.latin9, .utf8])
    func euroRoundTrip(_ charset: ZVTCharset) {
        let encoded = charset.encode("12,50 €")
        #expect(encoded.isLossless)
        #expect(charset.decode(encoded.bytes).string == "12,50 €")
    }

    @Test("€ where the set lacks it becomes ? and is reported", arguments: [ZVTCharset.cp437, .latin1, .zvt7, .ascii])
    func euroUnmappable(_ charset: ZVTCharset) {
        let encoded = charset.encode("12,50 €")
        #expect(encoded.bytes == Array("12,50 ?".utf8))
        #expect(encoded.unmappable == ["€"])
    }

    @Test("the 7-bit set has no brackets or braces: they are reported, not sent as umlauts")
    func zvt7Brackets() {
        let encoded = ZVTCharset.zvt7.encode("[x]")
        #expect(encoded.bytes == Array("?x?".utf8))
        #expect(encoded.unmappable == ["[", "]"])
        #expect(ZVTCharset.zvt7.decode([0x5B, 0x7E]).string == "Äß")
    }

    @Test("decomposed umlauts are composed before encoding")
    func decomposed() {
        #expect(ZVTCharset.cp437.encode("a\u{0308}").bytes == [0x84])
    }

    // Control bytes (C0, DEL, C1) used to be listed here as U+FFFD; issue 9 (item 8) names that a
    // defect: they are left out or become line breaks (ZVTFieldHabitsTests.controls).
    @Test("bytes a set cannot show decode to U+FFFD with their offsets", arguments: [
        (ZVTCharset.zvt7, [0x41, 0x84, 0x42], [1]),
        (.ascii, [0x41, 0xE4], [1]),
        (.utf8, [0x41, 0xC3], [1]),
        (.utf8, [0xC3, 0xA4, 0xFF, 0x41], [2]),
        (.utf8, [0xE2, 0x82, 0x41], [0]),
        (.utf8, [0xED, 0xA0, 0x80], [0]),
        (.utf8, [0xC0, 0xAF], [0, 1]),
    ] as [(ZVTCharset, [UInt8], [Int])])
    func unmappableBytes(_ charset: ZVTCharset, _ bytes: [UInt8], _ offsets: [Int]) {
        let decoded = charset.decode(bytes)
        #expect(decoded.replacedByteOffsets == offsets)
        #expect(decoded.string.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == offsets.count)
    }

    @Test("every byte of CP437's upper half decodes to a printable character and encodes back")
    func cp437Complete() {
        for byte in UInt8(0x20)...UInt8.max {
            let decoded = ZVTCharset.cp437.decode([byte])
            #expect(decoded.isLossless, "\(byte)")
            #expect(ZVTCharset.cp437.encode(decoded.string).bytes == [byte], "\(byte)")
        }
    }

    @Test("TLV tag 14 codes select the set")
    func tlvCodes() {
        #expect(ZVTCharset(tlvCode: 0xFF) == .cp437)
        #expect(ZVTCharset(tlvCode: 0x01) == .latin1)
        #expect(ZVTCharset(tlvCode: 0x0F) == .latin9)
        #expect(ZVTCharset(tlvCode: 0xFE) == .utf8)
        #expect(ZVTCharset(tlvCode: 0x00) == .ascii)
        #expect(ZVTCharset(tlvCode: 0x05) == nil)
        #expect(ZVTCharset.zvt7.tlvCode == nil)
        #expect(ZVTCharset.default == .cp437)
    }
}
