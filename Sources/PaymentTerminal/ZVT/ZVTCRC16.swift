/// The CRC of ZVT serial frames (PA00P016 §3): polynomial 0x1021 processed bit-reflected (0x8408,
/// right shift), initial value 0, no final XOR: the CRC-16/KERMIT parameters (check value for
/// "123456789": 0x2189). Sent low byte first.
public enum ZVTCRC16 {
    /// The CRC of `bytes`, continuing from `initial` (pass a previous result to extend it).
    public static func checksum(_ bytes: some Sequence<UInt8>, initial: UInt16 = 0) -> UInt16 {
        var crc = initial
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1
            }
        }
        return crc
    }

    /// The CRC of a frame: over the unstuffed APDU bytes followed by ETX.
    public static func frameChecksum(apduBytes: [UInt8]) -> UInt16 {
        checksum([ZVTSerialFrame.etx], initial: checksum(apduBytes))
    }
}
