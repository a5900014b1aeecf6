import Clocks
import DeviceCore
import Testing

@Suite("Deadlines on an injected clock")
struct DeadlineTests {
    @Test("an operation still running at the deadline fails with kind timeout, without real waiting")
    func timesOut() async throws {
        let clock = TestClock()
        let task = Task {
            try await withDeadline(.seconds(5), on: clock, operation: "status enquiry") {
                try await clock.sleep(for: .seconds(180))
                return 1
            }
        }
        await advance(clock, until: task)
        let error = await #expect(throws: DeviceError.self) { try await task.value }
        #expect(error?.kind == .timeout)
        #expect(error?.operation == "status enquiry")
    }

    @Test("an operation that finishes first returns its value")
    func finishesFirst() async throws {
        let clock = TestClock()
        let task = Task {
            try await withDeadline(.seconds(5), on: clock, operation: "status enquiry") {
                try await clock.sleep(for: .seconds(1))
                return 42
            }
        }
        await advance(clock, until: task)
        #expect(try await task.value == 42)
    }

    /// Advances the test clock one second at a time until `task` has finished. Sleepers that
    /// register late (a loaded machine) are still reached; at most 120 simulated seconds pass,
    /// less than the 180 s body, so a deadline that works always fires first.
    private func advance(_ clock: TestClock<Duration>, until task: Task<Int, any Error>) async {
        let finished = Finished()
        let watcher = Task {
            _ = try? await task.value
            await finished.mark()
        }
        for _ in 0..<120 where await !finished.value {
            await clock.advance(by: .seconds(1))
        }
        await watcher.value
    }
}

private actor Finished {
    private(set) var value = false
    func mark() { value = true }
}
