import DeviceCore
@testable import PaymentTerminal
import SystemIO
import Testing

/// A byte channel that fails on cue: SystemIO's seam, so the ZVT transports' handling of a broken
/// connection is tested without a kernel.
private final class FaultyChannel: ByteChannel {
    /// How many bytes of a write get through before it fails, and with which errno.
    var writeFault: (written: Int, code: SystemCallError.Code)?
    /// What reads return; empty: end of stream.
    var incoming: [[UInt8]] = []
    private(set) var closed = false

    func waitReadable(milliseconds: Int32) throws(SystemCallError) -> Readiness? {
        Readiness(readable: true, hungUp: incoming.isEmpty)
    }

    func readAvailable(maximum: Int) throws(SystemCallError) -> [UInt8] {
        incoming.isEmpty ? [] : incoming.removeFirst()
    }

    func write(_ bytes: [UInt8]) -> WriteOutcome {
        guard let writeFault else { return WriteOutcome(written: bytes.count, error: nil) }
        return WriteOutcome(written: min(writeFault.written, bytes.count),
                            error: SystemCallError(call: "send", context: "write to the fake", code: writeFault.code.rawValue))
    }

    func close() { closed = true }
}

@Suite("ZVT transports over a faulty channel")
struct ZVTTransportFaultTests {
    static let authorization = ZVTAPDU(class: 0x06, instruction: 0x01, data: [0x04, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00])

    @Test("a reset after part of an APDU was written is lost and may have arrived: the payment is in doubt")
    func partialWrite() {
        let channel = FaultyChannel()
        channel.writeFault = (written: 3, code: .connectionReset)
        let transport = ZVTTCPTransport(channel: channel, peer: "the terminal at 10.0.0.5:20007")
        #expect {
            try transport.send(Self.authorization)
        } throws: { error in
            guard let failure = error as? ZVTSendFailure else { return false }
            return failure.mayHaveArrived && failure.error.kind == .offline
                && failure.error.message == "the connection to the terminal was lost"
                && failure.error.backendCode?.domain == "errno"
        }
        #expect(channel.closed, "a broken connection is closed, so the next command reconnects")
    }

    @Test("a write refused before any byte provably did not arrive")
    func nothingWritten() {
        let channel = FaultyChannel()
        channel.writeFault = (written: 0, code: .brokenPipe)
        let transport = ZVTTCPTransport(channel: channel, peer: "the terminal at 10.0.0.5:20007")
        #expect {
            try transport.send(Self.authorization)
        } throws: { error in
            guard let failure = error as? ZVTSendFailure else { return false }
            return !failure.mayHaveArrived && failure.error.kind == .offline
        }
    }

    @Test("an APDU split across reads is put together; end of stream afterwards is a lost connection")
    func splitReadThenHangUp() throws {
        let channel = FaultyChannel()
        channel.incoming = [[0x80, 0x00], [0x00]]
        let transport = ZVTTCPTransport(channel: channel, peer: "the terminal at 10.0.0.5:20007")
        var received: ZVTAPDU?
        while received == nil { received = try transport.receive(waitingAtMost: 0) }
        #expect(received == ZVTAPDU(class: 0x80, instruction: 0x00))
        #expect {
            _ = try transport.receive(waitingAtMost: 0)
        } throws: { ($0 as? DeviceError)?.kind == .offline }
    }
}
