import SystemIO
import Testing

/// `Duration.pollMilliseconds`: the one conversion of a wait into a `poll` timeout.
@Suite("Duration → poll milliseconds")
struct PollTimeoutTests {
    @Test("rounds up to whole milliseconds, negative as 0, clamped to Int32.max", arguments: [
        (Duration.zero, Int32(0)),
        (.nanoseconds(1), 1),
        (.microseconds(999), 1),
        (.milliseconds(1), 1),
        (.microseconds(1001), 2),
        (.milliseconds(200), 200),
        (.seconds(5), 5000),
        (.seconds(2) + .nanoseconds(1), 2001),
        (.milliseconds(-1), 0),
        (.seconds(-3), 0),
        (.seconds(Int64(Int32.max)), Int32.max),
        (.seconds(Int64.max / 2), Int32.max),
    ])
    func conversion(duration: Duration, milliseconds: Int32) {
        #expect(duration.pollMilliseconds == milliseconds)
    }
}
