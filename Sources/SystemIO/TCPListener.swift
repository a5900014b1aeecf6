import Glibc
import Synchronization

/// A listening TCP socket (IPv4 or IPv6) for the simulators and test peers. Close-on-exec,
/// `SO_REUSEADDR`; accepted connections are close-on-exec with `TCP_NODELAY`. ``accept(waitingAtMost:)``
/// blocks: call it on a thread of its own. ``close()`` may come from any thread.
public final class TCPListener: Sendable {
    private let state: Mutex<Int32>
    /// The port it listens on (the kernel's choice when 0 was asked).
    public let port: UInt16
    /// The address it listens on, as given.
    public let host: String

    /// Listens on `host:port` (port 0: any free port). When the name resolves to IPv4 and IPv6
    /// addresses (`localhost`), the IPv4 one is used: clients try every address, so they reach it.
    public init(host: String, port: UInt16, backlog: Int32 = 8) throws(SystemCallError) {
        let context = "listen on \(HostText.joined(host: host, port: port))"
        let addresses = try Syscall.resolve(host: host, port: port, passive: true, context: context)
        let chosen = addresses.first { $0.family == AF_INET } ?? addresses[0]
        let fd = try Syscall.socket(chosen, nonBlocking: false, context: context)
        do throws(SystemCallError) {
            try Syscall.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1, context: context)
            try Syscall.bindAndListen(fd, to: chosen, backlog: backlog, context: context)
            self.port = try Syscall.localPort(fd, context: context)
        } catch {
            Syscall.close(fd)
            throw error
        }
        self.host = host
        state = Mutex(fd)
    }

    deinit { close() }

    /// The descriptor (-1 once closed), for checks in tests.
    public var descriptor: Int32 { state.withLock { $0 } }

    /// Waits up to `timeout` for a connection; `nil` when none came (or the listener is closed).
    public func accept(waitingAtMost timeout: Duration) throws(SystemCallError) -> ByteStream? {
        let context = "accept a connection on port \(port)"
        let fd = descriptor
        guard fd >= 0 else { return nil }
        guard try Syscall.poll(fd, events: Int16(POLLIN), milliseconds: timeout.pollMilliseconds, context: context) != nil,
              let client = try Syscall.accept(fd, context: context) else { return nil }
        do throws(SystemCallError) {
            try Syscall.setNoDelay(client, context: context)
        } catch {
            Syscall.close(client)
            throw error
        }
        return ByteStream(descriptor: client, kind: .socket, peer: Syscall.peerAddress(client) ?? "the client")
    }

    /// Stops listening (idempotent).
    public func close() {
        state.withLock { fd in
            guard fd >= 0 else { return }
            Syscall.close(fd)
            fd = -1
        }
    }
}
