import DeviceCore
import SmartCard
import SmartCardPCSC
import Testing

/// Cancellation on the real PC/SC stack (runs only under the harness: pcscd + vpcd + vicc).
extension PCSCIntegrationTests {
    @Test("a transmit and a card transaction from a cancelled task throw cancelled, send nothing, and the reader works afterwards")
    func cancelledCallsSendNothing() async throws {
        let reader = PCSCCardReader(logicalName: "reader", readerPrefix: viccReader)
        try await reader.open()
        let cancelled = Task { () async throws -> Void in
            withUnsafeCurrentTask { $0?.cancel() }
            var kinds: [DeviceError.Kind] = []
            do { _ = try await reader.transmit(CardReaderHealthSteps.selectMasterFile) } catch { kinds.append((error as? DeviceError)?.kind ?? .other) }
            do {
                _ = try await reader.transaction { card throws(DeviceError) in try card.transmit(CardReaderHealthSteps.selectMasterFile) }
            } catch {
                kinds.append((error as? DeviceError)?.kind ?? .other)
            }
            #expect(kinds == [.cancelled, .cancelled])
        }
        try await cancelled.value
        #expect(await reader.statistics.bytesSent == 0, "no APDU went out")
        #expect(await reader.state == .idle)
        let response = try await reader.transmit(CardReaderHealthSteps.selectMasterFile)
        #expect(response.suffix(2) == [0x90, 0x00])
        await reader.close()
    }
}
