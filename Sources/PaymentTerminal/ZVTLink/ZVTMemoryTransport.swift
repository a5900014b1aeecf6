import DeviceCore

/// ZVT over an in-memory connection, for a ``ZVTTerminalSimulator`` in the same process
/// (``ZVTEndpoint/simulator(_:)``): the bytes of TCP (bare APDUs, encoded by the sender and cut by
/// their length with ``ZVTAPDUStreamDecoder`` on the receiving side), without a socket. Like a
/// socket it blocks: a send waits while the peer's buffer is full, a receive waits up to its
/// limit, and a close on either side is a lost connection for the other. One owner, not
/// thread-safe; the two ends of a pair run on different threads.
final class ZVTMemoryTransport: ZVTTransport {
    /// The bytes buffered per direction, like a socket's buffer.
    static let defaultCapacity = 64 * 1024
    /// The most bytes one receive takes from the pipe (a socket read's buffer).
    private static let readChunk = 4096

    private let incoming: ZVTMemoryPipe
    private let outgoing: ZVTMemoryPipe
    private let peer: String
    private var decoder = ZVTAPDUStreamDecoder()
    private var isClosed = false
    private(set) var bytesSent = 0
    private(set) var bytesReceived = 0

    /// One end: reads `incoming`, writes `outgoing`; `peer` names the other end in errors.
    init(incoming: ZVTMemoryPipe, outgoing: ZVTMemoryPipe, peer: String) {
        self.incoming = incoming
        self.outgoing = outgoing
        self.peer = peer
    }

    deinit { close() }

    /// The two pipes of a connection: `toTerminal` carries the ECR's bytes, `toECR` the terminal's.
    static func pipes(capacity: Int = defaultCapacity) -> (toTerminal: ZVTMemoryPipe, toECR: ZVTMemoryPipe) {
        (ZVTMemoryPipe(capacity: capacity), ZVTMemoryPipe(capacity: capacity))
    }

    func send(_ apdu: ZVTAPDU) throws(ZVTSendFailure) {
        let bytes: [UInt8]
        do { bytes = try apdu.encoded() } catch {
            throw ZVTSendFailure(error: DeviceError(.other, operation: "send \(apdu.type)", message: error.message,
                                                    remedy: "Send a shorter message; this is a bug in the caller."), mayHaveArrived: false)
        }
        guard !isClosed else { throw ZVTSendFailure(error: .zvtConnectionLost("send \(apdu.type)", peer: peer), mayHaveArrived: false) }
        let (written, closed) = outgoing.write(bytes)
        bytesSent += written
        if closed {
            close()
            throw ZVTSendFailure(error: .zvtConnectionLost("send \(apdu.type)", peer: peer), mayHaveArrived: written > 0)
        }
    }

    func receive(waitingAtMost milliseconds: Int32) throws(DeviceError) -> ZVTAPDU? {
        if let apdu = try buffered() { return apdu }
        guard !isClosed else { throw .zvtConnectionLost("receive", peer: peer) }
        switch incoming.read(maxCount: Self.readChunk, waitingAtMost: milliseconds) {
        case .timedOut:
            return nil
        case .endOfStream:
            close()
            throw .zvtConnectionLost("receive", peer: peer)
        case .bytes(let chunk):
            bytesReceived += chunk.count
            decoder.append(chunk)
            return try buffered()
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        outgoing.closeWriter()
        incoming.closeReader()
    }

    private func buffered() throws(DeviceError) -> ZVTAPDU? {
        do {
            return try decoder.next()
        } catch {
            close()
            throw error.deviceError(operation: "receive from \(peer)")
        }
    }
}
