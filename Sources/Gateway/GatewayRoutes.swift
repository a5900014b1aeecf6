import Hummingbird
import HTTPTypes
import NIOCore
import DeviceCore
import Foundation

/// The `/v1` JSON routes (docs/gateway-openapi.yaml describes each). Every route answers JSON;
/// errors are problem documents.
enum GatewayRoutes {
    /// The method and path of every route the server registers (the OpenAPI test checks them).
    static let registered: [(method: String, path: String)] = [
        ("GET", "/v1/devices"), ("GET", "/v1/health"), ("POST", "/v1/selftest"), ("GET", "/v1/journal"),
        ("POST", "/v1/payments"), ("GET", "/v1/operations/{id}"), ("POST", "/v1/operations/{id}/cancel"), ("GET", "/v1/events"),
    ]

    static func add(to router: Router<GatewayRequestContext>, controller: GatewayController, clients: ConnectedClients) {
        let v1 = router.group("v1")
        v1.get("devices") { _, _ in JSONResponse(await controller.devices()) }
        v1.get("health") { _, _ in JSONResponse(await controller.health()) }
        v1.post("selftest") { request, context in
            let body = try await RequestBody.object(request, context: context, optional: true)
            let levelText = try body.string("level", required: false) ?? HealthCheckLevel.internal.rawValue
            guard let level = HealthCheckLevel(rawValue: levelText) else {
                throw GatewayProblem.badRequest("level \"\(levelText)\" is not a health check level",
                                                remedy: "Use one of: internal, external, interactive.")
            }
            let client = try clients.validated(request)
            let operation = try await controller.startSelfTest(level: level, clientID: client)
            return JSONResponse(operation.json, status: .accepted, location: "/v1/operations/\(operation.id)")
        }
        v1.get("journal") { request, _ in
            let limitText = request.uri.queryParameters["limit"].map(String.init) ?? "50"
            guard let limit = Int(limitText), (1...500).contains(limit) else {
                throw GatewayProblem.badRequest("limit \"\(limitText)\" is not a number from 1 to 500", remedy: "Pass ?limit=N with N from 1 to 500 (default 50).")
            }
            return JSONResponse(try await controller.journal(limit: limit))
        }
        v1.post("payments") { request, context in
            let body = try await RequestBody.object(request, context: context, optional: false)
            let device = try body.string("device", required: true) ?? ""
            let requestID = try body.string("requestId", required: true) ?? ""
            let cents = try body.int("amountCents")
            guard (1...99_999_999_999).contains(cents) else {
                throw GatewayProblem.badRequest("amountCents \(cents) is out of range", remedy: "Pass the amount in euro cents, from 1 to 99999999999.")
            }
            guard (1...64).contains(requestID.utf8.count),
                  requestID.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0)) }) else {
                throw GatewayProblem.badRequest("requestId must be 1 to 64 characters of A-Z, a-z, 0-9, - _ . :",
                                                remedy: "Use your booking id or a UUID; the same id again returns the same payment.")
            }
            let client = try clients.validated(request)
            let started = try await controller.startPayment(device: device, amountCents: cents, requestID: requestID, clientID: client)
            return JSONResponse(started.operation.json, status: started.isNew ? .accepted : .ok, location: "/v1/operations/\(started.operation.id)")
        }
        v1.get("operations/:id") { _, context in
            let id = try context.parameters.require("id")
            return JSONResponse(try await controller.operation(id).json)
        }
        v1.post("operations/:id/cancel") { _, context in
            let id = try context.parameters.require("id")
            return JSONResponse(try await controller.cancel(id).json, status: .accepted)
        }
    }
}

/// A JSON response.
struct JSONResponse: ResponseGenerator {
    let value: JSONValue
    let status: HTTPResponse.Status
    let location: String?

    init(_ value: JSONValue, status: HTTPResponse.Status = .ok, location: String? = nil) {
        self.value = value
        self.status = status
        self.location = location
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.encoded())))
    }
}
