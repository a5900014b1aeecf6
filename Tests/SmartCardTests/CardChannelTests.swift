import DeviceCore
import SmartCard
import Testing

@Suite("Card channel over the simulated reader")
struct CardChannelTests {
    func channel(_ card: SimulatedCard, maximumReadLength: Int = 256) async throws -> CardChannel {
        let reader = SimulatedCardReader(logicalName: "reader", card: card)
        try await reader.open()
        return CardChannel(reader: reader, maximumReadLength: maximumReadLength)
    }

    @Test("61xx answers are completed with GET RESPONSE")
    func getResponse() async throws {
        var card = SimulatedCard.generic
        card.responseChunkLimit = 16
        let channel = try await channel(card)
        #expect(try await channel.send(CardCommands.select(fileID: 0x011C)).status == .success)
        let response = try await channel.send(CardCommands.readBinary(offset: 0, length: 256))
        #expect(response.data == Array("BuergerHAL test file".utf8))
        #expect(response.status == .endOfFile)
    }

    @Test("6Cxx is resent with the corrected Le")
    func leCorrection() async throws {
        var card = SimulatedCard.generic
        card.scriptedResponses[[0x00, 0xCA, 0x9F, 0x7F, 0x00]] = [0x6C, 0x03]
        card.scriptedResponses[[0x00, 0xCA, 0x9F, 0x7F, 0x03]] = [0x01, 0x02, 0x03, 0x90, 0x00]
        let channel = try await channel(card)
        let response = try await channel.send(CommandAPDU(ins: 0xCA, p1: 0x9F, p2: 0x7F, expectedLength: 256))
        #expect(response.data == [0x01, 0x02, 0x03])
        #expect(response.status == .success)
    }

    @Test("a 40000-byte file reads completely, switching to odd-INS READ BINARY past offset 32767")
    func largeFile() async throws {
        let channel = try await channel(.generic)
        #expect(try await channel.send(CardCommands.select(fileID: 0xE000)).status == .success)
        let contents = try await channel.readBinary()
        #expect(contents.count == 40_000)
        #expect(contents == (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        #expect(CardCommands.readBinary(offset: 40_000 - 1, length: 1).ins == 0xB1)
        #expect(CardCommands.readBinary(offset: 32_767, length: 1).ins == 0xB0)
    }

    @Test("a file ending exactly at a chunk boundary and a file under a DF read correctly")
    func boundaries() async throws {
        let channel = try await channel(.generic)
        #expect(try await channel.send(CardCommands.select(aid: [0xD2, 0x76, 0x00, 0x01, 0x44, 0x48, 0x41, 0x4C])).status == .success)
        #expect(try await channel.send(CardCommands.select(fileID: 0x0101, p1: 0x02)).status == .success)
        #expect(try await channel.readBinary().count == 300)
        #expect(try await channel.readBinary(length: 256).count == 256)
    }

    @Test("EF.DIR by short file identifier holds a TLV application template")
    func efDir() async throws {
        let channel = try await channel(.generic)
        let response = try await channel.send(CardCommands.readBinary(shortFileID: 0x1E, length: 256))
        let template = try #require(try BERTLV.parseAll(response.data).first)
        #expect(template.tag == 0x61)
        #expect(try template.child(0x50)?.value == Array("BuergerHAL".utf8))
    }

    @Test("reading without a selected EF is a protocol error naming the status word")
    func noCurrentFile() async throws {
        let channel = try await channel(.generic)
        let error = await #expect(throws: DeviceError.self) { try await channel.readBinary() }
        #expect(error?.kind == .protocol)
        #expect(error?.message.contains("6986") == true)
    }
}
