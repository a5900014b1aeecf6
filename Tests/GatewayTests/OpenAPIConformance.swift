import NIOHTTP1
import Foundation
import OpenAPIKit
import TestSupport
import Yams

/// `docs/gateway-openapi.yaml`, loaded with OpenAPIKit, and a checker of live responses against
/// it: the status code must be documented for the route, and the body must fit the documented
/// schema of its content type (required members present, JSON types right, nested too).
struct OpenAPIConformance {
    let document: ResolvedDocument

    /// Loads and dereferences the committed document.
    static func load() throws -> OpenAPIConformance {
        let url = Harness.repositoryRoot.appendingPathComponent("docs/gateway-openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let document = try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
        return OpenAPIConformance(document: try document.locallyDereferenced().resolved())
    }

    /// The documented (method, path) pairs, methods uppercase.
    var routes: Set<String> {
        Set(document.endpoints.map { "\($0.method.rawValue.uppercased()) \($0.path.rawValue)" })
    }

    /// What is wrong with `reply` as the answer of `method path` (a template such as
    /// `/v1/operations/{id}`); empty when it conforms.
    func problems(_ method: String, _ path: String, _ reply: HTTPReply) -> [String] {
        guard let endpoint = document.endpoints.first(where: { $0.method.rawValue.uppercased() == method && $0.path.rawValue == path }) else {
            return ["\(method) \(path) is not in the document"]
        }
        guard let response = endpoint.responses.first(where: { $0.key.rawValue == String(reply.status) })?.value else {
            return ["\(method) \(path): status \(reply.status) is not documented"]
        }
        guard !response.content.isEmpty else { return [] }
        let contentType = reply.headers.first(name: "Content-Type")?.split(separator: ";").first.map(String.init) ?? ""
        guard let content = response.content.first(where: { $0.key.rawValue == contentType })?.value else {
            return ["\(method) \(path) \(reply.status): content type \(contentType) is not documented"]
        }
        guard let schema = content.schema else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: reply.body, options: [.fragmentsAllowed]) else {
            return ["\(method) \(path) \(reply.status): the body is not JSON"]
        }
        return Self.check(value, against: schema, at: "\(method) \(path) \(reply.status) $")
    }

    /// Checks one JSON value against a schema, recursively.
    static func check(_ value: Any, against schema: DereferencedJSONSchema, at location: String) -> [String] {
        if value is NSNull { return schema.nullable || Self.allowsNull(schema) ? [] : ["\(location): null is not allowed"] }
        switch schema {
        case .object(_, let context):
            guard let object = value as? [String: Any] else { return ["\(location): expected an object"] }
            var problems = context.requiredProperties.filter { object[$0] == nil }.map { "\(location).\($0): required member missing" }
            for (name, member) in context.properties {
                if let present = object[name] { problems += check(present, against: member, at: "\(location).\(name)") }
            }
            return problems
        case .array(_, let context):
            guard let array = value as? [Any] else { return ["\(location): expected an array"] }
            guard let items = context.items else { return [] }
            return array.enumerated().flatMap { check($0.element, against: items, at: "\(location)[\($0.offset)]") }
        case .string:
            return value is String ? [] : ["\(location): expected a string"]
        case .integer:
            guard let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else {
                return ["\(location): expected an integer"]
            }
            return []
        case .number:
            return value is NSNumber ? [] : ["\(location): expected a number"]
        case .boolean:
            return value is Bool ? [] : ["\(location): expected a boolean"]
        case .null:
            return ["\(location): expected null"]
        case .one(let schemas, _), .any(let schemas, _):
            let results = schemas.map { check(value, against: $0, at: location) }
            return results.contains { $0.isEmpty } ? [] : ["\(location): fits none of the alternatives: \(results.flatMap { $0 })"]
        case .all(let schemas, _):
            return schemas.flatMap { check(value, against: $0, at: location) }
        case .not, .fragment:
            return []
        }
    }

    private static func allowsNull(_ schema: DereferencedJSONSchema) -> Bool {
        switch schema {
        case .null, .fragment: true
        case .one(let schemas, _), .any(let schemas, _): schemas.contains(where: allowsNull)
        default: false
        }
    }
}
