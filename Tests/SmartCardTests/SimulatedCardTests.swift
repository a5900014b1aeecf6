import SmartCard
import Testing

@Suite("Simulated card")
struct SimulatedCardTests {
    let template = SimulatedCard(atr: SimulatedCard.generic.atr, files: [.elementary(0x011C, contents: [0x01, 0x02])],
                             scriptedResponses: [[0x00, 0xCA, 0x01, 0x00, 0x00]: [0xAB, 0x90, 0x00]])

    @Test("SELECT MF and an existing file answer 9000; a missing file 6A82")
    func select() {
        var card = template
        #expect(card.respond(to: CardReaderHealthSteps.selectMasterFile) == [0x90, 0x00])
        #expect(card.respond(to: [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1C]) == [0x90, 0x00])
        #expect(card.respond(to: [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1D]) == [0x6A, 0x82])
        #expect(card.respond(to: [0x00, 0xB0, 0x00, 0x00, 0x00]) == [0x01, 0x02, 0x62, 0x82], "the selected EF, shorter than Le")
        #expect(card.respond(to: [0x00, 0xB0, 0x00, 0x05, 0x01]) == [0x6B, 0x00], "offset beyond the file")
        #expect(card.respond(to: [0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]).suffix(2) == [0x90, 0x00], "FCP on P2 00")
    }

    @Test("scripted responses take precedence")
    func scripted() {
        var card = template
        #expect(card.respond(to: [0x00, 0xCA, 0x01, 0x00, 0x00]) == [0xAB, 0x90, 0x00])
    }

    @Test("GET CHALLENGE returns Le bytes and 9000; Le 00 means 256")
    func challenge() {
        var card = template
        #expect(card.respond(to: [0x00, 0x84, 0x00, 0x00, 0x08]).count == 10)
        #expect(card.respond(to: [0x00, 0x84, 0x00, 0x00, 0x00]).count == 258)
    }

    @Test("malformed commands get status words, never a trap",
          arguments: [[], [0x00], [0x00, 0xA4, 0x00], [0x00, 0xA4, 0x00, 0x0C, 0x05, 0x3F], [0x00, 0x84, 0x00, 0x00],
                      [0xFF, 0xA4, 0x00, 0x00], [0x00, 0x01, 0x00, 0x00]] as [[UInt8]])
    func malformed(_ command: [UInt8]) {
        var card = template
        let response = card.respond(to: command)
        #expect(response.count == 2)
        #expect(response != [0x90, 0x00])
    }
}
