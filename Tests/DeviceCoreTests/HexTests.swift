import DeviceCore
import Testing

/// Hex text from logs and fixtures, the one parser every family uses.
@Suite("Hex parsing and formatting")
struct HexTests {
    @Test("separators, line breaks and # comments are skipped")
    func separatorsAndComments() throws {
        let text = "06 01 # Authorization\n07:04\t00-00 # amount\r\n12 50"
        #expect(try Hex.parse(text) == [0x06, 0x01, 0x07, 0x04, 0x00, 0x00, 0x12, 0x50])
        #expect(try Hex.parse("") == [])
        #expect(try Hex.parse("# only a comment") == [])
    }

    @Test("a stray character and an unpartnered digit name their character offsets")
    func errorsNameOffsets() {
        #expect(throws: Hex.ParseError(offset: 3, reason: "\"g\" is not a hex digit")) { try Hex.parse("00 g4") }
        #expect(throws: Hex.ParseError(offset: 6, reason: "odd number of hex digits: this digit has no partner")) {
            try Hex.parse("ab cd e")
        }
        #expect(throws: Hex.ParseError(offset: 4, reason: "\"ü\" is not a hex digit")) { try Hex.parse("0a0bü") }
    }

    @Test("formatting round-trips")
    func roundTrip() throws {
        let bytes: [UInt8] = [0x00, 0x7F, 0x80, 0xFF, 0x1B, 0x40]
        #expect(Hex.string(bytes, separator: " ") == "00 7F 80 FF 1B 40")
        #expect(try Hex.parse(Hex.string(bytes, separator: " ")) == bytes)
        #expect(Hex.word(0x04B8) == "04B8")
    }
}
