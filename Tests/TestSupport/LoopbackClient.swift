import Foundation
import Glibc

/// A plain TCP client on loopback for tests that play a printer's client by hand: connect, send,
/// read with a timeout, see the peer close.
public final class LoopbackClient: @unchecked Sendable {
    private var descriptor: Int32

    /// Connects to 127.0.0.1:`port`.
    public init(port: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PeerError(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw PeerError(call: "connect to port \(port)", code: code)
        }
        descriptor = fd
    }

    deinit { close() }

    /// Sends every byte (no SIGPIPE: a closed peer fails the call).
    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { throw PeerError(call: "send", code: errno) }
            sent += result
        }
    }

    /// What arrives within `timeout` seconds: `nil` when nothing came, `[]` when the peer closed
    /// (or reset) the connection.
    public func receive(timeout: Double) -> [UInt8]? {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer.prefix(count)) : []
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
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes the connection (idempotent).
    public func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }
}
