/// A backend whose open / claim / release / close bookkeeping, state and statistics live in one
/// ``DeviceLifecycle``: the ``Device`` requirements for them are written once, here, and a
/// backend supplies only what differs — how it connects, disconnects and takes exclusive access.
///
/// The shape follows embedded-hal's split of a generic contract from a driver's few primitives:
/// `open()` runs ``openConnection()`` once when the device is closed (or in error) and, when it
/// fails, counts the error (``DeviceStatistics/errorCount`` includes failed connects; opening is a
/// transition, not an operation) and emits it; `claim()` and `release()` run
/// ``claimExclusiveAccess()`` and ``releaseExclusiveAccess()`` only on a real change; `close()`
/// always runs ``closeConnection()`` (so it also tidies up after a failed open) and then marks the
/// device closed. Each call is safe to repeat.
public protocol LifecycleHostingDevice: Device {
    /// The backend's bookkeeping. Only the backend mutates it, from its own isolation domain;
    /// applications read ``Device/state``, ``Device/isClaimed`` and ``Device/statistics``.
    var lifecycle: DeviceLifecycle { get set }
    /// Acquires the connection or service (called by `open()`). Default: nothing to acquire.
    func openConnection() async throws(DeviceError)
    /// Drops the connection (called by every `close()`). Default: nothing to drop.
    func closeConnection() async
    /// Takes the backend's exclusive access (called by `claim()` when not yet claimed).
    /// Default: the claim is bookkeeping only.
    func claimExclusiveAccess() async throws(DeviceError)
    /// Gives the backend's exclusive access up (called by `release()` when claimed). Default: nothing.
    func releaseExclusiveAccess() async
}

extension LifecycleHostingDevice {
    /// The lifecycle state.
    public var state: DeviceState { lifecycle.state }
    /// Whether this handle has exclusive access.
    public var isClaimed: Bool { lifecycle.isClaimed }
    /// Counters since the device was created; status reads and failed connects included.
    public var statistics: DeviceStatistics { lifecycle.statistics }

    /// Connects (``openConnection()``) unless already open; a failed connect is counted and
    /// emitted like any failed operation and leaves the device as it was.
    public func open() async throws(DeviceError) {
        guard lifecycle.state == .closed || lifecycle.state == .error else { return }
        do throws(DeviceError) {
            try await openConnection()
        } catch {
            lifecycle.failed(error)
            throw error
        }
        lifecycle.opened()
    }

    /// Takes exclusive access unless already claimed. Throws ``DeviceError/notOpen(_:)`` when closed.
    public func claim() async throws(DeviceError) {
        try lifecycle.requireOpen("claim")
        guard !lifecycle.isClaimed else { return }
        try await claimExclusiveAccess()
        try lifecycle.claimed()
    }

    /// Gives exclusive access up; does nothing when not claimed.
    public func release() async {
        guard lifecycle.isClaimed else { return }
        await releaseExclusiveAccess()
        lifecycle.released()
    }

    /// Drops the connection and marks the device closed, releasing any claim.
    public func close() async {
        await closeConnection()
        lifecycle.closed()
    }

    /// Nothing to acquire.
    public func openConnection() async throws(DeviceError) {}
    /// Nothing to drop.
    public func closeConnection() async {}
    /// The claim is bookkeeping only.
    public func claimExclusiveAccess() async throws(DeviceError) {}
    /// Nothing to give up.
    public func releaseExclusiveAccess() async {}
}
