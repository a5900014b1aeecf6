public import Logging
public import ServiceLifecycle
public import TerminalRuntime
import DeviceCore
import Foundation
import UnixSignals
import Hummingbird
import HTTPTypes
import HummingbirdWebSocket
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// What `bhal serve` runs: where it listens, the token file and the allowed origins.
public struct GatewayConfiguration: Sendable {
    /// The listening address (loopback TCP or a Unix socket).
    public var listen: GatewayListenAddress
    /// The pairing token file.
    public var tokenFile: String
    /// The browser origins allowed to call the gateway.
    public var origins: OriginPolicy

    /// `$BHAL_GATEWAY_TOKEN_FILE`, else `/var/lib/buergerhal/gateway.token`.
    public static var defaultTokenFile: String {
        let value = ProcessInfo.processInfo.environment["BHAL_GATEWAY_TOKEN_FILE"] ?? ""
        return value.isEmpty ? "/var/lib/buergerhal/gateway.token" : value
    }

    /// Creates a configuration.
    public init(listen: GatewayListenAddress = .standard, tokenFile: String = GatewayConfiguration.defaultTokenFile,
                origins: OriginPolicy = OriginPolicy(allowed: [])) {
        self.listen = listen
        self.tokenFile = tokenFile
        self.origins = origins
    }
}

/// The local gateway: Hummingbird's HTTP/1.1 server with WebSocket upgrade on the configured
/// loopback address or Unix socket, the `/v1` routes on a ``GatewayController``, and the device
/// event pump, run as services of one swift-service-lifecycle `ServiceGroup`.
public struct GatewayServer: Sendable {
    /// What it serves.
    public let controller: GatewayController
    /// Where it listens and whom it lets in.
    public let configuration: GatewayConfiguration
    /// The pairing token file.
    public let tokenFile: PairingTokenFile
    private let logger: Logger

    /// A server for `registry` with `configuration`.
    public init(registry: DeviceRegistry, configuration: GatewayConfiguration, logger: Logger = Logger(label: "buergerhal.gateway")) {
        controller = GatewayController(registry: registry)
        self.configuration = configuration
        tokenFile = PairingTokenFile(path: configuration.tokenFile)
        self.logger = logger
    }

    /// Prepares the token file (created with mode 0600 if missing), then returns the services to
    /// run: the HTTP server and the device event pump. `onListening` gets the bound address
    /// (with the port chosen for port 0).
    public func services(onListening: @escaping @Sendable (GatewayListenAddress) async -> Void) async throws(GatewayError) -> [any Service] {
        if try await tokenFile.prepare() {
            logger.notice("created a new pairing token file", metadata: ["path": "\(configuration.tokenFile)"])
        }
        let address: BindAddress
        switch configuration.listen {
        case .loopback(let hostPort): address = .hostname(hostPort.host, port: Int(hostPort.port))
        case .unixSocket(let path):
            try Self.removeStaleSocket(path)
            address = .unixDomainSocket(path: path)
        }
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: GatewayAccessMiddleware(origins: configuration.origins, tokenFile: tokenFile))
        let clients = ConnectedClients()
        GatewayRoutes.add(to: router, controller: controller, clients: clients)
        EventsRoute.add(to: router, controller: controller, clients: clients)
        let listen = configuration.listen
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: ApplicationConfiguration(address: address, serverName: "bhal-gateway"),
            onServerRunning: { channel in
                switch listen {
                case .loopback(var hostPort):
                    if let port = channel.localAddress?.port, let bound = UInt16(exactly: port) { hostPort.port = bound }
                    await onListening(.loopback(hostPort))
                case .unixSocket:
                    await onListening(listen)
                }
            },
            logger: logger)
        return [app, DeviceEventPump(controller: controller), TokenReloadOnHangup(tokenFile: tokenFile, logger: logger)]
    }

    /// Runs until SIGINT or SIGTERM (graceful shutdown: the server stops accepting, open requests end).
    public func run(onListening: @escaping @Sendable (GatewayListenAddress) async -> Void) async throws {
        let services = try await services(onListening: onListening)
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Removes a socket file left by an earlier run; refuses to remove anything that is not a socket.
    private static func removeStaleSocket(_ path: String) throws(GatewayError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFSOCK) else {
            throw GatewayError(.usage, "--unix \(path): a file that is not a socket is in the way; remove it or choose another path")
        }
        unlink(path)
    }
}

/// Publishes the registry's device events on the hub until the service group shuts down, then
/// ends every event subscription so open WebSocket connections close and the server can stop.
struct DeviceEventPump: Service {
    let controller: GatewayController

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await controller.pumpDeviceEvents()
        }
        // The device streams end only at shutdown; wait for it either way.
        try? await gracefulShutdown()
        controller.hub.finishAll()
    }
}

extension GatewayServer {
    /// The method and path template of every route the server registers (`/v1/operations/{id}`),
    /// so tests can hold them against docs/gateway-openapi.yaml.
    public static var routes: [(method: String, path: String)] { GatewayRoutes.registered }
}
