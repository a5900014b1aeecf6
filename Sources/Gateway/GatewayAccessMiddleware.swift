public import Hummingbird
import HTTPTypes
import Logging

/// The gate every request passes first: origin allow-list, private-network preflights, the
/// pairing token; and turning any error into a problem document.
///
/// Order: an `Origin` not in the allow-list gets 403 (no CORS headers). A preflight (`OPTIONS`
/// with `Access-Control-Request-Method`) from an allowed origin is answered here without a token
/// (browsers send none on preflights), with `Access-Control-Allow-Private-Network: true` when it
/// asked for it. Every other request needs `Authorization: Bearer TOKEN` (or, on the WebSocket,
/// the `Sec-WebSocket-Protocol` entry `bearer.TOKEN`), compared in constant time with the token
/// file's current content; otherwise 401.
public struct GatewayAccessMiddleware: RouterMiddleware {
    /// The request context.
    public typealias Context = GatewayRequestContext

    let origins: OriginPolicy
    let tokenFile: PairingTokenFile

    /// A middleware checking `origins` and the token in `tokenFile`.
    public init(origins: OriginPolicy, tokenFile: PairingTokenFile) {
        self.origins = origins
        self.tokenFile = tokenFile
    }

    /// Checks the request, then calls `next`; adds CORS headers for an allowed origin.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = request.headers[.origin]
        do {
            guard origins.permits(origin) else {
                throw GatewayProblem(.forbidden, type: "origin-not-allowed", detail: "requests from origin \(origin ?? "") are not allowed",
                                     remedy: "Start bhal serve with --allow-origin \(origin ?? "ORIGIN") if this front-end is the kiosk's own.")
            }
            if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
                return preflight(request, origin: origin)
            }
            try await authorize(request)
            var response = try await next(request, context)
            if let origin { Self.addCORS(&response.headers, origin: origin) }
            return response
        } catch let problem as GatewayProblem {
            var response = try problem.response(from: request, context: context)
            if let origin, origins.permits(origin) { Self.addCORS(&response.headers, origin: origin) }
            return response
        } catch let error as any HTTPResponseError {
            let problem = GatewayProblem(error.status, type: "http-\(error.status.code)", detail: error.status.reasonPhrase,
                                         remedy: "Check the method, path and body against docs/gateway-openapi.yaml.")
            return try problem.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error.type": "\(type(of: error))"])
            let problem = GatewayProblem(.internalServerError, type: "internal-error", detail: "the gateway failed to answer this request",
                                         remedy: "See the gateway's log (journalctl) and report it.")
            return try problem.response(from: request, context: context)
        }
    }

    private func preflight(_ request: Request, origin: String?) -> Response {
        var headers = HTTPFields()
        if let origin {
            Self.addCORS(&headers, origin: origin)
            headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            headers[.accessControlAllowHeaders] = "Authorization, Content-Type, X-BHAL-Client"
            headers[.accessControlMaxAge] = "600"
            if request.headers[.accessControlRequestPrivateNetwork]?.lowercased() == "true" {
                headers[.accessControlAllowPrivateNetwork] = "true"
            }
        }
        return Response(status: .noContent, headers: headers)
    }

    private func authorize(_ request: Request) async throws {
        let token: PairingToken
        do { token = try await tokenFile.current() } catch {
            // Say what the technician must fix, never what the token is.
            throw GatewayProblem(.serviceUnavailable, type: "token-unavailable", detail: error.message,
                                 remedy: "Restore the token file (or delete it and restart bhal serve to create a new one).")
        }
        guard let presented = Self.presentedToken(request) else {
            throw GatewayProblem(.unauthorized, type: "unauthorized", detail: "the request carries no pairing token",
                                 remedy: "Send Authorization: Bearer TOKEN with the token from bhal serve's token file (on the WebSocket: the subprotocol bearer.TOKEN).")
        }
        guard token.matches(presented.utf8) else {
            throw GatewayProblem(.unauthorized, type: "unauthorized", detail: "the pairing token is wrong",
                                 remedy: "Read the token file again: it may have been rotated.")
        }
    }

    /// The token of `Authorization: Bearer TOKEN`, else of a `bearer.TOKEN` WebSocket subprotocol.
    static func presentedToken(_ request: Request) -> Substring? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1].drop { $0 == " " }
        }
        for value in request.headers[values: .secWebSocketProtocol] {
            for entry in value.split(separator: ",") {
                let trimmed = entry.drop { $0 == " " }
                if trimmed.hasPrefix(WebSocketProtocols.bearerPrefix) { return trimmed.dropFirst(WebSocketProtocols.bearerPrefix.count) }
            }
        }
        return nil
    }

    static func addCORS(_ headers: inout HTTPFields, origin: String) {
        headers[.accessControlAllowOrigin] = origin
        headers[.vary] = "Origin"
    }
}

/// The WebSocket subprotocols of `/v1/events`.
public enum WebSocketProtocols {
    /// The protocol the server selects (never the token entry).
    public static let events = "bhal.v1"
    /// The prefix of the entry carrying the pairing token: `bearer.TOKEN`.
    public static let bearerPrefix = "bearer."
}

extension HTTPField.Name {
    static let accessControlRequestPrivateNetwork = HTTPField.Name("Access-Control-Request-Private-Network")!
    static let accessControlAllowPrivateNetwork = HTTPField.Name("Access-Control-Allow-Private-Network")!
    static let clientID = HTTPField.Name("X-BHAL-Client")!
}
