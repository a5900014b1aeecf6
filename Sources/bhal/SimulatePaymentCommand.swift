import ArgumentParser
import DeviceCore
import Foundation
import PaymentTerminal

extension SimulateCommand {
    /// `bhal simulate payment --listen HOST:PORT | --serial DEVICE [--scenario NAME]`.
    struct Payment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a ZVT payment-terminal simulator over TCP or a serial device until interrupted.",
            discussion: """
                --listen 127.0.0.1:0 picks a free port; the first output line names it. --serial takes a tty, e.g. one end \
                of `socat -d -d pty,rawer,echo=0,link=/tmp/ttyECR pty,rawer,echo=0,link=/tmp/ttyPT` (give /tmp/ttyPT here \
                and zvt+serial:///tmp/ttyECR to the ECR). Over TCP every ECR connection is served on its own thread, at most \
                --max-connections at once (more are closed at once); a connection silent for --idle-timeout seconds before \
                a command is closed. Scenarios: \(ZVTSimulatorScenario.names.joined(separator: ", ")).
                """)

        @Option(name: .long, help: ArgumentHelp("Listen for an ECR over TCP.", valueName: "HOST:PORT"))
        var listen: String?

        @Option(name: .long, help: ArgumentHelp("Serve on a serial device or pty.", valueName: "DEVICE"))
        var serial: String?

        @Option(name: .long, help: "Serial speed.")
        var baud = 9600

        @Option(name: .long, help: "How payment commands end (see the discussion for the names).")
        var scenario = "approve"

        @Option(name: .customLong("terminal-id"), help: "The 8-digit terminal id to report.")
        var terminalID = "52500001"

        @Option(name: .customLong("delay-ms"),
                help: "Pause before each message the terminal sends unasked, in milliseconds (overrides the scenario's; slow: 1000).")
        var delayMilliseconds: Int?

        @Option(name: .customLong("max-connections"), help: "TCP: ECR connections served at once (1-256).")
        var maxConnections = 8

        @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("TCP: close a connection silent this long before a command (1-3600).",
                                                                      valueName: "SECONDS"))
        var idleTimeout = 30

        func validate() throws {
            guard (1...256).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 256") }
            guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 3600 seconds") }
            guard (listen == nil) != (serial == nil) else { throw ValidationError("give exactly one of --listen HOST:PORT and --serial DEVICE") }
            if listen != nil { _ = try endpoint() }
            guard ZVTSimulatorScenario.named(scenario) != nil else {
                throw ValidationError("unknown scenario \"\(scenario)\"; use one of \(ZVTSimulatorScenario.names.joined(separator: ", "))")
            }
            guard terminalID.count == 8, terminalID.allSatisfy(\.isNumber) else { throw ValidationError("--terminal-id must be 8 digits") }
            if let delayMilliseconds, !(0...60_000).contains(delayMilliseconds) {
                throw ValidationError("--delay-ms must be between 0 and 60000")
            }
            guard ZVTEndpoint.serialSpeeds.contains(baud) else { throw ValidationError("--baud must be one of \(ZVTEndpoint.serialSpeeds)") }
        }

        func endpoint() throws -> (host: String, port: UInt16) {
            do {
                let address = try HostPort(parsing: listen ?? "", allowsPortZero: true)
                return (address.host, address.port)
            } catch {
                throw ValidationError("--listen \(listen ?? ""): \(error.problem); write HOST:PORT, e.g. 127.0.0.1:20007 (port 0: any free port)")
            }
        }

        func run() async throws {
            var script = ZVTSimulatorScenario.named(scenario) ?? .approve
            if let delayMilliseconds { script.delay = .milliseconds(delayMilliseconds) }
            let limits = ZVTTerminalSimulator.Limits(maxConnections: maxConnections, idleTimeout: .seconds(idleTimeout))
            let simulator = ZVTTerminalSimulator(scenario: script, terminalID: terminalID, limits: limits)
            do {
                if let serial {
                    try simulator.attach(serialDevice: serial, baud: baud)
                    Console.line("ZVT terminal simulator on \(serial) at \(baud) baud (scenario \(scenario)); Ctrl-C to stop")
                } else {
                    let (host, port) = try endpoint()
                    let bound = try simulator.listen(host: host, port: port)
                    Console.line("ZVT terminal simulator listening on \(host):\(bound) (scenario \(scenario)); Ctrl-C to stop")
                }
            } catch {
                FileHandle.standardError.write(Data("bhal: \(error)\n".utf8))
                throw ExitCode(ExitStatus.failed)
            }
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
