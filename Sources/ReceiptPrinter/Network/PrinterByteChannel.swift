import SystemIO

/// One connection to a printer as the printer code sees it, whatever carries it: a TCP socket
/// (SystemIO's `ByteStream`) or an in-memory pipe to the simulator (``PrinterMemoryChannel``). The job,
/// status and confirmation logic (``ConfirmedPrintExchange``) and the simulator's connection
/// handler run unchanged over either. Blocking; one owner at a time.
protocol PrinterByteChannel: AnyObject, Sendable {
    /// Sends all bytes; fails when the other side has gone.
    func send(_ bytes: [UInt8]) throws(SystemCallError)
    /// Receives up to `maximum` bytes within `timeout`: `nil` on timeout, `[]` at end of stream.
    func receive(maximum: Int, timeout: Duration) throws(SystemCallError) -> [UInt8]?
    /// Reads and discards whatever is waiting.
    func drain() throws(SystemCallError)
    /// Ends the sending direction: the other side reads end of stream.
    func shutdownWrite()
    /// Closes both directions (idempotent).
    func close()
}

extension PrinterByteChannel {
    /// Receives up to 64 KiB within `timeout`: `nil` on timeout, `[]` at end of stream.
    func receive(timeout: Duration) throws(SystemCallError) -> [UInt8]? {
        try receive(maximum: 65_536, timeout: timeout)
    }
}

extension ByteStream: PrinterByteChannel {
    /// Writes every byte (SystemIO's `writeAll`).
    func send(_ bytes: [UInt8]) throws(SystemCallError) { try writeAll(bytes) }

    /// Receives within `timeout`, rounded up to whole milliseconds for poll.
    func receive(maximum: Int, timeout: Duration) throws(SystemCallError) -> [UInt8]? {
        try receive(maximum: maximum, waitingAtMost: timeout.pollMilliseconds)
    }

    /// Half-closes the connection: the printer reads end of stream after the job.
    func shutdownWrite() { shutdown() }
}
