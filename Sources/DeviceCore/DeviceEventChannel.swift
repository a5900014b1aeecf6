/// The event stream of one device and the continuation that feeds it.
///
/// A device keeps one channel; its `stream` has a single consumer (usually the runtime's registry,
/// which fans events out). Old events are dropped once `bufferLimit` unread events pile up, so a
/// device never blocks on a slow reader.
public struct DeviceEventChannel: Sendable {
    /// The stream handed out as the device's `events`.
    public let stream: AsyncStream<DeviceEvent>
    private let continuation: AsyncStream<DeviceEvent>.Continuation

    /// Creates a channel keeping at most `bufferLimit` unread events.
    public init(bufferLimit: Int = 256) {
        (stream, continuation) = AsyncStream.makeStream(of: DeviceEvent.self, bufferingPolicy: .bufferingNewest(bufferLimit))
    }

    /// Delivers an event to the consumer, if any.
    public func send(_ event: DeviceEvent) {
        continuation.yield(event)
    }

    /// Ends the stream; later `send` calls are ignored.
    public func finish() {
        continuation.finish()
    }
}
