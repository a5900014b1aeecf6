import DeviceCore
import SmartCard
import Testing

@Suite("Simulated card reader")
struct SimulatedCardReaderTests {
    @Test("external health passes with a card and fails with a remedy without one")
    func healthWithAndWithoutCard() async throws {
        let reader = SimulatedCardReader(logicalName: "reader")
        try await reader.open()
        let withCard = try await reader.checkHealth(.external)
        #expect(withCard.passed)
        #expect(withCard.steps.map(\.name) == ["reader enumerated", "card present", "SELECT MF answers"])

        await reader.removeCard()
        let withoutCard = try await reader.checkHealth(.external)
        #expect(!withoutCard.passed)
        guard case .failed(let error) = withoutCard.steps[1].outcome else {
            Issue.record("card present should fail")
            return
        }
        #expect(error.kind == .noHardware)
        #expect(error.remedy.contains("Insert"))
        #expect(withoutCard.steps[2].outcome.name == "skipped")
    }

    @Test("removing the card emits status and a user action; transmit then fails as noHardware")
    func removal() async throws {
        let reader = SimulatedCardReader(logicalName: "reader")
        try await reader.open()
        await reader.removeCard()
        await #expect(throws: DeviceError.self) { try await reader.transmit(CardReaderHealthSteps.selectMasterFile) }
        #expect(await reader.statistics.errorCount == 1)
        await reader.close()
        var iterator = reader.events.makeAsyncIterator()
        #expect(await iterator.next() == .stateChanged(.idle))
        #expect(await iterator.next() == .statusChanged(DeviceStatus(code: "cardInserted", active: false)))
        #expect(await iterator.next() == .userActionRequired(UserAction(code: "insertCard", prompt: "Bitte Karte einstecken")))
    }

    @Test("a closed reader refuses to work")
    func closedReader() async {
        let reader = SimulatedCardReader(logicalName: "reader")
        await #expect(throws: DeviceError.notOpen("read slot status")) { try await reader.slotStatus() }
        await #expect(throws: DeviceError.notOpen("check health")) { try await reader.checkHealth(.internal) }
    }
}
