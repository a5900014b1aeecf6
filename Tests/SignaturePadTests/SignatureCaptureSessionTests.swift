import Clocks
import DeviceCore
import Foundation
import SignaturePad
import Testing

/// Capture sessions on the simulated pad, which runs the real STU host code against the
/// simulated pad device. Time is a `TestClock` advanced by hand: each pen report is due when the
/// test has advanced to it, so the tests show samples arriving live and stamped when they arrive.
@Suite("Signature capture session")
struct SignatureCaptureSessionTests {
    let report = Duration.milliseconds(5)

    func openPad(_ clock: some Clock<Duration>) async throws -> SimulatedSignaturePad {
        let pad = SimulatedSignaturePad(logicalName: "pad", clock: clock)
        try await pad.open()
        return pad
    }

    /// The next `count` samples, advancing the clock one report period before each.
    func nextSamples(_ count: Int, from iterator: inout AsyncThrowingStream<PenSample, any Error>.Iterator,
                     clock: TestClock<Duration>) async throws -> [PenSample] {
        var samples: [PenSample] = []
        for _ in 0..<count {
            await clock.advance(by: report)
            samples.append(try #require(try await iterator.next()))
        }
        return samples
    }

    @Test("samples stream live, in order, stamped on the clock when each report arrives; finish returns them")
    func liveSamples() async throws {
        let clock = TestClock()
        let pad = try await openPad(clock)
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(30)))
        var iterator = session.samples.makeAsyncIterator()
        let samples = try await nextSamples(220, from: &iterator, clock: clock)
        #expect(samples.map(\.time) == (1...220).map { .milliseconds($0 * 5) }, "each sample is stamped at the instant its report came")
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0.time < $1.time })
        #expect(samples.map(\.x) == SyntheticSignature.scribble.map(\.x), "decoded from the pad's reports in order")
        let outcome = try await session.finish()
        #expect(outcome.capture?.samples == samples)
        #expect(outcome.capture?.strokeCount == 2)
        #expect(try await session.outcome() == outcome, "the outcome stands once the session has ended")
        #expect(try await iterator.next() == nil, "the stream ends with the session")
        #expect(await pad.state == .idle)
        #expect(await pad.pad.receivedCommands == [.clearScreen, .inkingMode(on: true), .startCapture(id: 1), .endCapture, .inkingMode(on: false)])
        #expect(await pad.statistics.bytesReceived >= 220 * 7)
    }

    @Test("retry clears the pad and starts over: the capture holds only the new attempt, and the signer is asked again")
    func retry() async throws {
        let clock = TestClock()
        let pad = try await openPad(clock)
        var events = pad.events.makeAsyncIterator()
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(30)))
        var iterator = session.samples.makeAsyncIterator()
        _ = try await nextSamples(50, from: &iterator, clock: clock)
        #expect(try await session.retry())
        let again = try await nextSamples(10, from: &iterator, clock: clock)
        #expect(again.first?.time == .milliseconds(255), "the track starts over 5 ms after the retry at 250 ms")
        #expect(again.map(\.x) == SyntheticSignature.scribble.prefix(10).map(\.x))
        let capture = try #require(try await session.finish().capture)
        #expect(capture.samples == again)
        #expect(await pad.pad.receivedCommands.filter { $0 == .startCapture(id: 1) }.count == 2)
        var actions: [UserAction] = []
        while let event = await events.next() {
            if case .userActionRequired(let action) = event { actions.append(action) }
            if event == .stateChanged(.idle) && actions.count == 2 { break }
        }
        #expect(actions == [.signOnPad, .signAgainOnPad])
    }

    @Test("cancel ends the session with the typed outcome and stops the capture on the pad")
    func cancel() async throws {
        let clock = TestClock()
        let pad = try await openPad(clock)
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(30)))
        var iterator = session.samples.makeAsyncIterator()
        _ = try await nextSamples(3, from: &iterator, clock: clock)
        #expect(try await session.cancel() == .cancelled(by: .application))
        #expect(try await iterator.next() == nil)
        #expect(try await session.finish() == .cancelled(by: .application), "finish after the end gives the outcome it ended with")
        #expect(try await session.retry() == false)
        #expect(await pad.pad.status.state == .ready)
        #expect(await pad.pad.isInking == false)
        #expect(await pad.state == .idle)
    }

    @Test("a signer who never signs: the attempt times out exactly at its timeout")
    func timeout() async throws {
        let clock = TestClock()
        let pad = try await openPad(clock)
        await pad.scriptNextSignature([])
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(2)))
        async let outcome = session.outcome()
        await clock.advance(by: .milliseconds(1999))
        await clock.advance(by: .milliseconds(1))
        #expect(try await outcome == .timedOut)
        #expect(await pad.state == .idle)
    }

    @Test("cancelling the task awaiting the outcome stops the capture at once and the next session works")
    func cancelAwaitingTask() async throws {
        let clock = TestClock()
        let pad = try await openPad(clock)
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(60)))
        let waiting = Task { try await session.outcome() }
        waiting.cancel()
        // No clock advance: the session ends without waiting for any time to pass.
        await #expect { _ = try await waiting.value } throws: { ($0 as? DeviceError)?.kind == .cancelled }
        await #expect { for try await _ in session.samples {} } throws: { ($0 as? DeviceError)?.kind == .cancelled }
        #expect(await pad.state == .idle)
        #expect(await pad.pad.status.state == .ready)
        #expect(await pad.statistics.errorCount == 1)

        let next = try await pad.startCapture(CaptureOptions(timeout: .seconds(60)))
        var iterator = next.samples.makeAsyncIterator()
        let samples = try await nextSamples(5, from: &iterator, clock: clock)
        #expect(samples.count == 5)
        #expect(try await next.finish().capture?.samples == samples)
    }

    @Test("cancelling the task reading the samples ends the session as cancelled")
    func cancelReadingTask() async throws {
        let clock = TestClock()
        let pad = try await openPad(clock)
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(60)))
        let reading = Task { for try await _ in session.samples {} }
        await clock.advance(by: .milliseconds(20))
        reading.cancel()
        _ = await reading.result
        await #expect { _ = try await session.outcome() } throws: { ($0 as? DeviceError)?.kind == .cancelled }
        #expect(await pad.state == .idle)
    }

    @Test("on the real clock a cancelled wait returns promptly, far inside the 60 s timeout")
    func promptOnRealClock() async throws {
        let pad = try await openPad(ContinuousClock())
        await pad.scriptNextSignature([])
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(60)))
        let waiting = Task { try await session.outcome() }
        try await Task.sleep(for: .milliseconds(50))
        let start = ContinuousClock.now
        waiting.cancel()
        _ = await waiting.result
        // Far inside the 60 s timeout; the margin is for a loaded CI machine, not the expected time (~1 ms).
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(await pad.state == .idle)
    }

    @Test("a second session while one runs is refused as busy")
    func busy() async throws {
        let pad = try await openPad(TestClock())
        let session = try await pad.startCapture(CaptureOptions())
        await #expect { _ = try await pad.startCapture(CaptureOptions()) } throws: { ($0 as? DeviceError)?.kind == .busy }
        _ = try await session.cancel()
        _ = try await pad.startCapture(CaptureOptions()).cancel()
    }

    @Test("a malformed pen report from the simulated pad surfaces as the typed error the USB backend gives")
    func malformedReport() async throws {
        let pad = try await openPad(ImmediateClock())
        await pad.pad.inject(.truncatedPenReport(afterReports: 3))
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(30)))
        let expected = STUHost.malformed(STUReport.ParseError(offset: 4, reason: "report is 4 bytes, expected 7"), operation: "read pen data")
        var received = 0
        await #expect(throws: expected) {
            for try await _ in session.samples { received += 1 }
        }
        #expect(received == 3)
        await #expect(throws: expected) { try await session.outcome() }
        #expect(expected.message.contains("offset 4") && expected.remedy.contains("Reset the pad"))
        #expect(await pad.state == .error)
        #expect(await pad.pad.isInking == false, "the capture was stopped on the pad")
        // The next session reopens the capture and works.
        let next = try await pad.startCapture(CaptureOptions(timeout: .seconds(30), completeAfterPenUp: .milliseconds(1500)))
        #expect(try await next.outcome().capture?.samples.count == 220)
    }
}
