/// What every BuergerHAL device offers, whatever its class and backend (after UnifiedPOS's common
/// properties and methods, and embedded-hal's one-trait-per-class rule).
///
/// Each device is an actor: one owner per device handle. Backends that make blocking C calls run
/// the actor on a ``DedicatedThreadExecutor`` so the cooperative thread pool never blocks.
///
/// Lifecycle: `open()` acquires the connection (closed → idle), `claim()` takes exclusive access,
/// `release()` gives it up, `close()` drops the connection. Each call is safe to repeat.
public protocol Device: Actor {
    /// Static facts about the device.
    nonisolated var info: DeviceInfo { get }
    /// The device's events; one consumer. Finishes when the device is discarded.
    nonisolated var events: AsyncStream<DeviceEvent> { get }
    /// The lifecycle state.
    var state: DeviceState { get }
    /// Whether this handle has exclusive access.
    var isClaimed: Bool { get }
    /// Counters since the device was created.
    var statistics: DeviceStatistics { get }

    /// Connects to the device or its service. Does nothing when already open.
    func open() async throws(DeviceError)
    /// Takes exclusive access. Does nothing when already claimed.
    func claim() async throws(DeviceError)
    /// Gives up exclusive access. Does nothing when not claimed.
    func release() async
    /// Disconnects. Does nothing when already closed.
    func close() async
    /// Checks the device at `level` and reports each step. Throws only when the check could not
    /// run at all (for example, the device is closed); a failing device gives a failed report.
    func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport
}
