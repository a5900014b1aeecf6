import Glibc
import SystemIO
import Testing

/// TCP connect and listen over real loopback sockets: IPv4 and IPv6, typed errors, and the flags
/// every descriptor must carry.
@Suite("SystemIO TCP over loopback")
struct TCPConnectionTests {
    /// `FD_CLOEXEC` as `fcntl(F_GETFD)` reports it.
    static func isCloseOnExec(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFD)
        return flags >= 0 && flags & FD_CLOEXEC != 0
    }

    /// `TCP_NODELAY` as `getsockopt` reports it.
    static func hasNoDelay(_ fd: Int32) -> Bool {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &value, &length) == 0 else { return false }
        return value != 0
    }

    @Test("connect and accept on ::1 and 127.0.0.1 carry bytes both ways", arguments: ["::1", "127.0.0.1"])
    func loopback(host: String) throws {
        let listener = try TCPListener(host: host, port: 0)
        defer { listener.close() }
        #expect(listener.port != 0, "port 0 asks the kernel; the chosen port is reported")
        let client = try TCPConnection.connect(host: host, port: listener.port, timeout: .seconds(5))
        let server = try #require(try listener.accept(waitingAtMost: .seconds(5)))
        try client.writeAll([1, 2, 3])
        #expect(try server.read(exactly: 3) == [1, 2, 3])
        try server.writeAll([9])
        #expect(try client.receive(waitingAtMost: 5000) == [9])
        client.shutdown()
        #expect(try server.receive(waitingAtMost: 5000) == [], "a half-close reads as end of stream")
        if host.contains(":") { #expect(server.peerAddress.hasPrefix("[::1]:")) } else { #expect(server.peerAddress.hasPrefix("127.0.0.1:")) }
    }

    @Test("every descriptor is close-on-exec and every TCP socket has TCP_NODELAY")
    func descriptorFlags() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let client = try TCPConnection.connect(host: "localhost", port: listener.port, timeout: .seconds(5))
        let server = try #require(try listener.accept(waitingAtMost: .seconds(5)))
        #expect(Self.isCloseOnExec(listener.descriptor))
        #expect(Self.isCloseOnExec(client.descriptor))
        #expect(Self.isCloseOnExec(server.descriptor))
        #expect(Self.hasNoDelay(client.descriptor))
        #expect(Self.hasNoDelay(server.descriptor))
        let flags = fcntl(client.descriptor, F_GETFL)
        #expect(flags >= 0 && flags & O_NONBLOCK == 0, "a connected socket is blocking again; waits go through poll")
    }

    @Test("a refused connection is a typed error naming connect and the address")
    func refused() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        let port = listener.port
        listener.close()
        #expect {
            _ = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
        } throws: { error in
            guard let error = error as? SystemCallError else { return false }
            return error.code == .connectionRefused && error.call == "connect" && error.context == "connect to 127.0.0.1:\(port)"
        }
    }

    @Test("a connect that cannot complete in time fails as timed out, not as a hang")
    func connectTimeout() throws {
        // A listener that never accepts, with its backlog filled: further SYNs are dropped, so
        // the connect stays pending until the timeout.
        let listener = try TCPListener(host: "127.0.0.1", port: 0, backlog: 0)
        defer { listener.close() }
        var filling: [ByteStream] = []
        var timedOut: SystemCallError?
        for _ in 0..<64 {
            do throws(SystemCallError) {
                filling.append(try TCPConnection.connect(host: "127.0.0.1", port: listener.port, timeout: .milliseconds(100)))
            } catch {
                timedOut = error
                break
            }
        }
        let error = try #require(timedOut, "the backlog never filled up")
        #expect(error.code == .timedOut)
        #expect(error.call == "connect")
    }

    @Test("an unresolvable name is an address-lookup error")
    func unresolvable() {
        #expect {
            _ = try TCPConnection.connect(host: "no-such-host.invalid", port: 9100, timeout: .seconds(5))
        } throws: { error in
            (error as? SystemCallError)?.domain == .addressLookup
        }
    }

    @Test("a port in use is a typed bind error")
    func addressInUse() throws {
        let first = try TCPListener(host: "127.0.0.1", port: 0)
        defer { first.close() }
        #expect {
            _ = try TCPListener(host: "127.0.0.1", port: first.port)
        } throws: { error in
            guard let error = error as? SystemCallError else { return false }
            return error.code == .addressInUse && error.call == "bind"
        }
    }

    @Test("a write to a reset connection reports the error and how far it got, never SIGPIPE")
    func writeAfterReset() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        let server = try #require(try listener.accept(waitingAtMost: .seconds(5)))
        server.closeWithReset()
        #expect(try client.receive(waitingAtMost: 5000) == [], "a reset reads as end of stream")
        let outcome = client.write([UInt8](repeating: 0x55, count: 1 << 20))
        #expect(outcome.error?.code == .connectionReset || outcome.error?.code == .brokenPipe)
        #expect(outcome.written < 1 << 20)
    }
}
