public import DeviceCore

/// Codecs for Wacom STU HID reports (layouts from the STU protocol: report ID in byte 0, lengths
/// including it). The host side parses what the pad sends; the encoders are what a pad sends, used
/// by the simulated pad so that it speaks the same bytes the parsers read.
///
/// Bytes come from a USB device: every parser checks lengths and returns a typed error naming the
/// offset instead of trapping. Encoders check that values fit their fields and name the offset of
/// the field that does not.
public enum STUReport {
    /// Report IDs used by the driver.
    public enum ID: UInt8, Sendable, CaseIterable {
        /// Pen data (input, 7 bytes).
        case penData = 0x01
        /// Status (feature, 5 bytes).
        case status = 0x03
        /// Information: model name and firmware (feature, 17 bytes).
        case information = 0x08
        /// Capability: coordinate ranges and screen size (feature, 17 bytes).
        case capability = 0x09
        /// Encrypted pen data (input, 17 bytes; opaque to the driver).
        case penDataEncrypted = 0x10
        /// Start capture with a capture id (feature, 5 bytes).
        case startCapture = 0x15
        /// End capture (feature, 2 bytes).
        case endCapture = 0x16
        /// Clear screen (feature, 2 bytes).
        case clearScreen = 0x20
        /// Inking mode on/off (feature, 2 bytes).
        case inkingMode = 0x21
        /// Encrypted pen data with the pad's time count and sequence (input, 17 bytes; opaque).
        case penDataTimeCountSequenceEncrypted = 0x33
        /// Pen data with the pad's time count and sequence number (input, 11 bytes).
        case penDataTimeCountSequence = 0x34

        /// The report's length in bytes, report ID included.
        public var length: Int {
            switch self {
            case .penData: 7
            case .status, .startCapture: 5
            case .information, .capability, .penDataEncrypted, .penDataTimeCountSequenceEncrypted: 17
            case .endCapture, .clearScreen, .inkingMode: 2
            case .penDataTimeCountSequence: 11
            }
        }
    }

    /// A report that does not have the expected shape: offset and reason.
    public typealias ParseError = ByteFormatError

    /// The model name and firmware from an Information report (08).
    public static func parseInformation(_ report: [UInt8]) throws(ParseError) -> (model: String, firmware: String) {
        try expect(report, id: .information)
        let name = report[1...9].prefix { $0 != 0 }
        guard name.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw ParseError(offset: 1, reason: "model name is not printable ASCII")
        }
        return (String(decoding: name, as: UTF8.self), "\(report[10]).\(report[11])")
    }

    /// Coordinate ranges and screen size from a Capability report (09); big-endian fields.
    public static func parseCapability(_ report: [UInt8], model: String) throws(ParseError) -> SignaturePadCapabilities {
        try expect(report, id: .capability)
        return SignaturePadCapabilities(model: model, maxX: Int(be16(report, 1)), maxY: Int(be16(report, 3)),
                                        maxPressure: Int(be16(report, 5)), screenWidth: Int(be16(report, 7)),
                                        screenHeight: Int(be16(report, 9)))
    }

    /// One pen sample from a PenData report (01): rdy/sw bits, 12-bit pressure, big-endian x and y.
    public static func parsePenData(_ report: [UInt8], time: Duration) throws(ParseError) -> PenSample {
        try expect(report, id: .penData)
        return try STUPenReport(decoding: report).sample(at: time)
    }

    /// The Information report (08) a pad sends: model name (at most 9 printable ASCII
    /// characters, NUL-padded) and firmware version; the secure-IC fields are zero.
    public static func informationReport(model: String, firmwareMajor: UInt8, firmwareMinor: UInt8) throws(ParseError) -> [UInt8] {
        let name = Array(model.utf8)
        guard name.count <= 9, name.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw ParseError(offset: 1, reason: "model name \"\(model)\" is not at most 9 printable ASCII characters")
        }
        var report = [ID.information.rawValue] + name + [UInt8](repeating: 0, count: 9 - name.count)
        report += [firmwareMajor, firmwareMinor, 0, 0, 0, 0, 0]
        return report
    }

    /// The Capability report (09) a pad sends for `capabilities` (big-endian u16 fields), with
    /// its report rate, resolution in lines per inch and image-encoding flags.
    public static func capabilityReport(_ capabilities: SignaturePadCapabilities, reportRate: UInt8 = 200, resolution: UInt16 = 0,
                                        encodings: UInt8 = 0) throws(ParseError) -> [UInt8] {
        var report = [ID.capability.rawValue]
        let fields = [capabilities.maxX, capabilities.maxY, capabilities.maxPressure, capabilities.screenWidth, capabilities.screenHeight]
        for (index, value) in fields.enumerated() {
            guard let field = UInt16(exactly: value) else {
                throw ParseError(offset: 1 + 2 * index, reason: "\(value) does not fit an unsigned 16-bit field")
            }
            report += bigEndian(field)
        }
        report.append(reportRate)
        report += bigEndian(resolution)
        report += [encodings, 0, 0]
        return report
    }

    /// Checks the report ID in byte 0 and that the report has at least the ID's length.
    static func expect(_ report: [UInt8], id: ID) throws(ParseError) {
        guard let first = report.first else { throw ParseError(offset: 0, reason: "empty report") }
        guard first == id.rawValue else {
            throw ParseError(offset: 0, reason: "report id 0x\(Hex.byte(first)), expected 0x\(Hex.byte(id.rawValue))")
        }
        guard report.count >= id.length else {
            throw ParseError(offset: report.count, reason: "report is \(report.count) bytes, expected \(id.length)")
        }
    }

    /// The big-endian u16 at `offset`; callers have checked the length.
    static func be16(_ report: [UInt8], _ offset: Int) -> UInt16 { UInt16(report[offset]) << 8 | UInt16(report[offset + 1]) }

    /// `value` as two bytes, most significant first.
    static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)] }
}
