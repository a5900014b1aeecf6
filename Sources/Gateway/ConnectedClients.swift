import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The ids of the open `/v1/events` connections. A request may name one in `X-BHAL-Client`;
/// the operation it starts then belongs to that connection and is cancelled (safely) when it closes.
final class ConnectedClients: Sendable {
    private let ids = Mutex(Set<String>())

    /// A new id for a connection that just opened.
    func connect() -> String {
        let id = UUID().uuidString.lowercased()
        ids.withLock { _ = $0.insert(id) }
        return id
    }

    /// Forgets a closed connection.
    func disconnect(_ id: String) {
        ids.withLock { _ = $0.remove(id) }
    }

    /// The request's `X-BHAL-Client` id, when it names an open connection; 400 when it names none.
    func validated(_ request: Request) throws(GatewayProblem) -> String? {
        guard let id = request.headers[.clientID] else { return nil }
        guard ids.withLock({ $0.contains(id) }) else {
            throw GatewayProblem.badRequest("X-BHAL-Client \(id) names no open events connection",
                                            remedy: "Open GET /v1/events first and send the clientId of its hello message, or omit the header.")
        }
        return id
    }
}
