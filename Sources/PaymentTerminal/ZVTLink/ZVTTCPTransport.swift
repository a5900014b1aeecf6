import DeviceCore
import SystemIO

/// ZVT over TCP (PA00P016 §4): bare APDUs, no framing or acknowledgement bytes; reads may split
/// anywhere, so APDUs are cut by their length with ``ZVTAPDUStreamDecoder``.
final class ZVTTCPTransport: ZVTTransport {
    private var channel: (any ByteChannel)?
    private let peer: String
    private var decoder = ZVTAPDUStreamDecoder()
    private(set) var bytesSent = 0
    private(set) var bytesReceived = 0

    /// Wraps a connected socket (or a test's channel); the transport owns and closes it.
    init(channel: any ByteChannel, peer: String) {
        self.channel = channel
        self.peer = peer
    }

    deinit { close() }

    func send(_ apdu: ZVTAPDU) throws(ZVTSendFailure) {
        let bytes: [UInt8]
        do { bytes = try apdu.encoded() } catch {
            throw ZVTSendFailure(error: DeviceError(.other, operation: "send \(apdu.type)", message: error.message,
                                                    remedy: "Send a shorter message; this is a bug in the caller."), mayHaveArrived: false)
        }
        guard let channel else { throw ZVTSendFailure(error: .zvtConnectionLost("send \(apdu.type)", peer: peer), mayHaveArrived: false) }
        let outcome = channel.write(bytes)
        bytesSent += outcome.written
        if let error = outcome.error {
            close()
            throw ZVTSendFailure(error: .zvtSystemFailure(error, operation: "send \(apdu.type) to \(peer)"), mayHaveArrived: outcome.written > 0)
        }
    }

    func receive(waitingAtMost milliseconds: Int32) throws(DeviceError) -> ZVTAPDU? {
        if let apdu = try buffered() { return apdu }
        guard let channel else { throw .zvtConnectionLost("receive", peer: peer) }
        let chunk: [UInt8]
        do throws(SystemCallError) {
            guard try channel.waitReadable(milliseconds: milliseconds) != nil else { return nil }
            chunk = try channel.readAvailable(maximum: 4096)
        } catch {
            throw .zvtSystemFailure(error, operation: "read from \(peer)")
        }
        guard !chunk.isEmpty else {
            close()
            throw .zvtConnectionLost("receive", peer: peer)
        }
        bytesReceived += chunk.count
        decoder.append(chunk)
        return try buffered()
    }

    func close() {
        channel?.close()
        channel = nil
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
