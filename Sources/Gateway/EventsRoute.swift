import Hummingbird
import HTTPTypes
import NIOCore
import HummingbirdWebSocket
import Foundation
import NIOCore

/// `GET /v1/events`: the one WebSocket of the gateway.
///
/// Token: `Authorization: Bearer TOKEN`, or — what a browser's `new WebSocket(url, protocols)`
/// can send — the subprotocols `bhal.v1` and `bearer.TOKEN`; the server selects `bhal.v1` and
/// never echoes the token. The first message is `{"type":"hello","seq":0,"clientId":…}`; then every
/// gateway event as `{"type":…,"seq":N,…}`, N increasing by one across the server. Closing the
/// connection cancels the operations started with its `clientId` in `X-BHAL-Client`.
enum EventsRoute {
    static func add(to router: Router<GatewayRequestContext>, controller: GatewayController, clients: ConnectedClients) {
        router.ws("v1/events", shouldUpgrade: { request, _ in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                throw GatewayProblem(.upgradeRequired, type: "websocket-required", detail: "/v1/events is a WebSocket",
                                     remedy: "Open it with new WebSocket(url, [\"bhal.v1\", \"bearer.\" + token]).")
            }
            let offered = request.headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            var headers = HTTPFields()
            if offered.contains(WebSocketProtocols.events) { headers[.secWebSocketProtocol] = WebSocketProtocols.events }
            return .upgrade(headers)
        }, onUpgrade: { inbound, outbound, _ in
            let events = controller.hub.subscribe()
            let clientID = clients.connect()
            defer { clients.disconnect(clientID) }
            try await outbound.write(.text(String(decoding: JSONValue.object([
                "type": .string("hello"), "seq": .int(0), "clientId": .string(clientID),
            ]).encoded(), as: UTF8.self)))
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in events {
                        do { try await outbound.write(.text(String(decoding: message, as: UTF8.self))) } catch { return }
                    }
                }
                group.addTask {
                    // Client messages are not commands; reading them notices the close.
                    do { for try await _ in inbound {} } catch {}
                }
                await group.next()
                group.cancelAll()
            }
            await controller.clientDisconnected(clientID)
        })
    }
}
