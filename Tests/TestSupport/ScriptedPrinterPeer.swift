import Foundation
import Glibc

/// A network receipt printer on loopback TCP that fails the way real ones do: it answers the
/// `DLE EOT` status requests of a print (as ready) and then drops the connection without reading
/// the job, or reports paper out once the job is in. Each connection is served in turn on one
/// thread; ``stop()`` frees the port.
public final class ScriptedPrinterPeer: @unchecked Sendable {
    /// What the printer does after answering `statusReplies` requests.
    public enum Behaviour: Sendable {
        /// Closes the connection (FIN) right after the last reply, before the job arrives.
        case closeAfterStatus
        /// Resets the connection (RST: `SO_LINGER` 0, then close) as soon as job bytes arrive,
        /// without reading them.
        case resetOnJob
        /// Reads the job and answers every later `DLE EOT` with paper out; closes at end of stream.
        case paperOutAfterJob
        /// Reads the job and never answers a later `DLE EOT`, like a printer that hangs while it
        /// prints: the job may have printed, but is never confirmed. Closes at end of stream.
        case silentAfterJob
    }

    /// The port it listens on (127.0.0.1).
    public let port: UInt16
    private let behaviour: Behaviour
    private let statusReplies: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false
    private var served = 0
    private var jobBytes = 0
    private let finished = DispatchSemaphore(value: 0)

    /// Listens on loopback `port` (0: a free one); `statusReplies` requests per connection are
    /// answered as ready before the behaviour starts (a print's status query asks `DLE EOT 1`, `2`
    /// and `4`).
    public init(_ behaviour: Behaviour, port requested: UInt16 = 0, statusReplies: Int = 3) throws {
        self.behaviour = behaviour
        self.statusReplies = statusReplies
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PeerError(call: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requested.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            let code = errno
            close(fd)
            throw PeerError(call: "bind/listen", code: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in serve() }
        thread.name = "scripted-printer:\(port)"
        thread.start()
    }

    deinit { stop() }

    /// Connections served so far.
    public var connections: Int { lock.withLock { served } }

    /// Job bytes (anything that is not a status request) read so far, over all connections.
    public var jobBytesRead: Int { lock.withLock { jobBytes } }

    /// Stops listening and returns once the port is free (idempotent).
    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if first { finished.wait() }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        while !isStopped {
            guard Self.wait(listener, timeoutMilliseconds: 50) else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            lock.withLock { served += 1 }
            handle(fd)
        }
    }

    /// One connection: answer status requests, then fail as scripted.
    private func handle(_ fd: Int32) {
        var answered = 0
        var pending: [UInt8] = []
        while !isStopped {
            if answered >= statusReplies {
                switch behaviour {
                case .closeAfterStatus:
                    close(fd)
                    return
                case .resetOnJob:
                    _ = Self.wait(fd, timeoutMilliseconds: 2000)
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                    close(fd)
                    return
                case .paperOutAfterJob, .silentAfterJob:
                    break
                }
            }
            guard Self.wait(fd, timeoutMilliseconds: 100) else { continue }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            pending += buffer.prefix(count)
            var jobBytesHere = 0
            // Answer each complete DLE EOT n; everything else counts as job bytes.
            var index = 0
            while index < pending.count {
                guard pending[index] == 0x10 else {
                    jobBytesHere += 1
                    index += 1
                    continue
                }
                guard index + 2 < pending.count else { break }
                guard pending[index + 1] == 0x04 else {
                    jobBytesHere += 1
                    index += 1
                    continue
                }
                let n = pending[index + 2]
                index += 3
                if answered >= statusReplies, behaviour == .silentAfterJob { continue }
                let reply = answered < statusReplies ? Self.ready : Self.paperOut(n)
                _ = [reply].withUnsafeBytes { send(fd, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }
                answered += 1
                if answered >= statusReplies, behaviour == .closeAfterStatus || behaviour == .resetOnJob { break }
            }
            pending.removeFirst(index)
            lock.withLock { jobBytes += jobBytesHere }
        }
        close(fd)
    }

    /// The reply of an idle printer to `DLE EOT 1`, `2` and `4`.
    private static let ready: UInt8 = 0x12

    /// The replies of a printer out of paper: offline (1), paper-end stop (2), paper end (4).
    private static func paperOut(_ n: UInt8) -> UInt8 {
        switch n {
        case 1: 0x1A
        case 2: 0x32
        case 4: 0x72
        default: 0x12
        }
    }

    /// Whether `fd` became readable within the timeout.
    private static func wait(_ fd: Int32, timeoutMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, timeoutMilliseconds) > 0
    }
}

/// A socket call of ``ScriptedPrinterPeer`` failed.
public struct PeerError: Error, CustomStringConvertible {
    /// The call.
    public var call: String
    /// `errno`.
    public var code: Int32

    public var description: String { "\(call): \(String(cString: strerror(code))) (errno \(code))" }
}
