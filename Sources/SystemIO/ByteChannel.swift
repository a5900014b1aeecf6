/// What `poll` saw on a descriptor.
public struct Readiness: Sendable, Hashable {
    /// Data can be read.
    public var readable: Bool
    /// The peer hung up or the descriptor failed; a read will say how.
    public var hungUp: Bool

    /// Creates a readiness value (test channels report their own).
    public init(readable: Bool, hungUp: Bool) {
        self.readable = readable
        self.hungUp = hungUp
    }
}

/// How far a write got: the bytes written, and the error that stopped it, if any.
public struct WriteOutcome: Sendable, Hashable {
    /// Bytes the kernel took.
    public var written: Int
    /// Why the write stopped before the end; `nil` when every byte was written.
    public var error: SystemCallError?

    /// Creates an outcome.
    public init(written: Int, error: SystemCallError?) {
        self.written = written
        self.error = error
    }
}

/// A bidirectional byte stream: a socket or a serial line. The seam between the families'
/// transports (ZVT over TCP and RS232, TCP receipt printers, vpcd) and the operating system:
/// ``ByteStream`` is the real one; a test passes its own to inject faults (a short write, a
/// reset, a hang-up) without a kernel. Every call may block: call it on a dedicated thread. Not
/// thread-safe: one owner.
public protocol ByteChannel: AnyObject {
    /// Waits up to `milliseconds` for data or a hang-up; `nil` when nothing happened.
    func waitReadable(milliseconds: Int32) throws(SystemCallError) -> Readiness?
    /// Reads what is available, at most `maximum` bytes, without waiting when ``waitReadable(milliseconds:)``
    /// reported data; an empty array means end of stream.
    func readAvailable(maximum: Int) throws(SystemCallError) -> [UInt8]
    /// Writes every byte unless an error stops it.
    func write(_ bytes: [UInt8]) -> WriteOutcome
    /// Closes the channel (idempotent); later reads report end of stream, writes fail.
    func close()
}

extension ByteChannel {
    /// What arrives within `milliseconds`: `nil` when nothing came, `[]` at end of stream (a
    /// connection reset counts as end of stream: the peer is gone either way).
    public func receive(maximum: Int = 65_536, waitingAtMost milliseconds: Int32) throws(SystemCallError) -> [UInt8]? {
        guard try waitReadable(milliseconds: milliseconds) != nil else { return nil }
        do {
            return try readAvailable(maximum: maximum)
        } catch {
            if error.code == .connectionReset { return [] }
            throw error
        }
    }

    /// Writes every byte or throws what stopped it.
    public func writeAll(_ bytes: [UInt8]) throws(SystemCallError) {
        if let error = write(bytes).error { throw error }
    }

    /// Reads and discards whatever is waiting now (stale replies).
    public func drain() throws(SystemCallError) {
        while let bytes = try receive(waitingAtMost: 0), !bytes.isEmpty {}
    }
}
