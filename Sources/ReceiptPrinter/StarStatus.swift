public import DeviceCore

/// One Star Automatic Status (ASB) as a Star printer in Star Line Mode sends it: the reply to
/// `ESC ACK SOH`, and what it sends by itself when automatic status is on. Parsed from bytes with
/// ``init(parsing:)``, found among other bytes with ``scan(_:)``; never traps on any input.
///
/// What this relies on, from Star's "STAR Line Mode Command Specifications" (Appendix "Automatic
/// Status"; read as the manual pages on manualsdump.com / manualsdir.com, pages 5-2 … 5-15):
/// - `ESC ACK SOH` (`1B 06 01`), "Real-time printer status (ASB Status)", is executed when it is
///   received, not when taken from the buffer, and answered with the automatic status; send the
///   next one only after the whole status has arrived.
/// - Header 1 (first byte) gives the status's total byte count n in bits 1–3 (low bits) and bit 5
///   (the 8); bit 0 is always 1, bit 4 always 0, bits 6 and 7 fixed at 0: n = 7 is `0F`, 8 `21`,
///   9 `23`, … 15 `2F`. This parser also takes bit 6 as the 16, so a longer future status is read.
/// - Header 2 (second byte) gives the ASB version in bits 1–3, 5 and 6 (version 1 `02`, 3 `06`,
///   8 `20`, 16 `40`); bits 0 and 4 are fixed at 0. Bit 7, "ASB status expansion", is set on
///   Ethernet and wireless LAN: then a 2-byte Length and that many bytes of status data follow
///   the n bytes (Length 0 after a plain ASB and after `ESC ACK SOH`; at most 0x200).
/// - Every byte after Header 1 has bits 0, 4 and 7 clear; Header 1 is the only one with bit 0 set
///   ("How to identify statuses": Header 1 `0**0***1`, the others `0**0***0`), which is how a
///   reply is told from XON (`11`), XOFF (`13`) and other bytes.
/// - Printer status 1 (3rd byte): bit 6 offline by switch input, bit 5 cover open, bit 3 offline.
///   Printer status 2 (4th): bit 6 stopped by high head temperature, bit 5 non-recoverable error,
///   bit 3 auto-cutter error, bit 2 mechanical error. Printer status 3 (5th): bit 6 receive buffer
///   overflow, bit 3 black-mark error, bit 2 presenter paper jam, bit 1 head-up error.
///   Printer status 4 (6th): bit 3 paper end, bit 2 paper near end (inner), bit 1 near end (outer).
///
/// The spec pages read give the Length as a "2 byte value" without its byte order; it is read
/// low byte first, like Star Line Mode's other counts (`nL nH`). A reply to `ESC ACK SOH` carries
/// Length 0, so status queries do not depend on that order.
public struct StarStatus: Sendable, Hashable {
    /// `ESC ACK SOH`: asks for the automatic status in real time.
    public static let request: [UInt8] = [0x1B, 0x06, 0x01]
    /// The fewest bytes an ASB has: two headers and printer status 1 to 5 (ASB version 1).
    public static let minimumByteCount = 7
    /// The longest status data an ASB with expansion may announce.
    public static let maximumStatusDataLength = 0x200

    /// The ASB version from Header 2 (1 or more).
    public var version: Int
    /// Printer status 1, 2, … (the bytes after the two headers, at least five).
    public var printerStatusBytes: [UInt8]
    /// The status data after the Length field when Header 2 announced one (Ethernet), else `nil`.
    public var statusData: [UInt8]?

    /// Creates a status from its parts (``encoded`` builds the bytes).
    public init(version: Int, printerStatusBytes: [UInt8], statusData: [UInt8]? = nil) {
        self.version = version
        self.printerStatusBytes = printerStatusBytes
        self.statusData = statusData
    }

    /// Parses exactly one ASB: `bytes` must hold it and nothing else.
    /// - Throws: ``ByteFormatError`` naming the offset of the first byte that does not fit, or the
    ///   end of the input when the ASB is cut short.
    public init(parsing bytes: some Collection<UInt8>) throws(ByteFormatError) {
        let input = Array(bytes)
        switch Self.read(input, at: 0) {
        case .reply(let status, let end):
            guard end == input.count else {
                throw ByteFormatError(offset: end, reason: "\(input.count - end) byte(s) follow the \(end)-byte Star ASB")
            }
            self = status
        case .needsMore(let wanted):
            throw ByteFormatError(offset: input.count, reason: "the Star ASB ends after \(input.count) byte(s); it needs \(wanted)")
        case .malformed(let error):
            throw error
        }
    }

