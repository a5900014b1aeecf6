import Synchronization

/// The one ordered stream of gateway events (operation progress, payment statuses, device
/// events) fanned out to every `/v1/events` connection.
///
/// ``publish(_:_:)`` is synchronous and numbers each event under a lock, so events keep the
/// order in which they happened (a terminal's displays between an operation's `running` and its
/// end). Each subscriber keeps at most the newest 1024 unread events, so a slow client never
/// holds up a device.
public final class GatewayEventHub: Sendable {
    private struct State {
        var sequence = 0
        var subscribers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var nextSubscriber = 0
    }

    private let state = Mutex(State())

    /// An empty hub.
    public init() {}

    /// Publishes an event of `type` with `payload` members; adds `type` and `seq` (1, 2, …).
    public func publish(_ type: String, _ payload: [String: JSONValue]) {
        state.withLock { state in
            state.sequence += 1
            var message = payload
            message["type"] = .string(type)
            message["seq"] = .int(state.sequence)
            let bytes = JSONValue.object(message).encoded()
            for continuation in state.subscribers.values { continuation.yield(bytes) }
        }
    }

    /// A new subscription: the JSON text of every event published from now on.
    public func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(1024))
        let id = state.withLock { state in
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            return state.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every subscription (server shutdown).
    public func finishAll() {
        let continuations = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
