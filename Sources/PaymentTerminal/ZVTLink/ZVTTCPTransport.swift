import DeviceCore

/// ZVT over TCP (PA00P016 §4): bare APDUs, no framing or acknowledgement bytes; reads may split
/// anywhere, so APDUs are cut by their length with ``ZVTAPDUStreamDecoder``.
final class ZVTTCPTransport: ZVTTransport {
    private var fd: Int32
    private let peer: String
    private var decoder = ZVTAPDUStreamDecoder()
    private(set) var bytesSent = 0
    private(set) var bytesReceived = 0

    /// Wraps a connected socket; the transport owns and closes it.
    init(fd: Int32, peer: String) {
        self.fd = fd
        self.peer = peer
    }

    deinit { close() }

    func send(_ apdu: ZVTAPDU) throws(ZVTSendFailure) {
        let bytes: [UInt8]
        do { bytes = try apdu.encoded() } catch {
            throw ZVTSendFailure(error: DeviceError(.other, operation: "send \(apdu.type)", message: error.message,
                                                    remedy: "Send a shorter message; this is a bug in the caller."), mayHaveArrived: false)
        }
        guard fd >= 0 else { throw ZVTSendFailure(error: .zvtConnectionLost("send \(apdu.type)", peer: peer), mayHaveArrived: false) }
        let (written, code) = ZVTSyscall.write(fd, bytes, isSocket: true)
        bytesSent += written
        if let code {
            close()
            throw ZVTSendFailure(error: ZVTSyscall.failure("send \(apdu.type) to \(peer)", code: code), mayHaveArrived: written > 0)
        }
    }

    func receive(waitingAtMost milliseconds: Int32) throws(DeviceError) -> ZVTAPDU? {
        if let apdu = try buffered() { return apdu }
        guard fd >= 0 else { throw .zvtConnectionLost("receive", peer: peer) }
        guard try ZVTSyscall.waitReadable(fd, milliseconds: milliseconds) != nil else { return nil }
        let chunk = try ZVTSyscall.read(fd)
        guard !chunk.isEmpty else {
            close()
            throw .zvtConnectionLost("receive", peer: peer)
        }
        bytesReceived += chunk.count
        decoder.append(chunk)
        return try buffered()
    }

    func close() {
        guard fd >= 0 else { return }
        ZVTSyscall.close(fd)
        fd = -1
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
