/// Runs `body` and fails with a ``DeviceError/Kind/timeout`` error when it has not finished after
/// `limit` on `clock`. The body is cancelled at the deadline; it must react to cancellation (for
/// blocking C calls: `SCardCancel`, `libusb_cancel_transfer`, closing the socket).
///
/// With a test clock the deadline passes when the test advances the clock, so timeout logic runs
/// instantly in tests.
public func withDeadline<T: Sendable>(
    _ limit: Duration, on clock: any Clock<Duration>, operation: String,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await clock.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeviceError.timedOut(operation, after: limit) }
        guard let value = first else { throw DeviceError.timedOut(operation, after: limit) }
        return value
    }
}
