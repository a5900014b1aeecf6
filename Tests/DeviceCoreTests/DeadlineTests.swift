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
        await clock.advance(by: .seconds(5))
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
        await clock.advance(by: .seconds(1))
        #expect(try await task.value == 42)
    }
}
