public import DeviceCore

/// One pen report of a Wacom STU pad: PenData (01) or, when the pad adds its own time count and
/// sequence number, PenDataTimeCountSequence (34).
///
/// ```
/// b0      01 or 34
/// b1      bit 7 rdy (in proximity) | bits 6..4 sw (non-zero: touching) | bits 3..0 pressure[11:8]
/// b2      pressure[7:0]
/// b3..b4  x, u16 big-endian (tablet units)
/// b5..b6  y, u16 big-endian
/// 34 only: b7..b8 time count u16 BE (1 ms, wraps at 65.5 s); b9..b10 sequence u16 BE
/// ```
/// Decoding and encoding are exact inverses: every field is kept, so a report encodes back to
/// the bytes it was decoded from.
public struct STUPenReport: Sendable, Hashable {
    /// The pad's own time count and sequence number (report 34).
    public struct TimeCount: Sendable, Hashable {
        /// Milliseconds on the pad's counter; wraps at 65,536.
        public var milliseconds: UInt16
        /// The report's sequence number; wraps at 65,536.
        public var sequence: UInt16

        /// Creates a time count.
        public init(milliseconds: UInt16, sequence: UInt16) {
            self.milliseconds = milliseconds
            self.sequence = sequence
        }
    }

    /// Whether the pen is near enough for the pad to see it (the rdy bit).
    public private(set) var inProximity: Bool
    /// The three switch bits; any set bit means the tip touches the surface.
    public private(set) var switches: UInt8
    /// Pressure, 12 bits (0–4095); the pad's maximum is in its Capability report.
    public private(set) var pressure: UInt16
    /// X in tablet units.
    public var x: UInt16
    /// Y in tablet units.
    public var y: UInt16
    /// The pad's time count and sequence (report 34), or `nil` for a plain PenData report (01).
    public var timeCount: TimeCount?

    /// Creates a report; throws for a switch value above 3 bits or a pressure above 12 bits,
    /// naming the offset of the byte the field goes into.
    public init(inProximity: Bool, switches: UInt8, pressure: UInt16, x: UInt16, y: UInt16,
                timeCount: TimeCount? = nil) throws(STUReport.ParseError) {
        guard switches <= 0x07 else { throw STUReport.ParseError(offset: 1, reason: "switch bits \(switches) do not fit 3 bits") }
        guard pressure <= 0x0FFF else { throw STUReport.ParseError(offset: 1, reason: "pressure \(pressure) does not fit 12 bits") }
        self.inProximity = inProximity
        self.switches = switches
        self.pressure = pressure
        self.x = x
        self.y = y
        self.timeCount = timeCount
    }

    /// The report a pad sends for `sample` (in proximity; the first switch bit when touching).
    /// Throws, naming the offset, when a coordinate or the pressure does not fit its field.
    public init(sample: PenSample, timeCount: TimeCount? = nil) throws(STUReport.ParseError) {
        guard let x = UInt16(exactly: sample.x) else { throw STUReport.ParseError(offset: 3, reason: "x \(sample.x) does not fit 16 bits") }
        guard let y = UInt16(exactly: sample.y) else { throw STUReport.ParseError(offset: 5, reason: "y \(sample.y) does not fit 16 bits") }
        guard let pressure = UInt16(exactly: sample.pressure) else {
            throw STUReport.ParseError(offset: 1, reason: "pressure \(sample.pressure) does not fit 12 bits")
        }
        try self.init(inProximity: true, switches: sample.inContact ? 1 : 0, pressure: pressure, x: x, y: y, timeCount: timeCount)
    }

    /// Decodes a PenData (01) or PenDataTimeCountSequence (34) report; longer buffers are
    /// accepted (HID reads may pad), shorter ones and other IDs are errors naming the offset.
    public init(decoding report: [UInt8]) throws(STUReport.ParseError) {
        guard let first = report.first else { throw STUReport.ParseError(offset: 0, reason: "empty report") }
        let id: STUReport.ID = first == STUReport.ID.penDataTimeCountSequence.rawValue ? .penDataTimeCountSequence : .penData
        try STUReport.expect(report, id: id)
        inProximity = report[1] & 0x80 != 0
        switches = (report[1] >> 4) & 0x07
        pressure = UInt16(report[1] & 0x0F) << 8 | UInt16(report[2])
        x = STUReport.be16(report, 3)
        y = STUReport.be16(report, 5)
        timeCount = id == .penDataTimeCountSequence
            ? TimeCount(milliseconds: STUReport.be16(report, 7), sequence: STUReport.be16(report, 9)) : nil
    }

    /// Whether the tip touches the surface (any switch bit set).
    public var isTouching: Bool { switches != 0 }

    /// The report ID this report is sent with.
    public var reportID: STUReport.ID { timeCount == nil ? .penData : .penDataTimeCountSequence }

    /// The report's bytes, report ID first.
    public var bytes: [UInt8] {
        let status = (inProximity ? 0x80 : 0) | switches << 4 | UInt8(truncatingIfNeeded: pressure >> 8)
        var report = [reportID.rawValue, status, UInt8(truncatingIfNeeded: pressure)] + STUReport.bigEndian(x) + STUReport.bigEndian(y)
        if let timeCount { report += STUReport.bigEndian(timeCount.milliseconds) + STUReport.bigEndian(timeCount.sequence) }
        return report
    }

    /// The sample this report describes, stamped `time`; pressure is 0 while the pen hovers.
    public func sample(at time: Duration) -> PenSample {
        PenSample(x: Int(x), y: Int(y), pressure: isTouching ? Int(pressure) : 0, inContact: isTouching, time: time)
    }
}

/// An input report from the interrupt-IN endpoint, as the host sorts it.
public enum STUInputReport: Sendable, Hashable {
    /// A pen report the driver decodes (01 or 34).
    case pen(STUPenReport)
    /// A report the driver does not decode (encrypted pen data, modes it never switches on):
    /// its ID and length only. Its content stays opaque and is never logged.
    case other(id: UInt8, length: Int)

    /// Sorts and decodes `report`; throws for an empty report or a malformed pen report, naming
    /// the offset.
    public init(decoding report: [UInt8]) throws(STUReport.ParseError) {
        guard let first = report.first else { throw STUReport.ParseError(offset: 0, reason: "empty report") }
        switch first {
        case STUReport.ID.penData.rawValue, STUReport.ID.penDataTimeCountSequence.rawValue:
            self = .pen(try STUPenReport(decoding: report))
        default:
            self = .other(id: first, length: report.count)
        }
    }
}
