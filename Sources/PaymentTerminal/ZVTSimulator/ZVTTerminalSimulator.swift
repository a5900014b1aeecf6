public import DeviceCore
import Foundation

/// A ZVT payment terminal in software, speaking the terminal side over TCP (it listens) or over a
/// serial device such as one end of a pty pair (DLE STX framing, ACK/NAK), for kiosk software and
/// tests without a terminal. `bhal simulate payment` runs it.
///
/// Payment commands follow the ``scenario``; booked transactions are kept so Repeat Receipt `06 20`
/// reports the last one (the way to resolve a payment in doubt). Each server runs on a thread of
/// its own and serves one ECR connection at a time, like a real terminal. Thread-safe.
public final class ZVTTerminalSimulator: Sendable {
    private let state: ZVTSimulatorState

    /// Creates a simulator (not yet serving) reporting terminal id `terminalID` (8 digits).
    public init(scenario: ZVTSimulatorScenario = .approve, terminalID: String = "52500001") {
        state = ZVTSimulatorState(scenario: scenario, terminalID: terminalID)
    }

    deinit { state.stop() }

    /// The script for the next commands.
    public var scenario: ZVTSimulatorScenario {
        get { state.scenario }
        set { state.scenario = newValue }
    }

    /// The transactions booked so far, oldest first.
    public var transactions: [ZVTSimulatedTransaction] { state.transactions }

    /// The commands received so far, oldest first (for tests: was anything sent?).
    public var receivedCommands: [ZVTMessageType] { state.commands }

    /// Listens on `host:port` (port 0: any free port) and returns the bound port.
    public func listen(host: String = "127.0.0.1", port: UInt16 = 0) throws(DeviceError) -> UInt16 {
        let (fd, bound) = try ZVTSyscall.listenTCP(host: host, port: port)
        let state = self.state
        state.threadStarted()
        let thread = Thread {
            defer { state.threadFinished() }
            while !state.isStopped {
                let ready: ZVTSyscall.Readiness?
                do { ready = try ZVTSyscall.waitReadable(fd, milliseconds: 100) } catch { break }
                guard ready != nil, let client = try? ZVTSyscall.accept(fd) else { continue }
                let transport = ZVTTCPTransport(fd: client, peer: "the ECR")
                ZVTSimulatorConnection(transport: transport, state: state, isSerial: false).serve()
                transport.close()
            }
            ZVTSyscall.close(fd)
        }
        thread.name = "bhal-zvt-simulator-tcp"
        thread.start()
        return bound
    }

    /// Serves the terminal side on a serial device (e.g. the PT end of a socat pty pair).
    public func attach(serialDevice path: String, baud: Int = 9600) throws(DeviceError) {
        let fd = try ZVTSyscall.openSerial(path: path, baud: baud)
        let state = self.state
        state.threadStarted()
        let thread = Thread {
            defer { state.threadFinished() }
            let transport = ZVTSerialTransport(fd: fd, path: path)
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
