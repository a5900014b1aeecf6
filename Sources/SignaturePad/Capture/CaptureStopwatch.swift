/// Time since a start instant on an injected clock, without knowing the clock's type: what pen
/// samples are stamped with (read when each report arrives, never counted as `n × period`) and
/// what capture deadlines are measured on.
///
/// Sleeping is until an absolute point on the watch, so a test clock that is advanced before
/// the sleeper is registered still wakes it at the right time.
public struct CaptureStopwatch: Sendable {
    private let read: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    /// Starts a stopwatch now on `clock`.
    public init(clock: any Clock<Duration>) {
        (read, sleeper) = Self.start(clock)
    }

    /// The time since the stopwatch started.
    public var elapsed: Duration { read() }

    /// Suspends until `target` has elapsed (at once when it has); throws `CancellationError`
    /// when the task is cancelled.
    public func sleep(untilElapsed target: Duration) async throws {
        // A target already reached returns at once: some test clocks would otherwise wait for the
        // next advance or set their time back.
        guard target > elapsed else { return try Task.checkCancellation() }
        try await sleeper(target)
    }

    private static func start<C: Clock<Duration>>(_ clock: C) -> (@Sendable () -> Duration, @Sendable (Duration) async throws -> Void) {
        let start = clock.now
        return ({ start.duration(to: clock.now) }, { target in try await clock.sleep(until: start.advanced(by: target), tolerance: nil) })
    }
}
