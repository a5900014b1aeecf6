#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client socket for the vpcd protocol: the only place the virtual card touches
/// the socket API. Used from one dedicated thread; `shutdown()` may be called from any thread.
final class VPCDSocket: @unchecked Sendable {
    private let fd: Int32

    /// Connects to `host:port` (IPv4 or IPv6, names resolved with getaddrinfo), with TCP_NODELAY.
    init(host: String, port: UInt16) throws(VPCDError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw VPCDError.unreachable("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(results) }
        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if socket >= 0 {
                if Glibc.connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    fd = socket
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    return
                }
                lastError = errno
                close(socket)
            } else {
                lastError = errno
            }
            candidate = info.pointee.ai_next
        }
        throw VPCDError.unreachable("cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    deinit {
        close(fd)
    }

    /// Reads exactly `count` bytes; `nil` when the peer closed the connection.
    func read(exactly count: Int) throws(VPCDError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let received = buffer.withUnsafeMutableBytes { raw in
                recv(fd, raw.baseAddress.map { $0 + filled }, count - filled, 0)
            }
            if received == 0 { return nil }
            if received < 0 {
                if errno == EINTR { continue }
                throw VPCDError.connectionLost(String(cString: strerror(errno)))
            }
            filled += received
            // vpcd writes length and payload separately: acknowledge at once instead of waiting
            // for the delayed-ACK timer (≈40 ms per APDU otherwise).
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_QUICKACK, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        return buffer
    }

    /// Writes all bytes in one call where possible.
    func write(_ bytes: [UInt8]) throws(VPCDError) {
        var sent = 0
        while sent < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw VPCDError.connectionLost(String(cString: strerror(errno)))
            }
            sent += written
        }
    }

    /// Ends both directions, waking a thread blocked in `read`.
    func shutdown() {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }
}

/// A failure of the virtual card's link to vpcd.
public enum VPCDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// vpcd could not be reached.
    case unreachable(String)
    /// The connection broke.
    case connectionLost(String)
    /// vpcd sent a message the protocol does not allow.
    case protocolViolation(String)

    /// The message with what to do.
    public var description: String {
        switch self {
        case .unreachable(let detail): "\(detail); start pcscd with the vsmartcard-vpcd driver (scripts/services.sh start) and check the port"
        case .connectionLost(let detail): "connection to vpcd lost: \(detail)"
        case .protocolViolation(let detail): "vpcd protocol violation: \(detail)"
        }
    }
}
