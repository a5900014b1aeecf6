import Clocks
import DeviceCore
import SignaturePad
import Testing

@Suite("Simulated signature pad")
struct SimulatedSignaturePadTests {
    @Test("a capture asks the signer first and returns two strokes, timed on the clock")
    func capture() async throws {
        let pad = SimulatedSignaturePad(logicalName: "pad", clock: ImmediateClock())
        try await pad.open()
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(30), completeAfterPenUp: .milliseconds(1500)))
        let capture = try #require(try await session.outcome().capture)
        #expect(capture.strokeCount == 2)
        #expect(capture.samples.count == 220)
        var iterator = pad.events.makeAsyncIterator()
        #expect(await iterator.next() == .stateChanged(.idle))
        #expect(await iterator.next() == .stateChanged(.busy))
        #expect(await iterator.next() == .userActionRequired(UserAction(code: "sign", prompt: "Bitte unterschreiben Sie auf dem Unterschriftenpad")))
    }

    @Test("a signer who never signs fails the interactive check, and the detail holds counts only")
    func noSignature() async throws {
        let pad = SimulatedSignaturePad(logicalName: "pad", clock: ImmediateClock())
        try await pad.open()
        let passed = try await pad.checkHealth(.interactive)
        #expect(passed.passed)
        #expect(passed.steps.last?.detail == "2 stroke(s), 220 samples")
        await pad.scriptNextSignature([])
        let report = try await pad.checkHealth(.interactive)
        #expect(!report.passed)
        #expect(report.steps.last?.outcome.name == "failed")
    }
}
