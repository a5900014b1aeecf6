/// Reads a ZVT serial byte stream (reads split anywhere) into ACK, NAK and framed APDUs.
///
/// ``append(_:)`` the bytes read, then call ``next()`` until it returns `nil`. A bad frame (wrong
/// CRC, invalid escape, malformed APDU, too long) throws once with its stream offset; the decoder has
/// then already dropped it, so the caller sends NAK and keeps calling ``next()``. Bytes outside a
/// frame that are neither ACK nor NAK throw once per run, then are skipped until the next frame.
public struct ZVTSerialDecoder: Sendable {
    private enum State: Sendable {
        case idle
        case idleAfterDLE
        case frame
        case frameAfterDLE
        case crcLow
        case crcHigh(low: UInt8)
    }

    /// The largest unstuffed APDU accepted in a frame.
    public let maxAPDULength: Int
    private var state = State.idle
    private var pending: [UInt8] = []
    private var pendingIndex = 0
    /// The stream offset of `pending[0]`.
    private var pendingBase = 0
    private var payload: [UInt8] = []
    /// The stream offset of each payload byte (the first byte of `10 10` for a stuffed DLE).
    private var payloadOffsets: [Int] = []
    private var frameStart = 0
    private var etxOffset = 0
    /// Whether unexpected idle bytes were already reported in the current run.
    private var quiet = false

    /// Creates a decoder accepting APDUs of up to `maxAPDULength` bytes (header included).
    public init(maxAPDULength: Int = 32 * 1024 + 5) {
        self.maxAPDULength = max(maxAPDULength, 3)
    }

    /// The stream offset of the next unread byte.
    public var offset: Int { pendingBase + pendingIndex }

    /// Whether the decoder is between frames (nothing partial buffered).
    public var isIdle: Bool {
        if case .idle = state { return pendingIndex == pending.count }
        return false
    }

    /// Adds bytes read from the serial port.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if pendingIndex == pending.count {
            pendingBase += pending.count
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
        } else if pendingIndex > 4096, pendingIndex * 2 > pending.count {
            pending.removeFirst(pendingIndex)
            pendingBase += pendingIndex
            pendingIndex = 0
        }
        pending.append(contentsOf: bytes)
    }

    /// Appends `bytes` and returns every event now complete; stops at the first error.
    public mutating func decode(_ bytes: some Sequence<UInt8>) throws(ZVTDecodingError) -> [ZVTSerialEvent] {
        append(bytes)
        var events: [ZVTSerialEvent] = []
        while let event = try next() { events.append(event) }
        return events
    }

    /// The next event, or `nil` when more bytes are needed.
    public mutating func next() throws(ZVTDecodingError) -> ZVTSerialEvent? {
        while pendingIndex < pending.count {
            let byte = pending[pendingIndex]
            let position = offset
            pendingIndex += 1
            if let event = try consume(byte, at: position) { return event }
        }
        return nil
    }

    /// Call at end of stream: throws when a frame was cut off.
    public func finish() throws(ZVTDecodingError) {
        switch state {
        case .idle: return
        case .idleAfterDLE:
            throw ZVTDecodingError(.truncated, offset: offset, "stream ended after DLE: expected STX")
        default:
            throw ZVTDecodingError(.truncated, offset: offset, "stream ended inside the frame starting at offset \(frameStart)")
        }
    }

    private mutating func consume(_ byte: UInt8, at position: Int) throws(ZVTDecodingError) -> ZVTSerialEvent? {
        switch state {
        case .idle:
            switch byte {
            case ZVTSerialFrame.ack:
                quiet = false
                return .ack
            case ZVTSerialFrame.nak:
                quiet = false
                return .nak
            case ZVTSerialFrame.dle:
                state = .idleAfterDLE
                return nil
            default:
                try reportUnexpected(byte, at: position, expected: "ACK 06, NAK 15 or DLE STX")
                return nil
            }
        case .idleAfterDLE:
            if byte == ZVTSerialFrame.stx {
                startFrame(at: position - 1)
                return nil
            }
            state = .idle
            try reportUnexpected(byte, at: position, expected: "STX 02 after DLE")
            return nil
        case .frame:
            if byte == ZVTSerialFrame.dle {
                state = .frameAfterDLE
                return nil
            }
            try appendPayload(byte, at: position)
            return nil
        case .frameAfterDLE:
            switch byte {
            case ZVTSerialFrame.dle:
                state = .frame
                try appendPayload(byte, at: position - 1)
            case ZVTSerialFrame.etx:
                etxOffset = position
                state = .crcLow
            case ZVTSerialFrame.stx:
                let abandoned = frameStart
                startFrame(at: position - 1)
                throw ZVTDecodingError(.invalidEscape, offset: position - 1,
                                       "expected DLE DLE or DLE ETX in the frame starting at offset \(abandoned), found DLE STX; a new frame starts here")
            default:
                fail()
                throw ZVTDecodingError(.invalidEscape, offset: position - 1,
                                       "expected DLE DLE or DLE ETX in the frame starting at offset \(frameStart), found DLE \(ZVTBCD.hex(byte))")
            }
            return nil
        case .crcLow:
            state = .crcHigh(low: byte)
            return nil
        case .crcHigh(let low):
            let received = UInt16(byte) << 8 | UInt16(low)
            let computed = ZVTCRC16.frameChecksum(apduBytes: payload)
            let start = frameStart
            state = .idle
            guard received == computed else {
                fail()
                throw ZVTDecodingError(.badCRC, offset: position - 1,
                                       "expected CRC \(ZVTBCD.hex(UInt8(computed & 0xFF))) \(ZVTBCD.hex(UInt8(computed >> 8))) (low byte first) for the frame starting at offset \(start), found \(ZVTBCD.hex(low)) \(ZVTBCD.hex(byte))")
            }
            quiet = false
            do throws(ZVTDecodingError) {
                return .apdu(try ZVTAPDU.decode(payload))
            } catch {
                let mapped = error.offset < payloadOffsets.count ? payloadOffsets[error.offset] : etxOffset - 1
                throw ZVTDecodingError(error.reason, offset: mapped, "\(error.message) (in the frame starting at offset \(start))")
            }
        }
    }

    private mutating func startFrame(at position: Int) {
        state = .frame
        frameStart = position
        payload.removeAll(keepingCapacity: true)
        payloadOffsets.removeAll(keepingCapacity: true)
    }

    private mutating func appendPayload(_ byte: UInt8, at position: Int) throws(ZVTDecodingError) {
        guard payload.count < maxAPDULength else {
            let start = frameStart
            fail()
            throw ZVTDecodingError(.tooLong, offset: position,
                                   "expected a frame of at most \(maxAPDULength) APDU bytes (frame starting at offset \(start))")
        }
        payload.append(byte)
        payloadOffsets.append(position)
    }

    /// Drops the current frame and skips quietly to the next one.
    private mutating func fail() {
        state = .idle
        quiet = true
        payload.removeAll(keepingCapacity: true)
        payloadOffsets.removeAll(keepingCapacity: true)
    }

    private mutating func reportUnexpected(_ byte: UInt8, at position: Int, expected: String) throws(ZVTDecodingError) {
        guard !quiet else { return }
        quiet = true
        throw ZVTDecodingError(.unexpectedByte, offset: position, "expected \(expected) between frames, found \(ZVTBCD.hex(byte))")
    }
}
