import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// A request's JSON object body, read with typed errors that say which member is wrong.
struct RequestBody {
    /// One member's value as sent.
    enum Member: Decodable {
        case string(String)
        case int(Int)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                _ = value
                self = .other
            } else if let value = try? container.decode(Int.self) {
                self = .int(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else {
                self = .other
            }
        }
    }

    let members: [String: Member]

    /// Reads the body (at most 64 KiB) as a JSON object; an empty body is `{}` when `optional`.
    static func object(_ request: Request, context: GatewayRequestContext, optional: Bool) async throws -> RequestBody {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw GatewayProblem(.contentTooLarge, type: "body-too-large", detail: "the request body is larger than 64 KiB",
                                 remedy: "Send a small JSON object as docs/gateway-openapi.yaml shows.")
        }
        if buffer.readableBytes == 0, optional { return RequestBody(members: [:]) }
        guard let object = try? JSONDecoder().decode([String: Member].self, from: Data(buffer.readableBytesView)) else {
            throw GatewayProblem.badRequest("the request body is not a JSON object", remedy: "Send Content-Type: application/json with a JSON object.")
        }
        return RequestBody(members: object)
    }

    /// The string member `name`.
    func string(_ name: String, required: Bool) throws(GatewayProblem) -> String? {
        guard let value = members[name] else {
            if required { throw GatewayProblem.badRequest("the member \"\(name)\" is missing", remedy: "Add \"\(name)\" (a string).") }
            return nil
        }
        guard case .string(let text) = value, !text.isEmpty else {
            throw GatewayProblem.badRequest("the member \"\(name)\" must be a non-empty string", remedy: "Send \"\(name)\" as a JSON string.")
        }
        return text
    }

    /// The integer member `name` (required; a JSON number without a fraction).
    func int(_ name: String) throws(GatewayProblem) -> Int {
        guard let value = members[name] else {
            throw GatewayProblem.badRequest("the member \"\(name)\" is missing", remedy: "Add \"\(name)\" (an integer).")
        }
        guard case .int(let number) = value else {
            throw GatewayProblem.badRequest("the member \"\(name)\" must be a whole number", remedy: "Send \"\(name)\" as an integer, e.g. 1250 for 12,50 €.")
        }
        return number
    }
}
