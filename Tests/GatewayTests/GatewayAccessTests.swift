import NIOHTTP1
import Foundation
import Testing

/// Who may call the gateway: pairing token, its rotation, the origin allow-list and
/// private-network preflights, over real loopback HTTP.
@Suite("Gateway access")
struct GatewayAccessTests {
    @Test("no token: 401 with a problem saying what to send")
    func missingToken() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let reply = try await gateway.request(.GET, "/v1/devices", token: .some(nil))
        #expect(reply.status == 401)
        #expect(reply.headers.first(name: "Content-Type") == "application/problem+json")
        #expect(reply.object["title"] as? String == "unauthorized")
        #expect((reply.object["remedy"] as? String)?.contains("Authorization: Bearer") == true)
        #expect(!reply.text.contains(gateway.token))
    }

    @Test("wrong token: 401; the right one: 200")
    func wrongToken() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let wrong = try await gateway.request(.GET, "/v1/devices", token: .some(String(gateway.token.reversed())))
        #expect(wrong.status == 401)
        #expect(!wrong.text.contains(gateway.token))
        let right = try await gateway.request(.GET, "/v1/devices")
        #expect(right.status == 200)
        let devices = try #require(right.object["devices"] as? [[String: Any]])
        #expect(devices.map { $0["name"] as? String } == ["reader", "receipt", "payment", "signature-pad"])
    }

    @Test("the token file is created with mode 0600 and 64 hex digits")
    func tokenFileMode() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let attributes = try FileManager.default.attributesOfItem(atPath: gateway.tokenPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(gateway.token.count == 64)
        #expect(gateway.token.allSatisfy { $0.isHexDigit })
    }

    @Test("a rotated token takes effect with the next request; the old one is refused")
    func rotation() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        #expect(try await gateway.request(.GET, "/v1/devices").status == 200)
        let rotated = String(repeating: "ab", count: 32)
        // As an operator rotates it: a new file moved over the old one.
        let staging = gateway.tokenPath + ".new"
        try (rotated + "\n").write(toFile: staging, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: staging)
        #expect(rename(staging, gateway.tokenPath) == 0)
        #expect(try await gateway.request(.GET, "/v1/devices").status == 401)
        #expect(try await gateway.request(.GET, "/v1/devices", token: .some(rotated)).status == 200)
    }

    @Test("an Origin outside the allow-list: 403 without CORS headers; an allowed one: CORS headers")
    func origins() async throws {
        let gateway = try await GatewayFixture.start(origins: ["http://127.0.0.1:3000"])
        defer { Task { await gateway.stop() } }
        let refused = try await gateway.request(.GET, "/v1/devices", headers: [("Origin", "https://evil.example")])
        #expect(refused.status == 403)
        #expect(refused.object["title"] as? String == "origin-not-allowed")
        #expect(refused.headers.first(name: "Access-Control-Allow-Origin") == nil)
        // Exact match: a trailing slash or another port is another origin.
        #expect(try await gateway.request(.GET, "/v1/devices", headers: [("Origin", "http://127.0.0.1:3000/")]).status == 403)
        #expect(try await gateway.request(.GET, "/v1/devices", headers: [("Origin", "http://127.0.0.1:3001")]).status == 403)
        let allowed = try await gateway.request(.GET, "/v1/devices", headers: [("Origin", "http://127.0.0.1:3000")])
        #expect(allowed.status == 200)
        #expect(allowed.headers.first(name: "Access-Control-Allow-Origin") == "http://127.0.0.1:3000")
    }

    @Test("private-network preflight: answered for an allowed origin only")
    func privateNetworkPreflight() async throws {
        let gateway = try await GatewayFixture.start(origins: ["https://kiosk.example"])
        defer { Task { await gateway.stop() } }
        let preflight: (String) -> [(String, String)] = { origin in
            [("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "authorization"),
             ("Access-Control-Request-Private-Network", "true")]
        }
        // Browsers send preflights without credentials.
        let allowed = try await gateway.request(.OPTIONS, "/v1/payments", token: .some(nil), headers: preflight("https://kiosk.example"))
        #expect(allowed.status == 204)
        #expect(allowed.headers.first(name: "Access-Control-Allow-Private-Network") == "true")
        #expect(allowed.headers.first(name: "Access-Control-Allow-Origin") == "https://kiosk.example")
        #expect(allowed.headers.first(name: "Access-Control-Allow-Headers")?.contains("Authorization") == true)
        let refused = try await gateway.request(.OPTIONS, "/v1/payments", token: .some(nil), headers: preflight("https://evil.example"))
        #expect(refused.status == 403)
        #expect(refused.headers.first(name: "Access-Control-Allow-Private-Network") == nil)
        #expect(refused.headers.first(name: "Access-Control-Allow-Origin") == nil)
    }

    @Test("the events WebSocket needs the token too")
    func webSocketToken() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let refused = EventsClient(port: gateway.port, token: "0000")
        var refusedMessages = refused.messages.makeAsyncIterator()
        #expect(await refusedMessages.next() == nil)
        await refused.close()
        let accepted = EventsClient(port: gateway.port, token: gateway.token)
        var messages = accepted.messages.makeAsyncIterator()
        let hello = try #require(await messages.next())
        #expect(hello.type == "hello")
        #expect(hello.seq == 0)
        #expect((hello.object["clientId"] as? String)?.isEmpty == false)
        await accepted.close()
    }

    @Test("the events WebSocket from an origin outside the allow-list is refused")
    func webSocketOrigin() async throws {
        let gateway = try await GatewayFixture.start(allowingWebSocketClient: false)
        defer { Task { await gateway.stop() } }
        let refused = EventsClient(port: gateway.port, token: gateway.token)
        var messages = refused.messages.makeAsyncIterator()
        #expect(await messages.next() == nil)
        await refused.close()
        let plain = try await gateway.request(.GET, "/v1/events", headers: [("Origin", GatewayFixture.webSocketClientOrigin)])
        #expect(plain.status == 403)
    }

    @Test("a plain GET of /v1/events: 426 naming the WebSocket")
    func eventsWithoutUpgrade() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let reply = try await gateway.request(.GET, "/v1/events")
        #expect(reply.status == 426)
        #expect(reply.object["title"] as? String == "websocket-required")
    }
}
