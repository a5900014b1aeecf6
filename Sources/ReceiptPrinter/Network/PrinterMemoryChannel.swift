import SystemIO
#if canImport(Glibc)
import Glibc
#endif

/// One end of an in-memory printer connection (two ``PrinterMemoryPipe``s): the simulated
/// printer's transport, carrying the bytes TCP would, so the receipt printer's real job and status
/// code talks to the real interpreter (swift-nio's `EmbeddedChannel` idea). A write after the
/// other end closed fails with `EPIPE`, as on a socket.
final class PrinterMemoryChannel: PrinterByteChannel, @unchecked Sendable {
    private let inbound: PrinterMemoryPipe
    private let outbound: PrinterMemoryPipe

    private init(inbound: PrinterMemoryPipe, outbound: PrinterMemoryPipe) {
        self.inbound = inbound
        self.outbound = outbound
    }

    /// A connected pair: what one end sends, the other receives.
    static func pair() -> (host: PrinterMemoryChannel, printer: PrinterMemoryChannel) {
        let toPrinter = PrinterMemoryPipe()
        let toHost = PrinterMemoryPipe()
        return (PrinterMemoryChannel(inbound: toHost, outbound: toPrinter), PrinterMemoryChannel(inbound: toPrinter, outbound: toHost))
    }

    deinit { close() }

    func send(_ bytes: [UInt8]) throws(SystemCallError) {
        guard outbound.write(bytes) else { throw SystemCallError(call: "send", context: "send to the simulated printer", code: EPIPE) }
    }

    func receive(maximum: Int, timeout: Duration) throws(SystemCallError) -> [UInt8]? {
        inbound.read(maximum: maximum, timeout: timeout)
    }

    func drain() throws(SystemCallError) {
        while let bytes = inbound.read(maximum: 65_536, timeout: .zero), !bytes.isEmpty {}
    }

    func shutdownWrite() {
        outbound.closeWriter()
    }

    func close() {
        outbound.closeWriter()
        inbound.closeReader()
    }
}
