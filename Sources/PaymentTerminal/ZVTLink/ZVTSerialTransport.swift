import DeviceCore
import SystemIO

/// ZVT over RS232 (PA00P016 §3): each APDU travels in a `DLE STX … DLE ETX CRC` frame and the
/// receiver answers ACK `06` or NAK `15`. A sender repeats a frame at most twice after NAK or T2
/// silence; a receiver NAKs a frame with a bad CRC and a frame interrupted for more than T1.
///
/// T1 and T2 are link timers in real time (the serial line's own timing), unlike the
/// application timers T3/T4, which run on the session's injected clock.
final class ZVTSerialTransport: ZVTTransport {
    /// How often a frame is repeated after the first attempt.
    static let maxRepeats = 2

    private var channel: (any ByteChannel)?
    private let path: String
    private let interByteTimeout: Duration
    private let acknowledgementTimeout: Duration
    private var decoder = ZVTSerialDecoder()
    /// Frames that arrived while this side waited for an ACK, already acknowledged.
    private var inbox: [ZVTAPDU] = []
    private(set) var bytesSent = 0
    private(set) var bytesReceived = 0
    /// Test and simulator hook: answer the next `framesToReject` valid frames with NAK.
    var framesToReject = 0

    /// Opens the tty at `path` raw, 8N2 at `baud` (PA00P016 §2.1).
    static func open(path: String, baud: Int) throws(DeviceError) -> ZVTSerialTransport {
        ZVTSerialTransport(channel: try openLine(path: path, baud: baud), path: path)
    }

    /// The tty at `path`, raw, 8N2 at `baud`, for a transport made on another thread.
    static func openLine(path: String, baud: Int) throws(DeviceError) -> ByteStream {
        do throws(SystemCallError) {
            return try SerialLine.open(path: path, settings: .zvt(baud: baud))
        } catch {
            throw .zvtSystemFailure(error, operation: "open the serial line \(path)")
        }
    }

    /// Wraps an open, configured tty (or a test's channel); the transport owns and closes it.
    init(channel: any ByteChannel, path: String, interByteTimeout: Duration = .milliseconds(200), acknowledgementTimeout: Duration = .seconds(5)) {
        self.channel = channel
        self.path = path
        self.interByteTimeout = interByteTimeout
        self.acknowledgementTimeout = acknowledgementTimeout
    }

    deinit { close() }

    func send(_ apdu: ZVTAPDU) throws(ZVTSendFailure) {
        let operation = "send \(apdu.type) on \(path)"
        let frame: [UInt8]
        do { frame = try ZVTSerialFrame.encode(apdu) } catch {
            throw ZVTSendFailure(error: DeviceError(.other, operation: operation, message: error.message,
                                                    remedy: "Send a shorter message; this is a bug in the caller."), mayHaveArrived: false)
        }
        var attempts = 0
        var peerWasSilent = false
        while true {
            guard let channel else { throw ZVTSendFailure(error: .zvtConnectionLost(operation, peer: path), mayHaveArrived: attempts > 0) }
            let outcome = channel.write(frame)
            bytesSent += outcome.written
            attempts += 1
            if let error = outcome.error {
                throw ZVTSendFailure(error: .zvtSystemFailure(error, operation: operation), mayHaveArrived: peerWasSilent || outcome.written > 0)
            }
            let answer: Answer
            do { answer = try awaitAnswer() } catch {
                throw ZVTSendFailure(error: error, mayHaveArrived: true)
            }
            switch answer {
            case .ack: return
            case .nak: break
            case .silence: peerWasSilent = true
            }
            if attempts > Self.maxRepeats {
                let what = peerWasSilent ? "neither ACK nor NAK within T2 (\(acknowledgementTimeout))" : "NAK"
                let error = DeviceError(peerWasSilent ? .timeout : .protocol, operation: operation,
                                        message: "the peer answered \(what) to \(attempts) attempts",
                                        remedy: "Check the serial cable, the speed (baud) and 8N2 settings on both sides, then retry.")
                throw ZVTSendFailure(error: error, mayHaveArrived: peerWasSilent)
            }
        }
    }

    func receive(waitingAtMost milliseconds: Int32) throws(DeviceError) -> ZVTAPDU? {
        if !inbox.isEmpty { return inbox.removeFirst() }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(milliseconds))
        while true {
            if let apdu = try nextFrame() { return apdu }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            let partial = !decoder.isIdle
            let wait = partial ? min(remaining, interByteTimeout) : remaining
            if try !readAvailable(within: wait) && partial && wait == interByteTimeout {
                // T1: the frame stalled; reject it so the sender repeats.
                decoder = ZVTSerialDecoder()
                writeControl(ZVTSerialFrame.nak)
            }
        }
    }

    func close() {
        channel?.close()
        channel = nil
    }

    private enum Answer { case ack, nak, silence }

    /// Waits up to T2 for ACK or NAK; frames arriving meanwhile are acknowledged and kept.
    private func awaitAnswer() throws(DeviceError) -> Answer {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: acknowledgementTimeout)
        while true {
            while let event = try nextEvent() {
                switch event {
                case .ack: return .ack
                case .nak: return .nak
                case .apdu(let apdu):
                    if let accepted = accept(apdu) { inbox.append(accepted) }
                }
            }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return .silence }
            _ = try readAvailable(within: remaining)
        }
    }

    /// The next valid frame from the buffered bytes (ACK/NAK between frames are ignored here).
    private func nextFrame() throws(DeviceError) -> ZVTAPDU? {
        while let event = try nextEvent() {
            if case .apdu(let apdu) = event, let accepted = accept(apdu) { return accepted }
        }
        return nil
    }

    /// Answers a valid frame: ACK, or NAK while the reject hook is armed.
    private func accept(_ apdu: ZVTAPDU) -> ZVTAPDU? {
        if framesToReject > 0 {
            framesToReject -= 1
            writeControl(ZVTSerialFrame.nak)
            return nil
        }
        writeControl(ZVTSerialFrame.ack)
        return apdu
    }

    /// The next decoded event; a corrupt frame is answered with NAK and skipped.
    private func nextEvent() throws(DeviceError) -> ZVTSerialEvent? {
        while true {
            do {
                return try decoder.next()
            } catch {
                if error.reason != .unexpectedByte { writeControl(ZVTSerialFrame.nak) }
            }
        }
    }

    /// Reads what arrives within `wait`; returns whether any byte came. Throws when the line is gone.
    private func readAvailable(within wait: Duration) throws(DeviceError) -> Bool {
        guard let channel else { throw .zvtConnectionLost("receive", peer: path) }
        let readiness: Readiness
        let chunk: [UInt8]
        do throws(SystemCallError) {
            guard let ready = try channel.waitReadable(milliseconds: wait.pollMilliseconds) else { return false }
            readiness = ready
            chunk = try channel.readAvailable(maximum: 4096)
        } catch {
            throw .zvtSystemFailure(error, operation: "read from the terminal")
        }
        if chunk.isEmpty {
            if readiness.hungUp {
                close()
                throw .zvtConnectionLost("receive", peer: path)
            }
            return false
        }
        bytesReceived += chunk.count
        decoder.append(chunk)
        return true
    }

    private func writeControl(_ byte: UInt8) {
        guard let channel else { return }
        bytesSent += channel.write([byte]).written
    }
}
