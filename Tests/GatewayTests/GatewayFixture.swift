import AsyncHTTPClient
import DeviceCore
import Foundation
import Gateway
import Logging
import NIOCore
import NIOHTTP1
import PaymentJournalSQLite
import PaymentTerminal
import ServiceLifecycle
import TerminalRuntime

/// A gateway served in this process on 127.0.0.1 (a free port), on simulators, with its own
/// SQLite journal and token file in a fresh directory; and an HTTP client over real loopback.
final class GatewayFixture: Sendable {
    let baseURL: String
    let port: UInt16
    let token: String
    let tokenPath: String
    let journal: SQLitePaymentJournal
    let server: GatewayServer
    let directory: URL
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    /// The `Origin` hummingbird-websocket's client always sends for `ws://127.0.0.1:PORT`.
    static let webSocketClientOrigin = "ws://127.0.0.1"

    /// Starts a gateway whose payment terminal plays `paymentScenario` (`sim:?scenario=NAME`),
    /// allowing `origins` and, unless `allowingWebSocketClient` is false, the test WebSocket client's origin.
    static func start(paymentScenario: String? = nil, origins: [String] = [], allowingWebSocketClient: Bool = true) async throws -> GatewayFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let journal = try SQLitePaymentJournal(path: directory.appendingPathComponent("payments.sqlite").path)
        var devices = TerminalConfiguration.simulated.devices
        if let paymentScenario, let index = devices.firstIndex(where: { $0.family == .paymentTerminal }) {
            devices[index].uri = "sim:?scenario=\(paymentScenario)"
        }
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: devices),
                                          context: BackendContext(paymentJournal: journal, spoolDirectory: directory.appendingPathComponent("spool")))
        let tokenPath = directory.appendingPathComponent("token").path
        let server = GatewayServer(registry: registry, configuration: GatewayConfiguration(
            listen: .loopback(HostPort(host: "127.0.0.1", port: 0)), tokenFile: tokenPath, origins: OriginPolicy(allowed: origins + (allowingWebSocketClient ? [webSocketClientOrigin] : []))))
        let (addresses, continuation) = AsyncStream.makeStream(of: GatewayListenAddress.self)
        let services = try await server.services { address in continuation.yield(address) }
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, logger: Logger(label: "test.gateway")))
        let running = Task { try await group.run() }
        var iterator = addresses.makeAsyncIterator()
        guard case .loopback(let bound)? = await iterator.next() else { throw FixtureError("the gateway did not start listening") }
        let token = try String(contentsOfFile: tokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return GatewayFixture(baseURL: "http://127.0.0.1:\(bound.port)", port: bound.port, token: token, tokenPath: tokenPath,
                              journal: journal, server: server, directory: directory, group: group, running: running)
    }

    private init(baseURL: String, port: UInt16, token: String, tokenPath: String, journal: SQLitePaymentJournal, server: GatewayServer,
                 directory: URL, group: ServiceGroup, running: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.token = token
        self.tokenPath = tokenPath
        self.journal = journal
        self.server = server
        self.directory = directory
        self.group = group
        self.running = running
    }

    /// Stops the server and removes the directory.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends a request; `token` nil sends no Authorization header.
    func request(_ method: HTTPMethod, _ path: String, json: String? = nil, token: String?? = .none,
                 headers: [(String, String)] = []) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        let bearer: String? = switch token {
        case .none: self.token
        case .some(let value): value
        }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }
}

/// One HTTP answer.
struct HTTPReply: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: Data

    /// The body as a JSON object (empty when it is none).
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
