import Foundation

/// One direction of an in-memory printer connection: a bounded byte buffer between a writing and
/// a reading thread that blocks like a socket. A write waits while the buffer is full; a read
/// waits until bytes arrive, the writer closes (end of stream) or the time is up. A closed reader
/// makes writes fail, as a reset socket does. Thread-safe (one `NSCondition`).
final class PrinterMemoryPipe: @unchecked Sendable {
    /// Bytes that may wait unread before a writer blocks.
    let capacity: Int
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var writerClosed = false
    private var readerClosed = false

    /// An open pipe holding at most `capacity` unread bytes (at least 1).
    init(capacity: Int = 64 << 10) {
        self.capacity = max(capacity, 1)
    }

    /// Writes all of `bytes`, waiting for room; returns false when the pipe closed first.
    func write(_ bytes: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        var written = 0
        while written < bytes.count {
            while buffer.count >= capacity, !readerClosed, !writerClosed { condition.wait() }
            if readerClosed || writerClosed { return false }
            let count = min(capacity - buffer.count, bytes.count - written)
            buffer.append(contentsOf: bytes[written..<(written + count)])
            written += count
            condition.broadcast()
        }
        return true
    }

    /// Up to `maximum` bytes within `timeout`: `nil` on timeout, `[]` at end of stream.
    func read(maximum: Int, timeout: Duration) -> [UInt8]? {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let deadline = Date(timeIntervalSinceNow: max(seconds, 0))
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty, !writerClosed, !readerClosed {
            if !condition.wait(until: deadline), buffer.isEmpty, !writerClosed, !readerClosed { return nil }
        }
        guard !readerClosed, !buffer.isEmpty else { return [] }
        let count = min(max(maximum, 1), buffer.count)
        let chunk = Array(buffer.prefix(count))
        buffer.removeFirst(count)
        condition.broadcast()
        return chunk
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
        condition.broadcast()
        condition.unlock()
    }
}
