import Foundation
import SystemIO

/// A plain TCP client on loopback for tests that play a printer's client by hand: connect, send,
/// read with a timeout, see the peer close. A ``ByteStream`` of SystemIO, like the backends use.
public final class LoopbackClient: Sendable {
    private let stream: ByteStream

    /// Connects to 127.0.0.1:`port`.
    public init(port: UInt16) throws {
        stream = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
    }

    /// Sends every byte (no SIGPIPE: a closed peer fails the call).
    public func send(_ bytes: [UInt8]) throws {
        try stream.writeAll(bytes)
    }

    /// What arrives within `timeout` seconds: `nil` when nothing came, `[]` when the peer closed
    /// (or reset) the connection.
    public func receive(timeout: Double) -> [UInt8]? {
        do {
            return try stream.receive(waitingAtMost: Duration.seconds(max(0, timeout)).pollMilliseconds)
        } catch {
            return []
        }
    }

    /// Reads until `count` bytes came, the peer closed, or `timeout` seconds passed.
    public func read(_ count: Int, timeout: Double) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        var result: [UInt8] = []
        while result.count < count, Date() < deadline, let bytes = receive(timeout: deadline.timeIntervalSinceNow), !bytes.isEmpty {
            result += bytes
        }
        return result
    }

    /// Waits up to `timeout` seconds for the peer to close; returns whether it did (bytes that
    /// arrive meanwhile are skipped).
    public func waitForClose(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let bytes = receive(timeout: max(0, deadline.timeIntervalSinceNow)) else { return false }
            if bytes.isEmpty { return true }
        }
        return false
    }

    /// Ends the sending direction: the peer reads end of stream.
    public func shutdownWrite() {
        stream.shutdown()
    }

    /// Closes the connection (idempotent).
    public func close() {
        stream.close()
    }
}
