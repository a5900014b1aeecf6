/// ZVT serial framing (PA00P016 §3): `DLE STX <APDU, each 10 sent as 10 10> DLE ETX <CRC lo> <CRC hi>`.
///
/// The CRC covers the unstuffed APDU plus ETX and is never stuffed. The receiver answers each frame
/// with one unframed byte, ACK `06` or NAK `15`.
public enum ZVTSerialFrame {
    /// Data link escape `10`.
    public static let dle: UInt8 = 0x10
    /// Start of text `02`.
    public static let stx: UInt8 = 0x02
    /// End of text `03`.
    public static let etx: UInt8 = 0x03
    /// Positive acknowledgement `06`.
    public static let ack: UInt8 = 0x06
    /// Negative acknowledgement `15`.
    public static let nak: UInt8 = 0x15

    /// The frame for an APDU.
    public static func encode(_ apdu: ZVTAPDU) throws(ZVTEncodingError) -> [UInt8] {
        encode(apduBytes: try apdu.encoded())
    }

    /// The frame for already encoded APDU bytes.
    public static func encode(apduBytes: [UInt8]) -> [UInt8] {
        let crc = ZVTCRC16.frameChecksum(apduBytes: apduBytes)
        var frame: [UInt8] = [dle, stx]
        frame.reserveCapacity(apduBytes.count + 8)
        for byte in apduBytes {
            frame.append(byte)
            if byte == dle { frame.append(dle) }
        }
        frame += [dle, etx, UInt8(crc & 0xFF), UInt8(crc >> 8)]
        return frame
    }
}

/// What a serial stream carries: a receiver's answer byte or a framed APDU.
public enum ZVTSerialEvent: Sendable, Hashable, CustomStringConvertible {
    /// ACK `06`: the peer accepted the last frame.
    case ack
    /// NAK `15`: the peer rejected the last frame (resend, at most twice).
    case nak
    /// A frame with a correct CRC and a well-formed APDU.
    case apdu(ZVTAPDU)

    /// `ACK`, `NAK` or the APDU's summary (never its data).
    public var description: String {
        switch self {
        case .ack: "ACK"
        case .nak: "NAK"
        case .apdu(let apdu): "frame \(apdu)"
        }
    }
}
