import PaymentTerminal
import Testing

@Suite("ZVT TLV container")
struct ZVTTLVTests {
    @Test("primitive objects with one-byte and multi-byte tags")
    func primitives() throws {
        let objects = try ZVTTLV.decodeList(h("1F 73 02 00 01 07 03 41 42 43 14 01 FF"))
        #expect(objects == [.primitive(.sequenceID, h("00 01")), .primitive(.textLine, Array("ABC".utf8)),
                            .primitive(.characterSet, [0xFF])])
        #expect(ZVTTLVTag.sequenceID.bytes == [0x1F, 0x73])
        #expect(!ZVTTLVTag.sequenceID.isConstructed)
    }

    @Test("three- and four-byte tags (bit 8 of each following byte says more)")
    func longTags() throws {
        let objects = try ZVTTLV.decodeList(h("5F 81 01 01 AA DF 82 83 04 00"))
        #expect(objects.map(\.tag.rawValue) == [0x5F8101, 0xDF828304])
        #expect(try ZVTTLV.encodeList(objects) == h("5F 81 01 01 AA DF 82 83 04 00"))
    }

    @Test("constructed tags nest and encode back")
    func nested() throws {
        let bytes = h("26 04 0A 02 06 D3 25 0A 09 01 00 07 03 41 42 43 07 00")
        let objects = try ZVTTLV.decodeList(bytes)
        #expect(objects == [
            .constructed(.permittedCommands, [.primitive(.permittedCommand, h("06 D3"))]),
            .constructed(.printTexts, [.primitive(.attribute, [0x00]), .primitive(.textLine, Array("ABC".utf8)), .primitive(.textLine, [])]),
        ])
        #expect(try ZVTTLV.encodeList(objects) == bytes)
        #expect(objects.last?.first(.textLine)?.bytes == Array("ABC".utf8))
    }

    @Test("BER long lengths 81 nn and 82 hi lo", arguments: [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x1234, 0xFFFF])
    func longLengths(_ count: Int) throws {
        let object = ZVTTLV.primitive(.textLine, [UInt8](repeating: 0x41, count: count))
        let bytes = try object.encoded()
        switch count {
        case 0...0x7F: #expect(bytes[1] == UInt8(count))
        case 0x80...0xFF: #expect(Array(bytes[1...2]) == [0x81, UInt8(count)])
        default: #expect(Array(bytes[1...3]) == [0x82, UInt8(count >> 8), UInt8(count & 0xFF)])
        }
        #expect(try ZVTTLV.decodeList(bytes) == [object])
    }

    @Test("length over 65535 cannot be encoded")
    func lengthTooLong() {
        #expect(throws: ZVTEncodingError.self) { try ZVTTLV.berLength(0x10000) }
    }

    @Test("a nested list inside BMP 06 with 82 lengths decodes in a message")
    func containerWithLongLengths() throws {
        let inner = try ZVTTLV.constructed(.printTexts, (0..<30).map { _ in .primitive(.textLine, Array("Zeile mit Text".utf8)) }).encoded()
        #expect(inner.count > 0x100)
        let fields = try ZVTBMPCodec.decodeFields([0x06] + (try ZVTTLV.berLength(inner.count)) + inner).fields
        guard case .tlv(let objects)? = fields.first?.value else {
            Issue.record("expected TLV")
            return
        }
        #expect(objects.first?.children.count == 30)
    }

    @Test("malformed TLV names the offset", arguments: [
        ("07 05 41 42", 2, ZVTDecodingError.Reason.truncated),     // value shorter than length
        ("07", 1, .truncated),                                       // no length
        ("07 83 00 00 01", 1, .invalidLength),                       // 3-byte BER length unsupported
        ("07 80", 1, .invalidLength),                                // indefinite length
        ("07 81", 2, .truncated),
        ("07 82 01", 2, .truncated),
        ("1F", 1, .truncated),                                       // tag continues
        ("1F 81 82 83 01", 0, .invalidTag),                          // tag longer than 4 bytes
        ("26 04 0A 05 06 D3", 4, .truncated),                        // child longer than its parent
        ("01 00 26 01 0A 00", 5, .truncated),                        // child length lies beyond its parent
    ] as [(String, Int, ZVTDecodingError.Reason)])
    func malformed(_ hex: String, _ offset: Int, _ reason: ZVTDecodingError.Reason) {
        let error = decodingError { _ = try ZVTTLV.decodeList(h(hex), baseOffset: 0) }
        #expect(error?.offset == offset, "\(hex): \(String(describing: error))")
        #expect(error?.reason == reason, "\(hex)")
    }

    @Test("offsets include the base offset")
    func baseOffset() {
        let error = decodingError { _ = try ZVTTLV.decodeList(h("07 05 41"), baseOffset: 40) }
        #expect(error?.offset == 42)
    }

    @Test("nesting deeper than the limit is refused, not recursed into")
    func deepNesting() throws {
        var bytes: [UInt8] = []
        for _ in 0..<200 { bytes = [0x20] + (try ZVTTLV.berLength(bytes.count)) + bytes }
        let error = decodingError { _ = try ZVTTLV.decodeList(bytes) }
        #expect(error?.reason == .nestingTooDeep)
        var shallow: [UInt8] = []
        for _ in 0..<ZVTTLV.maxDepth { shallow = [0x20] + (try ZVTTLV.berLength(shallow.count)) + shallow }
        #expect(try ZVTTLV.decodeList(shallow).count == 1)
    }

    @Test("tag names and descriptions")
    func tagNames() {
        #expect(ZVTTLVTag.cardholderAuthentication.description == "1F10 Cardholder authentication")
        #expect(ZVTTLVTag(rawValue: 0x9F99).description == "9F99")
        #expect(ZVTTLVTag.printTexts.isConstructed)
        #expect(ZVTTLVTag(rawValue: 0).bytes == [0])
    }
}
