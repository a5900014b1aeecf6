/// The open / claim / release / close bookkeeping every device shares, with its event channel and
/// statistics. Devices store one as a variable and call it from their isolation domain.
///
/// Every transition is idempotent: opening an open device or closing a closed one does nothing
/// and emits no event.
public struct DeviceLifecycle: Sendable {
    /// The current state.
    public private(set) var state: DeviceState = .closed
    /// Whether the current holder has exclusive access.
    public private(set) var isClaimed = false
    /// Counters for operations, errors and bytes.
    public var statistics = DeviceStatistics()
    /// The device's event channel.
    public let events = DeviceEventChannel()

    /// Creates a closed lifecycle.
    public init() {}

    /// Marks the device open (closed or error → idle). Returns whether anything changed.
    @discardableResult
    public mutating func opened() -> Bool {
        guard state == .closed || state == .error else { return false }
        transition(to: .idle)
        return true
    }

    /// Marks the device claimed. Throws ``DeviceError/notOpen(_:)`` when it is closed.
    public mutating func claimed() throws(DeviceError) {
        try requireOpen("claim")
        isClaimed = true
    }

    /// Gives up exclusive access; does nothing when not claimed.
    public mutating func released() {
        isClaimed = false
    }

    /// Marks the device closed, releasing any claim. Returns whether anything changed.
    @discardableResult
    public mutating func closed() -> Bool {
        isClaimed = false
        guard state != .closed else { return false }
        transition(to: .closed)
        return true
    }

    /// Throws unless the device is open.
    public func requireOpen(_ operation: String) throws(DeviceError) {
        if state == .closed { throw .notOpen(operation) }
    }

    /// Throws unless the device is open and claimed.
    public func requireClaimed(_ operation: String) throws(DeviceError) {
        try requireOpen(operation)
        if !isClaimed { throw .notClaimed(operation) }
    }

    /// Starts an operation: checks access, counts it and marks the device busy.
    public mutating func begin(_ operation: String, needsClaim: Bool) throws(DeviceError) {
        if needsClaim { try requireClaimed(operation) } else { try requireOpen(operation) }
        statistics.recordOperation()
        transition(to: .busy)
    }

    /// Starts a read that changes nothing on the device (a status or capability read): checks that
    /// the device is open and counts it, without marking the device busy.
    public mutating func beginRead(_ operation: String) throws(DeviceError) {
        try requireOpen(operation)
        statistics.recordOperation()
    }

    /// Ends a read with an error: counts and emits it; the state stays (a read that failed
    /// changed nothing, so it may simply be repeated).
    public mutating func readFailed(_ error: DeviceError) {
        statistics.recordError(error)
        events.send(.error(error))
    }

    /// Ends an operation successfully: back to idle.
    public mutating func succeeded() {
        if state == .busy { transition(to: .idle) }
    }

    /// Ends an operation with an error: counts it, emits it, and moves to `error` for faults that
    /// need attention, or back to idle for ones the caller may simply retry.
    public mutating func failed(_ error: DeviceError) {
        statistics.recordError(error)
        events.send(.error(error))
        let retryable: Set<DeviceError.Kind> = [.timeout, .busy, .notClaimed, .closed, .cancelled]
        if state != .closed { transition(to: retryable.contains(error.kind) ? .idle : .error) }
    }

    /// Sends an event on the device's channel.
    public func emit(_ event: DeviceEvent) {
        events.send(event)
    }

    private mutating func transition(to newState: DeviceState) {
        guard newState != state else { return }
        state = newState
        events.send(.stateChanged(newState))
    }
}