    /// Where the first complete ASB in `bytes` is, skipping bytes that cannot start one.
    public static func scan(_ bytes: [UInt8]) -> Scan {
        var waiting: Int?
        for start in bytes.indices where isHeader1(bytes[start]) {
            switch read(bytes, at: start) {
            case .reply(let status, let end): return .found(status, start..<end)
            case .needsMore: if waiting == nil { waiting = start }
            case .malformed: continue
            }
        }
        return waiting.map(Scan.incomplete(from:)) ?? .none
    }

    /// What ``scan(_:)`` found.
    public enum Scan: Sendable, Hashable {
        /// A complete ASB at these offsets.
        case found(StarStatus, Range<Int>)
        /// No complete ASB yet; one may start at this offset once more bytes arrive.
        case incomplete(from: Int)
        /// No byte that could start an ASB.
        case none
    }

    /// Whether `byte` has Header 1's pattern (bit 0 set, bits 4 and 7 clear).
    public static func isHeader1(_ byte: UInt8) -> Bool { byte & 0x91 == 0x01 }

    /// The total byte count Header 1 announces (bits 1–3, 5 and 6).
    public static func byteCount(header1: UInt8) -> Int {
        Int((header1 >> 1) & 0x07) | Int((header1 >> 2) & 0x18)
    }

    /// The ASB version Header 2 announces (bits 1–3, 5 and 6).
    public static func version(header2: UInt8) -> Int {
        Int((header2 >> 1) & 0x07) | Int((header2 >> 2) & 0x18)
    }

    /// The outcome of reading at one offset.
    enum Outcome {
        case reply(StarStatus, end: Int)
        case needsMore(total: Int)
        case malformed(ByteFormatError)
    }

    /// Reads one ASB starting at `start`; offsets in errors count from the start of `bytes`.
    static func read(_ bytes: [UInt8], at start: Int) -> Outcome {
        guard start >= 0, start < bytes.count else { return .needsMore(total: minimumByteCount) }
        let header1 = bytes[start]
        guard isHeader1(header1) else {
            return .malformed(ByteFormatError(offset: start, reason: "0x\(Hex.byte(header1)) is no Star ASB Header 1 (bit 0 set, bits 4 and 7 clear)"))
        }
        let count = byteCount(header1: header1)
        guard count >= minimumByteCount else {
            return .malformed(ByteFormatError(offset: start, reason: "Header 1 0x\(Hex.byte(header1)) announces \(count) bytes; a Star ASB has at least \(minimumByteCount)"))
        }
        guard start + 1 < bytes.count else { return .needsMore(total: count) }
        let header2 = bytes[start + 1]
        let version = version(header2: header2)
        guard header2 & 0x11 == 0, version >= 1 else {
            return .malformed(ByteFormatError(offset: start + 1, reason: "0x\(Hex.byte(header2)) is no Star ASB Header 2 (bits 0 and 4 clear, version 1 or more)"))
        }
        var statusBytes: [UInt8] = []
        for index in (start + 2)..<(start + count) {
            guard index < bytes.count else { return .needsMore(total: count) }
            guard bytes[index] & 0x91 == 0 else {
                return .malformed(ByteFormatError(offset: index, reason: "printer status \(index - start - 1) is 0x\(Hex.byte(bytes[index])); its bits 0, 4 and 7 are fixed at 0"))
            }
            statusBytes.append(bytes[index])
        }
        var end = start + count
        var statusData: [UInt8]?
        if header2 & 0x80 != 0 {
            guard end + 2 <= bytes.count else { return .needsMore(total: end + 2 - start) }
            let length = Int(bytes[end]) | Int(bytes[end + 1]) << 8
            guard length <= maximumStatusDataLength else {
                return .malformed(ByteFormatError(offset: end, reason: "the ASB's Length announces \(length) bytes of status data; at most \(maximumStatusDataLength) are allowed"))
            }
            end += 2
            guard end + length <= bytes.count else { return .needsMore(total: end + length - start) }
            statusData = Array(bytes[end..<(end + length)])
            end += length
        }
        return .reply(StarStatus(version: version, printerStatusBytes: statusBytes, statusData: statusData), end: end)
    }
}
