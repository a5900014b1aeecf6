/// The overall deadline of one command cycle on the injected clock: how much of it is left,
/// whatever T3/T4 do meanwhile (a terminal re-arms T4 with every message it sends).
struct ZVTCycleDeadline: Sendable {
    /// Time since the cycle (or the last ``restart(limit:)``) began, on the injected clock.
    private let elapsed: @Sendable () -> Duration
    /// The time allowed from the start.
    private var limit: Duration

    /// Starts a deadline `limit` from now on `clock`.
    init(clock: any Clock<Duration>, limit: Duration) {
        elapsed = Self.stopwatch(clock)
        self.limit = limit
    }

    /// What is left; zero or negative once the deadline has passed.
    var remaining: Duration { limit - elapsed() }

    /// Sets the deadline to `limit` from now (the grace period after the ECR's Abort).
    mutating func restart(limit: Duration) {
        self.limit = elapsed() + limit
    }

    private static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
