/// One ZVT application protocol data unit: `CLASS INSTR LEN [ext] DATA` (PA00P016 §5.2.4).
///
/// `LEN` is one byte for 0–254 data bytes; `FF lo hi` (16-bit little-endian) announces up to 65535.
/// Responses use the same shape with `CCRC APRC` (`80 00` positive, `84 xx` negative).
public struct ZVTAPDU: Sendable, Hashable, CustomStringConvertible {
    /// The largest data length a ZVT APDU can announce.
    public static let maxDataLength = 0xFFFF

    /// The class byte (`06` for most commands, `04` status messages, `80`/`84` responses).
    public var classByte: UInt8
    /// The instruction byte (`01` authorization; for responses the result code, e.g. `84 6C`).
    public var instruction: UInt8
    /// The data after the length; may hold a PAN, so it is never printed by ``description``.
    public var data: [UInt8]

    /// Creates an APDU.
    public init(class classByte: UInt8, instruction: UInt8, data: [UInt8] = []) {
        self.classByte = classByte
        self.instruction = instruction
        self.data = data
    }

    /// The message type named by class and instruction.
    public var type: ZVTMessageType { ZVTMessageType(class: classByte, instruction: instruction) }

    /// The header length: 3, or 5 with the extended length form.
    public var headerLength: Int { data.count > 0xFE ? 5 : 3 }

    /// `class instr` and the data length; the data itself stays out of logs.
    public var description: String {
        "\(ZVTBCD.hex([classByte, instruction])) (\(data.count) data bytes)"
    }

    /// The bytes on the wire: header with the shortest length form, then the data.
    public func encoded() throws(ZVTEncodingError) -> [UInt8] {
        guard data.count <= Self.maxDataLength else {
            throw ZVTEncodingError("APDU data of \(data.count) bytes exceeds the ZVT maximum of \(Self.maxDataLength)")
        }
        if data.count <= 0xFE {
            return [classByte, instruction, UInt8(data.count)] + data
        }
        return [classByte, instruction, 0xFF, UInt8(data.count & 0xFF), UInt8(data.count >> 8)] + data
    }

    /// Decodes exactly one APDU; missing or extra bytes throw with their offset.
    public static func decode(_ bytes: [UInt8]) throws(ZVTDecodingError) -> ZVTAPDU {
        switch header(bytes, at: 0) {
        case .incomplete(let needed):
            throw ZVTDecodingError(.truncated, offset: bytes.count,
                                   "expected an APDU header of \(needed) bytes, found \(bytes.count)")
        case .complete(let headerLength, let dataLength):
            let total = headerLength + dataLength
            guard bytes.count >= total else {
                throw ZVTDecodingError(.truncated, offset: bytes.count,
                                       "expected \(dataLength) data bytes announced at offset 2, found \(bytes.count - headerLength)")
            }
            guard bytes.count == total else {
                throw ZVTDecodingError(.trailingBytes, offset: total,
                                       "expected the APDU to end after \(dataLength) data bytes, found \(bytes.count - total) more")
            }
            return ZVTAPDU(class: bytes[0], instruction: bytes[1], data: Array(bytes[headerLength..<total]))
        }
    }

    /// The result of looking at an APDU header.
    enum Header: Equatable {
        /// Not enough bytes yet; a header needs `needed` bytes in total.
        case incomplete(needed: Int)
        /// The header is complete.
        case complete(headerLength: Int, dataLength: Int)
    }

    /// Reads the header that starts at `start` without consuming anything.
    static func header(_ bytes: [UInt8], at start: Int) -> Header {
        let available = bytes.count - start
        guard available >= 3 else { return .incomplete(needed: 3) }
        let length = bytes[start + 2]
        guard length == 0xFF else { return .complete(headerLength: 3, dataLength: Int(length)) }
        guard available >= 5 else { return .incomplete(needed: 5) }
        return .complete(headerLength: 5, dataLength: Int(bytes[start + 3]) | Int(bytes[start + 4]) << 8)
    }
}
