import Foundation

/// One direction of an in-memory ZVT connection: a bounded byte buffer between a writing and a
/// reading thread, with the blocking behaviour of a socket. A write waits while the buffer is
/// full; a read waits until bytes arrive, the writer closes (end of stream) or the time is up.
/// Either side closing ends it for the other. Thread-safe (one `NSCondition` guards the state).
final class ZVTMemoryPipe: @unchecked Sendable {
    /// What a read got.
    enum ReadResult: Equatable {
        /// Bytes, at most the requested number.
        case bytes([UInt8])
        /// Nothing arrived in time; the pipe is still open.
        case timedOut
        /// The writer closed and everything it wrote has been read, or the reader closed.
        case endOfStream
    }

    /// How many bytes may wait unread; a writer blocks beyond that.
    let capacity: Int
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var writerClosed = false
    private var readerClosed = false

    /// Creates an open pipe holding at most `capacity` unread bytes (at least 1).
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Writes `bytes`, waiting for room as the reader drains the buffer. Returns how many were
    /// written and whether the pipe closed before all of them were (the reader left, or the
    /// writer closed meanwhile).
    func write(_ bytes: [UInt8]) -> (written: Int, closed: Bool) {
        condition.lock()
        defer { condition.unlock() }
        var written = 0
        while written < bytes.count {
            while unread >= capacity, !readerClosed, !writerClosed { condition.wait() }
            if readerClosed || writerClosed { return (written, true) }
            let count = min(capacity - unread, bytes.count - written)
            buffer.append(contentsOf: bytes[written..<(written + count)])
            written += count
            condition.broadcast()
        }
        return (written, false)
    }

    /// Up to `maxCount` bytes, waiting at most `milliseconds` for the first (negative: no limit).
    func read(maxCount: Int, waitingAtMost milliseconds: Int32) -> ReadResult {
        let deadline = Date(timeIntervalSinceNow: Double(max(milliseconds, 0)) / 1000)
        condition.lock()
        defer { condition.unlock() }
        while unread == 0, !writerClosed, !readerClosed {
            if milliseconds < 0 {
                condition.wait()
            } else if !condition.wait(until: deadline), unread == 0, !writerClosed, !readerClosed {
                return .timedOut
            }
        }
        guard !readerClosed, unread > 0 else { return .endOfStream }
        let count = min(max(maxCount, 1), unread)
        let chunk = Array(buffer[readIndex..<(readIndex + count)])
        readIndex += count
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        condition.broadcast()
        return .bytes(chunk)
    }

    /// The writer is done: the reader gets what is buffered, then end of stream.
    func closeWriter() {
        condition.lock()
        writerClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The reader is gone: buffered bytes are dropped and writes fail from now on.
    func closeReader() {
        condition.lock()
        readerClosed = true
        buffer.removeAll()
        readIndex = 0
        condition.broadcast()
        condition.unlock()
    }

    private var unread: Int { buffer.count - readIndex }
}
