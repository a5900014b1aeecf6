import Glibc
import Synchronization

/// An open socket or serial line that this object owns and closes (on ``close()`` or deinit).
///
/// Reads wait with `poll` for at most the time given, writes write everything (`MSG_NOSIGNAL` on
/// sockets, so a closed peer is an error, never `SIGPIPE`). Every call blocks: run it on a
/// dedicated thread or a `DedicatedThreadExecutor`. One owner calls the I/O; ``shutdown(readToo:)``
/// and ``close()`` may come from any thread (to wake a blocked read).
public final class ByteStream: ByteChannel, Sendable {
    /// What is behind the descriptor.
    public enum Kind: Sendable, Hashable {
        /// A TCP socket.
        case socket
        /// A tty or pty.
        case terminal
    }

    private let state: Mutex<Int32>
    /// What is behind the descriptor.
    public let kind: Kind
    /// What it is connected to, for error contexts (`10.0.0.5:20007`, `/dev/ttyUSB0`).
    public let peer: String

    init(descriptor: Int32, kind: Kind, peer: String) {
        state = Mutex(descriptor)
        self.kind = kind
        self.peer = peer
    }

    deinit { close() }

    /// The descriptor (-1 once closed), for checks such as `fcntl(F_GETFD)` in tests.
    public var descriptor: Int32 { state.withLock { $0 } }

    /// Whether ``close()`` was called.
    public var isClosed: Bool { descriptor < 0 }

    /// Waits up to `milliseconds` for data or a hang-up; `nil` when nothing happened.
    public func waitReadable(milliseconds: Int32) throws(SystemCallError) -> Readiness? {
        let fd = try open("wait for data from \(peer)")
        guard let events = try Syscall.poll(fd, events: Int16(POLLIN), milliseconds: milliseconds, context: "wait for data from \(peer)") else {
            return nil
        }
        let received = Int32(events)
        return Readiness(readable: received & Int32(POLLIN) != 0,
                         hungUp: received & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0)
    }

    /// Reads what is available (at most `maximum` bytes); an empty array means end of stream. On
    /// a tty, `EIO` (the other end of a pty closed) and `EAGAIN` also read as nothing.
    public func readAvailable(maximum: Int = 4096) throws(SystemCallError) -> [UInt8] {
        let fd = try open("read from \(peer)")
        var buffer = [UInt8](repeating: 0, count: max(1, maximum))
        do {
            let count = try Syscall.read(fd, into: &buffer, context: "read from \(peer)")
            return Array(buffer.prefix(count))
        } catch {
            let code = error.code
            if code.rawValue == EAGAIN || code.rawValue == EWOULDBLOCK { return [] }
            if kind == .terminal && code == .ioError { return [] }
            throw error
        }
    }

    /// Reads exactly `count` bytes, waiting as long as it takes; `nil` when the peer closed first.
    public func read(exactly count: Int, acknowledgingAtOnce: Bool = false) throws(SystemCallError) -> [UInt8]? {
        let fd = try open("read from \(peer)")
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            var buffer = [UInt8](repeating: 0, count: count - result.count)
            let got = try Syscall.read(fd, into: &buffer, context: "read from \(peer)")
            guard got > 0 else { return nil }
            result += buffer.prefix(got)
            if acknowledgingAtOnce && kind == .socket { Syscall.setQuickAck(fd) }
        }
        return result
    }

    /// Writes every byte unless an error stops it; a write that makes no progress is `EIO`.
    public func write(_ bytes: [UInt8]) -> WriteOutcome {
        let context = "write to \(peer)"
        let fd: Int32
        do { fd = try open(context) } catch { return WriteOutcome(written: 0, error: error) }
        var written = 0
        while written < bytes.count {
            do {
                let count = try Syscall.write(fd, bytes, from: written, isSocket: kind == .socket, context: context)
                guard count > 0 else {
                    return WriteOutcome(written: written, error: SystemCallError(call: "write", context: context, code: EIO))
                }
                written += count
            } catch {
                return WriteOutcome(written: written, error: error)
            }
        }
        return WriteOutcome(written: written, error: nil)
    }

    /// Ends the sending direction (the peer reads end of stream), or both, which wakes a thread
    /// blocked in a read. Does nothing once closed.
    public func shutdown(readToo: Bool = false) {
        state.withLock { fd in
            guard fd >= 0, kind == .socket else { return }
            Syscall.shutdown(fd, readToo: readToo)
        }
    }

    /// Closes so that the peer sees a reset (RST) rather than an orderly end: for tests that
    /// play a failing peer.
    public func closeWithReset() {
        state.withLock { fd in
            guard fd >= 0 else { return }
            if kind == .socket { Syscall.setResetOnClose(fd) }
        }
        close()
    }

    /// Closes the descriptor (idempotent).
    public func close() {
        state.withLock { fd in
            guard fd >= 0 else { return }
            Syscall.close(fd)
            fd = -1
        }
    }

    /// The peer's address as `host:port` (IPv6 in brackets), or `unknown`.
    public var peerAddress: String {
        guard kind == .socket, case let fd = descriptor, fd >= 0 else { return "unknown" }
        return Syscall.peerAddress(fd) ?? "unknown"
    }

    /// The open descriptor, or `EBADF` once closed.
    private func open(_ context: String) throws(SystemCallError) -> Int32 {
        let fd = descriptor
        guard fd >= 0 else { throw SystemCallError(call: "read", context: context + " (closed)", code: EBADF) }
        return fd
    }
}
