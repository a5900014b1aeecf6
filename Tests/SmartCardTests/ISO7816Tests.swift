import DeviceCore
import SmartCard
import TestSupport
import Testing

@Suite("ISO 7816-4 command APDUs")
struct CommandAPDUTests {
    @Test("cases 1–4 in short form encode and parse back",
          arguments: [
            (CommandAPDU(ins: 0x84, p1: 0, p2: 0), [0x00, 0x84, 0x00, 0x00]),
            (CommandAPDU(ins: 0x84, p1: 0, p2: 0, expectedLength: 8), [0x00, 0x84, 0x00, 0x00, 0x08]),
            (CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 256), [0x00, 0xB0, 0x00, 0x00, 0x00]),
            (CommandAPDU(ins: 0xA4, p1: 0, p2: 0x0C, data: [0x3F, 0x00]), [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]),
            (CommandAPDU(cla: 0x0C, ins: 0xA4, p1: 4, p2: 0, data: [0xA0], expectedLength: 256), [0x0C, 0xA4, 0x04, 0x00, 0x01, 0xA0, 0x00]),
          ] as [(CommandAPDU, [UInt8])])
    func shortForm(_ apdu: CommandAPDU, _ bytes: [UInt8]) throws {
        #expect(try apdu.encoded() == bytes)
        #expect(try CommandAPDU(bytes: bytes) == apdu)
        #expect(!apdu.needsExtendedLength)
    }

    @Test("extended length: Lc and Le up to 65535/65536")
    func extendedForm() throws {
        let data = [UInt8](repeating: 0xAB, count: 300)
        let case4 = CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: data, expectedLength: 65_536)
        let bytes = try case4.encoded()
        #expect(Array(bytes.prefix(7)) == [0x00, 0x2A, 0x9E, 0x9A, 0x00, 0x01, 0x2C])
        #expect(Array(bytes.suffix(2)) == [0x00, 0x00])
        #expect(bytes.count == 4 + 3 + 300 + 2)
        #expect(try CommandAPDU(bytes: bytes) == case4)

        let case2 = CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 1000)
        #expect(try case2.encoded() == [0x00, 0xB0, 0x00, 0x00, 0x00, 0x03, 0xE8])
        #expect(try CommandAPDU(bytes: case2.encoded()) == case2)
        #expect(case2.isoCase == 2)
    }

    @Test("malformed APDUs are errors naming the offset, never traps",
          arguments: [
            ([0x00, 0xA4, 0x00], 3),
            ([0x00, 0xA4, 0x00, 0x0C, 0x05, 0x3F, 0x00], 7),
            ([0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00, 0x00, 0x00], 7),
            ([0x00, 0xB0, 0x00, 0x00, 0x00, 0x01], 6),
            ([0x00, 0x2A, 0x00, 0x00, 0x00, 0x01, 0x00, 0xAA, 0xBB], 9),
          ] as [([UInt8], Int)])
    func malformed(_ bytes: [UInt8], _ offset: Int) {
        #expect {
            try CommandAPDU(bytes: bytes)
        } throws: { error in
            (error as? CommandAPDU.FormatError)?.offset == offset
        }
    }

    @Test("impossible lengths cannot be encoded")
    func encodingLimits() {
        #expect(throws: CommandAPDU.FormatError.self) { try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 0).encoded() }
        #expect(throws: CommandAPDU.FormatError.self) {
            try CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 0, count: 65_536)).encoded()
        }
    }

    @Test("every byte string up to 8 bytes parses or fails cleanly")
    func exhaustiveShortInputs() {
        var generator = SplitMix64(seed: 7816)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 12)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if let apdu = try? CommandAPDU(bytes: bytes) {
                #expect((try? apdu.encoded()) != nil)
            }
        }
    }
}

