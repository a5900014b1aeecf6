import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging

/// A WebSocket client of `/v1/events` over real loopback (hummingbird-websocket's client),
/// sending the token as a browser does: subprotocols `bhal.v1` and `bearer.TOKEN`.
final class EventsClient: Sendable {
    /// The messages received, in order.
    let messages: AsyncStream<EventMessage>
    private let closeSignal: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>

    /// Connects to `port` with `token`; `messages` ends when the connection does. The client
    /// sends `Origin: ws://127.0.0.1` (``GatewayFixture/webSocketClientOrigin``), as a browser sends its page's origin.
    init(port: UInt16, token: String) {
        let (messages, sink) = AsyncStream.makeStream(of: EventMessage.self)
        let (close, closeSignal) = AsyncStream.makeStream(of: Void.self)
        self.messages = messages
        self.closeSignal = closeSignal
        let headers: HTTPFields = [.secWebSocketProtocol: "bhal.v1, bearer.\(token)"]
        let url = "ws://127.0.0.1:\(port)/v1/events"
        task = Task {
            defer { sink.finish() }
            do { try await WebSocketClient.connect(url: url, configuration: .init(additionalHeaders: headers), logger: Logger(label: "test.ws")) { inbound, _, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = message else { continue }
                            sink.yield(EventMessage(text: text))
                        }
                    }
                    group.addTask { for await _ in close { return } }
                    try await group.next()
                    group.cancelAll()
                }
            } } catch {
                // A refused upgrade ends `messages` at once; the tests check that.
            }
        }
    }

    /// Closes the connection (as a kiosk browser tab that is closed).
    func close() async {
        closeSignal.yield()
        closeSignal.finish()
        _ = try? await task.value
    }
}

/// One message of `/v1/events`.
struct EventMessage: Sendable {
    /// The JSON text.
    let text: String

    /// The message as a JSON object.
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]) ?? [:] }
    /// Its `type`.
    var type: String { object["type"] as? String ?? "" }
    /// Its `seq`.
    var seq: Int { object["seq"] as? Int ?? -1 }
    /// For `operation` messages: the operation object.
    var operation: [String: Any] { object["operation"] as? [String: Any] ?? [:] }
    /// The operation id the message is about (`operation` messages: its id; `payment.*`: the member).
    var operationID: String? { (object["operation"] as? String) ?? (operation["id"] as? String) }
}

extension AsyncStream<EventMessage>.Iterator {
    /// Reads messages until one satisfies `condition`; returns all read so far including it
    /// (nil if the connection ended first).
    mutating func collect(until condition: (EventMessage) -> Bool) async -> [EventMessage]? {
        var seen: [EventMessage] = []
        while let message = await next() {
            seen.append(message)
            if condition(message) { return seen }
        }
        return nil
    }
}
