public import Hummingbird
public import HTTPTypes
import NIOCore
import Foundation

/// An error answer of the gateway: an RFC 9457 problem document (`application/problem+json`)
/// with a `type` a front-end can switch on, a `detail` sentence and a `remedy` saying what to do next.
///
/// Every error a client can cause ends as one of these; client input never traps the server.
public struct GatewayProblem: HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A short, stable identifier: `unauthorized`, `origin-not-allowed`, `device-busy`, …
    public var type: String
    /// What went wrong, in one sentence.
    public var detail: String
    /// What the client (or the technician) should do next.
    public var remedy: String
    /// Further typed members: `holderOperation`, `state`, `expectedStates`, `device`, …
    public var extra: [String: String]

    /// Creates a problem.
    public init(_ status: HTTPResponse.Status, type: String, detail: String, remedy: String, extra: [String: String] = [:]) {
        self.status = status
        self.type = type
        self.detail = detail
        self.remedy = remedy
        self.extra = extra
    }

    /// The problem document as a response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: JSONValue] = [
            "type": .string("urn:buergerhal:gateway:\(type)"), "title": .string(type), "status": .int(Int(status.code)),
            "detail": .string(detail), "remedy": .string(remedy),
        ]
        for (key, value) in extra { body[key] = .string(value) }
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"bhal\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONValue.object(body).encoded())))
    }
}

extension GatewayProblem {
    /// 400: the request body or a parameter is not what the route takes.
    static func badRequest(_ detail: String, remedy: String) -> GatewayProblem {
        GatewayProblem(.badRequest, type: "bad-request", detail: detail, remedy: remedy)
    }

    /// 404: no such device.
    static func unknownDevice(_ name: String, configured: [String]) -> GatewayProblem {
        GatewayProblem(.notFound, type: "unknown-device", detail: "no device named \"\(name)\" is configured",
                       remedy: "Use one of: \(configured.joined(separator: ", ")) (GET /v1/devices lists them).", extra: ["device": name])
    }
}
