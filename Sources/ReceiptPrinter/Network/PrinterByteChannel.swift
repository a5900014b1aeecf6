#if canImport(Glibc)
import Glibc
#endif

/// One connection to a printer as the printer code sees it, whatever carries it: a TCP socket
/// (``TCPSocket``) or an in-memory pipe to the simulator (``PrinterMemoryChannel``). The job,
/// status and confirmation logic (``ConfirmedPrintExchange``) and the simulator's connection
/// handler run unchanged over either. Blocking; one owner at a time.
protocol PrinterByteChannel: AnyObject, Sendable {
    /// Sends all bytes; fails when the other side has gone.
    func send(_ bytes: [UInt8]) throws(SocketError)
    /// Receives up to `maximum` bytes within `timeout`: `nil` on timeout, `[]` at end of stream.
    func receive(maximum: Int, timeout: Duration) throws(SocketError) -> [UInt8]?
    /// Reads and discards whatever is waiting.
    func drain() throws(SocketError)
    /// Ends the sending direction: the other side reads end of stream.
    func shutdownWrite()
    /// Closes both directions (idempotent).
    func close()
}

extension PrinterByteChannel {
    /// Receives up to 64 KiB within `timeout`: `nil` on timeout, `[]` at end of stream.
    func receive(timeout: Duration) throws(SocketError) -> [UInt8]? {
        try receive(maximum: 65_536, timeout: timeout)
    }
}

extension TCPSocket: PrinterByteChannel {}
