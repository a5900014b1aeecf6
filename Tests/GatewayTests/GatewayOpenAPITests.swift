import NIOHTTP1
import Foundation
import Gateway
import Testing

/// The running server against `docs/gateway-openapi.yaml`: every route it registers is
/// documented, and live answers of every route (successes and errors) fit the document.
@Suite("Gateway OpenAPI document")
struct GatewayOpenAPITests {
    @Test("every route the server registers is in the document, and every documented route exists")
    func routesDocumented() throws {
        let spec = try OpenAPIConformance.load()
        let registered = Set(GatewayServer.routes.map { "\($0.method) \($0.path)" })
        #expect(registered.subtracting(spec.routes).isEmpty, "undocumented: \(registered.subtracting(spec.routes).sorted())")
        #expect(spec.routes.subtracting(registered).isEmpty, "documented but not served: \(spec.routes.subtracting(registered).sorted())")
    }

    @Test("live responses of every route fit the document")
    func liveResponses() async throws {
        let spec = try OpenAPIConformance.load()
        let gateway = try await GatewayFixture.start(origins: ["http://127.0.0.1:3000"])
        defer { Task { await gateway.stop() } }
        var checked: [(String, String, HTTPReply)] = []
        func call(_ method: String, _ template: String, _ path: String? = nil, json: String? = nil, token: String?? = .none,
                  headers: [(String, String)] = [], expect status: Int) async throws -> HTTPReply {
            let reply = try await gateway.request(.init(rawValue: method), path ?? template, json: json, token: token, headers: headers)
            #expect(reply.status == status, "\(method) \(path ?? template): \(reply.text)")
            checked.append((method, template, reply))
            return reply
        }
        _ = try await call("GET", "/v1/devices", expect: 200)
        _ = try await call("GET", "/v1/devices", token: .some(nil), expect: 401)
        _ = try await call("GET", "/v1/devices", headers: [("Origin", "https://evil.example")], expect: 403)
        _ = try await call("GET", "/v1/health", expect: 200)
        let selfTest = try await call("POST", "/v1/selftest", json: #"{"level":"internal"}"#, expect: 202)
        _ = try await call("POST", "/v1/selftest", json: #"{"level":"loud"}"#, expect: 400)
        _ = try await call("GET", "/v1/journal", "/v1/journal?limit=0", expect: 400)
        // The self-test holds every device; wait for its end through the operation route.
        let selfTestID = try #require(selfTest.object["id"] as? String)
        var selfTestState = ""
        while selfTestState != "completed" {
            try await Task.sleep(for: .milliseconds(20))  // polling pace, not an assertion
            selfTestState = try await call("GET", "/v1/operations/{id}", "/v1/operations/\(selfTestID)", expect: 200).object["state"] as? String ?? ""
        }
        let payment = try await call("POST", "/v1/payments", json: #"{"device":"payment","amountCents":100,"requestId":"spec-1"}"#, expect: 202)
        let paymentID = try #require(payment.object["id"] as? String)
        _ = try await call("POST", "/v1/payments", json: #"{"device":"payment","amountCents":100,"requestId":"spec-1"}"#, expect: 200)
        _ = try await call("POST", "/v1/payments", json: #"{"device":"payment","amountCents":101,"requestId":"spec-1"}"#, expect: 409)
        _ = try await call("POST", "/v1/payments", json: #"{"device":"payment"}"#, expect: 400)
        _ = try await call("POST", "/v1/payments", json: #"{"device":"x","amountCents":1,"requestId":"spec-2"}"#, expect: 404)
        var paymentState = ""
        while paymentState != "completed" {
            try await Task.sleep(for: .milliseconds(20))
            paymentState = try await call("GET", "/v1/operations/{id}", "/v1/operations/\(paymentID)", expect: 200).object["state"] as? String ?? ""
        }
        _ = try await call("GET", "/v1/operations/{id}", "/v1/operations/nope", expect: 404)
        _ = try await call("POST", "/v1/operations/{id}/cancel", "/v1/operations/\(paymentID)/cancel", expect: 409)
        _ = try await call("POST", "/v1/operations/{id}/cancel", "/v1/operations/nope/cancel", expect: 404)
        _ = try await call("GET", "/v1/journal", expect: 200)
        _ = try await call("GET", "/v1/events", expect: 426)

        for (method, template, reply) in checked {
            let problems = spec.problems(method, template, reply)
            #expect(problems.isEmpty, "\(problems)")
        }
        // Every documented route was exercised.
        #expect(Set(checked.map { "\($0.0) \($0.1)" }) == spec.routes)
    }
}
