import DeviceCore
import SystemIO

/// The ECR's connection to one terminal. An actor on its own thread
/// (``DedicatedThreadExecutor``), because sockets and ttys block: the cooperative pool never waits
/// for the terminal.
///
/// ``receive(waitingAtMost:)`` returns after at most one short slice, so other calls (an Abort
/// while a payment runs) get their turn and a cancelled caller stops waiting promptly.
actor ZVTLink {
    private let executor: DedicatedThreadExecutor
    /// Where the terminal is.
    let endpoint: ZVTEndpoint
    private let connectTimeout: Duration
    private var transport: (any ZVTTransport)?
    /// Traffic not yet handed to the device's statistics.
    private var reported = (sent: 0, received: 0)
    /// The open transport's counters already added to `reported`.
    private var counted = (sent: 0, received: 0)

    /// Runs the link's blocking calls on the thread of `executor`.
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a link (not yet connected) with a thread named after the device.
    init(endpoint: ZVTEndpoint, connectTimeout: Duration, threadName: String) {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        executor = DedicatedThreadExecutor(name: threadName)
    }

    /// The endpoint with a serial path resolved through its symlinks (a file-system lookup, made
    /// on the link's thread).
    func resolvedEndpoint() -> ZVTEndpoint { endpoint.resolvingSymlinks() }

    /// Whether a connection is open.
    var isConnected: Bool { transport != nil }

    /// Opens the TCP connection, the serial line or the in-memory connection to a simulator;
    /// does nothing when open.
    func connect() throws(DeviceError) {
        guard transport == nil else { return }
        switch endpoint {
        case .tcp(let host, let port):
            let operation = "connect to the terminal at \(host):\(port)"
            do throws(SystemCallError) {
                let stream = try TCPConnection.connect(host: host, port: port, timeout: connectTimeout)
                transport = ZVTTCPTransport(channel: stream, peer: "the terminal at \(host):\(port)")
            } catch {
                throw .zvtSystemFailure(error, operation: operation)
            }
        case .serial(let path, let baud):
            transport = try ZVTSerialTransport.open(path: path, baud: baud)
        case .simulator(let simulator):
            transport = try simulator.connectInMemory()
        }
    }

    /// Closes the connection; does nothing when closed.
    func disconnect() {
        guard let transport else { return }
        collectTraffic(of: transport)
        transport.close()
        self.transport = nil
        counted = (0, 0)
    }

    /// Sends one APDU (serial: until ACK, with repeats).
    func send(_ apdu: ZVTAPDU) throws(ZVTSendFailure) {
        guard let transport else {
            throw ZVTSendFailure(error: .zvtConnectionLost("send \(apdu.type)", peer: endpoint.description), mayHaveArrived: false)
        }
        do {
            try transport.send(apdu)
        } catch {
            dropIfBroken(error.error)
            throw error
        }
    }

    /// The next APDU, or `nil` when none arrived within `limit` (kept short by callers).
    func receive(waitingAtMost limit: Duration) throws(DeviceError) -> ZVTAPDU? {
        guard let transport else { throw .zvtConnectionLost("receive", peer: endpoint.description) }
        do {
            return try transport.receive(waitingAtMost: limit.pollMilliseconds)
        } catch {
            dropIfBroken(error)
            throw error
        }
    }

    /// Bytes sent and received since the last call.
    func takeTraffic() -> (sent: Int, received: Int) {
        if let transport { collectTraffic(of: transport) }
        defer { reported = (0, 0) }
        return reported
    }

    private func collectTraffic(of transport: any ZVTTransport) {
        reported.sent += transport.bytesSent - counted.sent
        reported.received += transport.bytesReceived - counted.received
        counted = (transport.bytesSent, transport.bytesReceived)
    }

    /// A lost or corrupted connection is closed so the next command reconnects.
    private func dropIfBroken(_ error: DeviceError) {
        guard error.kind == .offline || error.kind == .protocol, let transport else { return }
        collectTraffic(of: transport)
        transport.close()
        self.transport = nil
        counted = (0, 0)
    }
}
