public import Hummingbird
public import HummingbirdWebSocket

/// The request context of the gateway's routes: Hummingbird's core storage plus the WebSocket
/// upgrade handle that `/v1/events` needs.
public struct GatewayRequestContext: RequestContext, WebSocketRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The WebSocket handler set when `/v1/events` upgrades.
    public let webSocket: WebSocketHandlerReference<GatewayRequestContext>

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }

    /// Request bodies are small JSON documents.
    public var maxUploadSize: Int { 64 * 1024 }
}
