import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A socket call that failed: the operation and the C `errno`.
struct SocketError: Error, Sendable, CustomStringConvertible {
    var operation: String
    var code: Int32

    var description: String { "\(operation): \(String(cString: strerror(code))) (errno \(code))" }
}

/// A blocking TCP socket. The only code in this module that calls the C socket API; EINTR is
/// retried, SIGPIPE is suppressed (`MSG_NOSIGNAL`). Not thread-safe: one owner at a time.
final class TCPSocket: @unchecked Sendable {
    private(set) var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Connects to `host:port`, giving up after `timeout`.
    static func connect(host: String, port: UInt16, timeout: Duration) throws(SocketError) -> TCPSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else { throw SocketError(operation: "resolve \(host)", code: status == EAI_SYSTEM ? errno : EHOSTUNREACH) }
        defer { freeaddrinfo(list) }
        var lastError = SocketError(operation: "connect to \(host):\(port)", code: ECONNREFUSED)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            let candidate = TCPSocket(descriptor: fd)
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) != 0 {
                guard errno == EINPROGRESS else {
                    lastError = SocketError(operation: "connect to \(host):\(port)", code: errno)
                    continue
                }
                guard candidate.poll(events: Int16(POLLOUT), timeout: timeout) else {
                    lastError = SocketError(operation: "connect to \(host):\(port)", code: ETIMEDOUT)
                    continue
                }
                var code: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
                guard code == 0 else {
                    lastError = SocketError(operation: "connect to \(host):\(port)", code: code)
                    continue
                }
            }
            _ = fcntl(fd, F_SETFL, flags)
            return candidate
        }
        throw lastError
    }

    /// Listens on `host:port` (port 0: any free port) and returns the socket and its port.
    static func listen(host: String, port: UInt16) throws(SocketError) -> (socket: TCPSocket, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket", code: errno) }
        let server = TCPSocket(descriptor: fd)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else {
            throw SocketError(operation: "parse IPv4 address \(host)", code: EINVAL)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw SocketError(operation: "bind \(host):\(port)", code: errno) }
        guard Glibc.listen(fd, 8) == 0 else { throw SocketError(operation: "listen", code: errno) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (server, UInt16(bigEndian: actual.sin_port))
    }

    /// Waits up to `timeout` for a connection; `nil` when none came.
    func accept(timeout: Duration) throws(SocketError) -> TCPSocket? {
        guard poll(events: Int16(POLLIN), timeout: timeout) else { return nil }
        let fd = Glibc.accept(descriptor, nil, nil)
        guard fd >= 0 else {
            if errno == EINTR || errno == EAGAIN { return nil }
            throw SocketError(operation: "accept", code: errno)
        }
        return TCPSocket(descriptor: fd)
    }

    /// The peer's address as `host:port` (IPv6 in brackets), or `unknown` when it cannot be read.
    var peerAddress: String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let read = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) }
        }
        guard read == 0 else { return "unknown" }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
                    return Self.string(text) + ":" + String(UInt16(bigEndian: address.pointee.sin_port))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
                    return "[" + Self.string(text) + "]:" + String(UInt16(bigEndian: address.pointee.sin6_port))
                }
            }
        default:
            return "unknown"
        }
    }

    /// A NUL-terminated C string buffer as a String.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sends all bytes.
    func send(_ bytes: [UInt8]) throws(SocketError) {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SocketError(operation: "send", code: errno)
            }
            sent += result
        }
    }

    /// Receives up to `maximum` bytes within `timeout`: `nil` on timeout, `[]` at end of stream.
    func receive(maximum: Int = 65_536, timeout: Duration) throws(SocketError) -> [UInt8]? {
        guard poll(events: Int16(POLLIN), timeout: timeout) else { return nil }
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, maximum, 0) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return [] }
            throw SocketError(operation: "receive", code: errno)
        }
    }

    /// Reads and discards whatever is waiting (stale status replies).
    func drain() throws(SocketError) {
        while let bytes = try receive(timeout: .zero), !bytes.isEmpty {}
    }

    /// Ends the sending direction: the peer reads end of stream.
    func shutdownWrite() {
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes the socket (idempotent).
    func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Whether `events` became ready within `timeout`.
    private func poll(events: Int16, timeout: Duration) -> Bool {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        while true {
            let result = Glibc.poll(&entry, 1, milliseconds)
            if result < 0, errno == EINTR { continue }
            return result > 0
        }
    }
}
