public import DeviceCore

/// An ISO/IEC 7816-4 command APDU: header, optional data (Lc) and optional expected length (Le),
/// in short or extended form.
///
/// `encoded()` picks short form when data ≤ 255 bytes and Le ≤ 256, otherwise extended form
/// (data up to 65535 bytes, Le up to 65536). Le of 256 (short) or 65536 (extended) is encoded as
/// zero bytes, meaning "as much as available".
public struct CommandAPDU: Sendable, Hashable, CustomStringConvertible {
    /// Class byte (CLA).
    public var cla: UInt8
    /// Instruction byte (INS).
    public var ins: UInt8
    /// Parameter 1.
    public var p1: UInt8
    /// Parameter 2.
    public var p2: UInt8
    /// Command data (empty: no Lc field).
    public var data: [UInt8]
    /// Expected response length in bytes (`nil`: no Le field). 256 / 65536 mean "maximum".
    public var expectedLength: Int?

    /// A command APDU that could not be built or parsed: offset and reason.
    public typealias FormatError = ByteFormatError

    /// Creates a command. Lengths are checked when encoding.
    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], expectedLength: Int? = nil) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.expectedLength = expectedLength
    }

    /// The ISO 7816-4 case: 1 (header only), 2 (Le), 3 (data), 4 (data and Le).
    public var isoCase: Int {
        switch (data.isEmpty, expectedLength == nil) {
        case (true, true): 1
        case (true, false): 2
        case (false, true): 3
        case (false, false): 4
        }
    }

    /// Whether `encoded()` uses extended length fields.
    public var needsExtendedLength: Bool {
        data.count > 255 || (expectedLength ?? 0) > 256
    }

    /// The APDU bytes. Throws when data exceeds 65535 bytes or Le is outside 1...65536.
    public func encoded() throws(FormatError) -> [UInt8] {
        guard data.count <= 65_535 else { throw FormatError(offset: 5, reason: "data of \(data.count) bytes exceeds 65535") }
        if let le = expectedLength, !(1...65_536).contains(le) {
            throw FormatError(offset: 4, reason: "Le \(le) is outside 1...65536")
        }
        var bytes = [cla, ins, p1, p2]
        let extended = needsExtendedLength
        if !data.isEmpty {
            if extended {
                bytes += [0x00, UInt8(data.count >> 8), UInt8(data.count & 0xFF)]
            } else {
                bytes.append(UInt8(data.count))
            }
            bytes += data
        }
        if let le = expectedLength {
            let value = le == (extended ? 65_536 : 256) ? 0 : le
            if extended {
                if data.isEmpty { bytes.append(0x00) }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            } else {
                bytes.append(UInt8(value))
            }
        }
        return bytes
    }

    /// Parses APDU bytes (all four cases, short and extended). Errors name the offset.
    public init(bytes: [UInt8]) throws(FormatError) {
        guard bytes.count >= 4 else { throw FormatError(offset: bytes.count, reason: "a command APDU needs a 4-byte header") }
        cla = bytes[0]
        ins = bytes[1]
        p1 = bytes[2]
        p2 = bytes[3]
        data = []
        expectedLength = nil
        let body = Array(bytes[4...])
        switch body.count {
        case 0:
            return
        case 1:
            expectedLength = body[0] == 0 ? 256 : Int(body[0])
            return
        default:
            break
        }
        if body[0] != 0 {
            // Short case 3 or 4.
            let lc = Int(body[0])
            guard body.count >= 1 + lc else {
                throw FormatError(offset: 5 + body.count - 1, reason: "Lc \(lc) but only \(body.count - 1) data bytes")
            }
            data = Array(body[1..<(1 + lc)])
            switch body.count - 1 - lc {
            case 0: return
            case 1: expectedLength = body[1 + lc] == 0 ? 256 : Int(body[1 + lc])
            default: throw FormatError(offset: 5 + lc, reason: "\(body.count - 1 - lc) bytes after the data, expected at most Le")
            }
            return
        }
        // Extended form: 00 followed by two length bytes.
        guard body.count >= 3 else { throw FormatError(offset: 4 + body.count, reason: "truncated extended length") }
        let length = Int(body[1]) << 8 | Int(body[2])
        if body.count == 3 {
            expectedLength = length == 0 ? 65_536 : length
            return
        }
        guard length > 0 else { throw FormatError(offset: 5, reason: "extended Lc of 0 with data following") }
        guard body.count >= 3 + length else {
            throw FormatError(offset: 4 + body.count, reason: "extended Lc \(length) but only \(body.count - 3) data bytes")
        }
        data = Array(body[3..<(3 + length)])
        switch body.count - 3 - length {
        case 0: return
        case 2:
            let le = Int(body[3 + length]) << 8 | Int(body[4 + length])
            expectedLength = le == 0 ? 65_536 : le
        default:
            throw FormatError(offset: 7 + length, reason: "\(body.count - 3 - length) bytes after the data, expected an extended Le of 2")
        }
    }

    /// Header, Lc and Le in words, data as hex (for logs of non-secret commands only).
    public var description: String {
        var text = "CLA=\(Hex.byte(cla)) INS=\(Hex.byte(ins)) P1=\(Hex.byte(p1)) P2=\(Hex.byte(p2))"
        if !data.isEmpty { text += " Lc=\(data.count) data=\(Hex.string(data))" }
        if let expectedLength { text += " Le=\(expectedLength)" }
        return text
    }
}