@Suite("Status words and responses")
struct StatusWordTests {
    @Test("common status words are named")
    func meanings() {
        #expect(StatusWord.success.description == "9000 (success)")
        #expect(StatusWord(rawValue: 0x6A82).description == "6A82 (file not found)")
        #expect(StatusWord(rawValue: 0x63C2).retriesLeft == 2)
        #expect(StatusWord(rawValue: 0x6110).bytesRemaining == 16)
        #expect(StatusWord(rawValue: 0x6100).bytesRemaining == 256)
        #expect(StatusWord(rawValue: 0x6C08).correctLength == 8)
        #expect(StatusWord(rawValue: 0x6982).meaning == "security status not satisfied")
    }

    @Test("a response shorter than a status word is an error")
    func shortResponse() throws {
        #expect(throws: ResponseAPDU.FormatError.self) { try ResponseAPDU(bytes: [0x90]) }
        let response = try ResponseAPDU(bytes: [0x01, 0x02, 0x90, 0x00])
        #expect(response.data == [0x01, 0x02])
        #expect(response.status == .success)
        #expect(response.bytes == [0x01, 0x02, 0x90, 0x00])
    }

    @Test("hex parsing accepts separators and names the bad character")
    func hexParsing() throws {
        #expect(try Hex.parse("00 a4:00-0C") == [0x00, 0xA4, 0x00, 0x0C])
        #expect(throws: Hex.ParseError(offset: 3, reason: "\"g\" is not a hex digit")) { try Hex.parse("00 g4") }
        #expect(throws: Hex.ParseError.self) { try Hex.parse("0") }
    }
}

@Suite("BER-TLV")
struct BERTLVTests {
    @Test("multi-byte tags, long lengths and nesting round-trip")
    func roundTrip() throws {
        let inner = BERTLV(tag: 0x5F1F, value: [UInt8](repeating: 0x41, count: 200))
        let key = BERTLV(tag: 0x86, value: [UInt8](repeating: 0x04, count: 65))
        let outer = BERTLV(tag: 0x7F49, children: [BERTLV(tag: 0x06, value: [0x04, 0x00, 0x7F]), key, inner])
        let bytes = outer.encoded
        #expect(Array(bytes.prefix(2)) == [0x7F, 0x49])
        #expect(bytes[2] == 0x82, "value of 274 bytes needs the 82 length form")
        let (parsed, end) = try BERTLV.parse(bytes)
        #expect(end == bytes.count)
        #expect(parsed == outer)
        #expect(parsed.isConstructed)
        #expect(try parsed.children().map(\.tag) == [0x06, 0x86, 0x5F1F])
        #expect(try parsed.child(0x5F1F)?.value.count == 200)
        #expect(Array(inner.encoded.prefix(4)) == [0x5F, 0x1F, 0x81, 0xC8])
    }

    @Test("padding 00/FF between objects is skipped")
    func padding() throws {
        #expect(try BERTLV.parseAll([0x00, 0x80, 0x01, 0x05, 0xFF, 0x81, 0x00]).map(\.tag) == [0x80, 0x81])
    }

    @Test("malformed TLVs give errors with the offset",
          arguments: [
            ([0x5F], 1, "truncated tag"),
            ([0x80], 1, "truncated length"),
            ([0x80, 0x05, 0x01], 1, "length 5 exceeds the 1 bytes left"),
            ([0x80, 0x80], 1, "indefinite length is not allowed"),
            ([0x80, 0x85, 0, 0, 0, 0, 1], 1, "length field of 5 bytes"),
            ([0x80, 0x82, 0x01], 3, "truncated length"),
            ([0x9F, 0x81, 0x82, 0x83, 0x04, 0x00], 4, "tag longer than 4 bytes"),
          ] as [([UInt8], Int, String)])
    func malformed(_ bytes: [UInt8], _ offset: Int, _ reason: String) {
        #expect(throws: BERTLV.ParseError(offset: offset, reason: reason)) { try BERTLV.parseAll(bytes) }
    }

    @Test("random bytes parse or fail cleanly")
    func randomInput() {
        var generator = SplitMix64(seed: 690)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 24)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if let objects = try? BERTLV.parseAll(bytes) {
                for object in objects { _ = try? object.children() }
            }
        }
    }
}
