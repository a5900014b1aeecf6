import ArgumentParser
import Foundation
import Gateway
import TerminalRuntime

/// `bhal serve`: the local gateway for kiosk web front-ends (HTTP + WebSocket on loopback).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the devices to the kiosk's web front-end: JSON API and events WebSocket on loopback.",
        discussion: """
            Listens on 127.0.0.1 or ::1 (--listen, default 127.0.0.1:8787) or a Unix socket (--unix), never on another \
            interface: that needs TLS, which is not configured. Every request needs Authorization: Bearer TOKEN with the \
            token in --token-file (default $BHAL_GATEWAY_TOKEN_FILE, else /var/lib/buergerhal/gateway.token; created with \
            mode 0600 and 32 random bytes in hex if missing; read again on every request, so replacing the file rotates it; SIGHUP re-reads and checks it). \
            Browsers may call it only from an origin given with --allow-origin (exact match). The API: docs/gateway-openapi.yaml. \
            Payments are journaled (--journal PATH, else $BHAL_PAYMENT_JOURNAL, else /var/lib/buergerhal/payments.sqlite) \
            exactly as with bhal payment. Stops on SIGINT or SIGTERM.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .long, help: ArgumentHelp("Loopback address to listen on: 127.0.0.1:PORT or [::1]:PORT (port 0: any free port).", valueName: "HOST:PORT"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("Listen on a Unix-domain socket instead of TCP.", valueName: "PATH"))
    var unix: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("The pairing token file.", valueName: "PATH"))
    var tokenFile: String?

    @Option(name: .customLong("allow-origin"), help: ArgumentHelp("A browser origin allowed to call the gateway (repeatable), e.g. http://127.0.0.1:3000.", valueName: "URL"))
    var allowOrigin: [String] = []

    @Option(name: .long, help: ArgumentHelp("The payment journal (SQLite).", valueName: "PATH"))
    var journal: String?

    func run() async throws {
        let configuration = try gatewayConfiguration()
        let context = BackendContext(journalPath: journal ?? BackendContext.defaultJournalPath)
        let registry = try DeviceRegistry(configuration: try options.load(), context: context)
        let server = GatewayServer(registry: registry, configuration: configuration)
        let tokenPath = configuration.tokenFile
        do {
            try await server.run { address in
                let url: String = switch address {
                case .loopback(let hostPort): "http://\(hostPort)"
                case .unixSocket(let path): "unix:\(path)"
                }
                // The token file's path, never the token.
                FileHandle.standardOutput.write(Data("bhal serve: listening on \(url) (pairing token in \(tokenPath))\n".utf8))
            }
        } catch let error as GatewayError {
            throw CommandFailure(error.message, status: error.kind == .usage ? ExitStatus.usage : ExitStatus.failed)
        }
    }

    private func gatewayConfiguration() throws -> GatewayConfiguration {
        if listen != nil, unix != nil { throw ValidationError("give either --listen or --unix, not both") }
        let address: GatewayListenAddress
        do {
            if let unix {
                guard !unix.isEmpty else { throw GatewayError(.usage, "--unix needs a path") }
                address = .unixSocket(path: unix)
            } else {
                address = try listen.map { text throws(GatewayError) in try GatewayListenAddress(listen: text) } ?? .standard
            }
            for origin in allowOrigin { try OriginPolicy.validate(origin) }
        } catch let error as GatewayError {
            throw CommandFailure(error.message, status: ExitStatus.usage)
        }
        return GatewayConfiguration(listen: address, tokenFile: tokenFile ?? GatewayConfiguration.defaultTokenFile,
                                    origins: OriginPolicy(allowed: allowOrigin))
    }
}
