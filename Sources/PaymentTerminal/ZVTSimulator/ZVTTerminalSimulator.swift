public import DeviceCore
import Foundation
import SystemIO

/// A ZVT payment terminal in software, speaking the terminal side over TCP (it listens) or over a
/// serial device such as one end of a pty pair (DLE STX framing, ACK/NAK), for kiosk software and
/// tests without a terminal. `bhal simulate payment` runs it.
///
/// Payment commands follow the ``scenario``; booked transactions are kept so Repeat Receipt `06 20`
/// reports the last one (the way to resolve a payment in doubt). Over TCP each ECR connection is
/// served on a thread of its own, so one idle or slow client blocks no other; at most
/// ``Limits/maxConnections`` are served at once (further ones are closed at once and counted in
/// ``refusedConnections``), and a connection silent for ``Limits/idleTimeout`` before a command
/// is closed. A serial line is one connection. In this process an ECR also reaches it without a
/// socket, over ``ZVTEndpoint/simulator(_:)`` (each connection served the same way, under the
/// same limits). Thread-safe. Equal (and hashed) by identity.
public final class ZVTTerminalSimulator: Sendable, Hashable {
    /// The bounds of the TCP server.
    public struct Limits: Sendable, Hashable {
        /// Connections served at the same time; more are closed at once.
        public var maxConnections: Int
        /// How long a connection may stay silent before a command (and between commands).
        public var idleTimeout: Duration

        /// Creates limits (default: 8 connections, 30 s idle).
        public init(maxConnections: Int = 8, idleTimeout: Duration = .seconds(30)) {
            self.maxConnections = max(maxConnections, 1)
            self.idleTimeout = idleTimeout
        }
    }

    let state: ZVTSimulatorState
    /// The bounds of the server (TCP and in-memory connections).
    public let limits: Limits

    /// Creates a simulator (not yet serving) reporting terminal id `terminalID` (8 digits).
    public init(scenario: ZVTSimulatorScenario = .approve, terminalID: String = "52500001", limits: Limits = Limits()) {
        state = ZVTSimulatorState(scenario: scenario, terminalID: terminalID)
        self.limits = limits
    }

    deinit { state.stop() }

    /// The script for the next commands.
    public var scenario: ZVTSimulatorScenario {
        get { state.scenario }
        set { state.scenario = newValue }
    }

    /// The terminal id (TID, BMP 29) the simulator reports.
    public var terminalID: String { state.terminalID }

    /// The transactions booked so far, oldest first.
    public var transactions: [ZVTSimulatedTransaction] { state.transactions }

    /// The commands received so far, oldest first (for tests: was anything sent?).
    public var receivedCommands: [ZVTMessageType] { state.commands }

    /// Connections being served now.
    public var activeConnections: Int { state.activeConnections }
    /// Connections closed at once because ``Limits/maxConnections`` were being served.
    public var refusedConnections: Int { state.refusedConnections }
    /// Connections closed because the ECR stayed silent for ``Limits/idleTimeout``.
    public var idleClosedConnections: Int { state.idleClosedConnections }
    /// Messages the terminal side has sent unasked so far (intermediate status, Status
    /// Information, receipts, completions, aborts): how far a flood has got.
    public var sentMessageCount: Int { state.sentMessages }

    /// Listens on `host:port` (port 0: any free port) and returns the bound port.
    public func listen(host: String = "127.0.0.1", port: UInt16 = 0) throws(DeviceError) -> UInt16 {
        let listener: TCPListener
        do throws(SystemCallError) {
            listener = try TCPListener(host: host, port: port)
        } catch {
            throw DeviceError.zvtListenFailure(error, operation: "listen on \(HostText.joined(host: host, port: port))")
        }
        let state = self.state
        let limits = self.limits
        state.threadStarted()
        let thread = Thread {
            defer { state.threadFinished() }
            while !state.isStopped {
                let client: ByteStream?
                do throws(SystemCallError) { client = try listener.accept(waitingAtMost: .milliseconds(100)) } catch {
                    if error.call == "poll" { break }
                    continue
                }
                guard let client else { continue }
                guard state.openConnection(limit: limits.maxConnections) else {
                    client.close()
                    continue
                }
                Self.serve(client: client, state: state, idleTimeout: limits.idleTimeout)
            }
            listener.close()
        }
        thread.name = "bhal-zvt-simulator-tcp"
        thread.start()
        return listener.port
    }

    /// Whether both are the same simulator object.
    public static func == (lhs: ZVTTerminalSimulator, rhs: ZVTTerminalSimulator) -> Bool { lhs === rhs }

    /// Hashes the object's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// Serves one accepted ECR connection on a thread of its own.
    private static func serve(client: ByteStream, state: ZVTSimulatorState, idleTimeout: Duration) {
        state.threadStarted()
        let thread = Thread {
            defer {
                state.closeConnection()
                state.threadFinished()
            }
            let transport = ZVTTCPTransport(channel: client, peer: "the ECR")
            ZVTSimulatorConnection(transport: transport, state: state, isSerial: false, idleTimeout: idleTimeout).serve()
            transport.close()
        }
        thread.name = "bhal-zvt-simulator-ecr"
        thread.start()
    }

    /// Serves the terminal side on a serial device (e.g. the PT end of a socat pty pair).
    public func attach(serialDevice path: String, baud: Int = 9600) throws(DeviceError) {
        let line = try ZVTSerialTransport.openLine(path: path, baud: baud)
        let state = self.state
        state.threadStarted()
        let thread = Thread {
            defer { state.threadFinished() }
            let transport = ZVTSerialTransport(channel: line, path: path)
            ZVTSimulatorConnection(transport: transport, state: state, isSerial: true).serve()
            transport.close()
        }
        thread.name = "bhal-zvt-simulator-serial"
        thread.start()
    }

    /// Stops serving and waits (up to 10 s) until the server threads have closed their descriptors.
    public func stop() {
        state.stop()
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while state.runningThreads > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
