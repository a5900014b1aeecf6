import DeviceCore
import Foundation
import Synchronization
@testable import PaymentTerminal
import Testing

/// The in-memory ZVT connection behind `ZVTEndpoint.simulator`: real APDU bytes both ways, a
/// bounded buffer that blocks the writer, a receive limit, and a close seen by the other side
/// as a lost connection, like the TCP transport.
@Suite("ZVT in-memory transport")
struct ZVTMemoryTransportTests {
    /// Two connected ends.
    static func pair(capacity: Int = ZVTMemoryTransport.defaultCapacity) -> (ecr: ZVTMemoryTransport, terminal: ZVTMemoryTransport) {
        let (toTerminal, toECR) = ZVTMemoryTransport.pipes(capacity: capacity)
        return (ZVTMemoryTransport(incoming: toECR, outgoing: toTerminal, peer: "the simulated terminal"),
                ZVTMemoryTransport(incoming: toTerminal, outgoing: toECR, peer: "the ECR"))
    }

    @Test("an APDU crosses as its encoded bytes and is cut by its length on the other side")
    func apduRoundTrip() throws {
        let (ecr, terminal) = Self.pair()
        let command = try ZVTRequest.authorization(amountCents: 1250, currency: nil).apdu(charset: .cp437)
        try ecr.send(command)
        try ecr.send(ZVTAPDU(class: 0x80, instruction: 0x00))
        #expect(try terminal.receive(waitingAtMost: 1000) == command)
        #expect(try terminal.receive(waitingAtMost: 1000) == ZVTAPDU(class: 0x80, instruction: 0x00))
        #expect(ecr.bytesSent == (try command.encoded().count) + 3)
        #expect(terminal.bytesReceived == ecr.bytesSent)
    }

    @Test("nothing within the limit is nil, not an error; the connection stays usable")
    func receiveTimeout() throws {
        let (ecr, terminal) = Self.pair()
        let started = ContinuousClock.now
        #expect(try ecr.receive(waitingAtMost: 50) == nil)
        #expect(ContinuousClock.now - started >= .milliseconds(40))
        try terminal.send(ZVTAPDU(class: 0x80, instruction: 0x00))
        #expect(try ecr.receive(waitingAtMost: 1000) == ZVTAPDU(class: 0x80, instruction: 0x00))
    }

    @Test("a close is a lost connection for the other side, after what was sent before it")
    func closeIsLostConnection() throws {
        let (ecr, terminal) = Self.pair()
        try terminal.send(ZVTAPDU(class: 0x80, instruction: 0x00))
        terminal.close()
        #expect(try ecr.receive(waitingAtMost: 1000) == ZVTAPDU(class: 0x80, instruction: 0x00), "bytes sent before the close arrive")
        let lost = #expect(throws: DeviceError.self) { _ = try ecr.receive(waitingAtMost: 1000) }
        #expect(lost?.kind == .offline)
        #expect(lost?.message == "the connection to the simulated terminal was closed")
        // Sending to a closed peer writes nothing: provably not arrived.
        let (other, gone) = Self.pair()
        other.close()
        let failure = #expect(throws: ZVTSendFailure.self) { try gone.send(ZVTAPDU(class: 0x05, instruction: 0x01)) }
        #expect(failure?.error.kind == .offline)
        #expect(failure?.mayHaveArrived == false)
    }

    @Test("the buffer is bounded: a writer waits until the reader drains it")
    func boundedBuffer() async throws {
        let (toTerminal, toECR) = ZVTMemoryTransport.pipes(capacity: 16)
        let ecr = ZVTMemoryTransport(incoming: toECR, outgoing: toTerminal, peer: "the simulated terminal")
        let big = ZVTAPDU(class: 0x06, instruction: 0xD1, data: Array(repeating: 0x41, count: 200))
        let bytes = try big.encoded()
        let finished = Mutex(false)
        let writer = Task.detached {
            let result = toECR.write(bytes)
            finished.withLock { $0 = true }
            return result
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!finished.withLock { $0 }, "the writer waits with 16 of \(bytes.count) bytes in the buffer")
        var received: ZVTAPDU?
        // Each receive takes what the buffer holds (one socket read); the APDU completes over several.
        for _ in 0..<100 where received == nil { received = try ecr.receive(waitingAtMost: 100) }
        #expect(received == big)
        let result = await writer.value
        #expect(result.written == bytes.count && !result.closed)
    }

    @Test("bytes that break the framing are a protocol error naming the offset, and close the connection")
    func framingError() throws {
        let (toTerminal, toECR) = ZVTMemoryTransport.pipes()
        let ecr = ZVTMemoryTransport(incoming: toECR, outgoing: toTerminal, peer: "the simulated terminal")
        // An extended length (FF) announcing more than the decoder accepts.
        _ = toECR.write([0x06, 0xD3, 0xFF, 0xFF, 0xFF])
        let error = #expect(throws: DeviceError.self) { _ = try ecr.receive(waitingAtMost: 1000) }
        #expect(error?.kind == .protocol)
        #expect(error?.operation == "receive from the simulated terminal")
        #expect(error?.backendCode?.name == "tooLong")
        #expect(toTerminal.write([0x80, 0x00, 0x00]).closed, "the ECR's end closed itself")
    }
}
