public import DeviceCore

/// Parsers for Wacom STU HID reports (layouts from the STU protocol: report ID in byte 0).
///
/// Bytes come from a USB device: every parser checks lengths and returns a typed error naming the
/// offset instead of trapping.
public enum STUReport {
    /// Report IDs used by the driver.
    public enum ID: UInt8, Sendable {
        /// Pen data (input, 7 bytes).
        case penData = 0x01
        /// Status (feature, 5 bytes).
        case status = 0x03
        /// Information: model name and firmware (feature, 17 bytes).
        case information = 0x08
        /// Capability: coordinate ranges and screen size (feature, 17 bytes).
        case capability = 0x09
        /// Start capture with a capture id (feature, 5 bytes).
        case startCapture = 0x15
        /// End capture (feature, 2 bytes).
        case endCapture = 0x16
        /// Clear screen (feature, 2 bytes).
        case clearScreen = 0x20
        /// Inking mode on/off (feature, 2 bytes).
        case inkingMode = 0x21
    }

    /// A report that does not have the expected shape: offset and reason.
    public typealias ParseError = ByteFormatError

    /// The model name and firmware from an Information report (08).
    public static func parseInformation(_ report: [UInt8]) throws(ParseError) -> (model: String, firmware: String) {
        try expect(report, id: .information, length: 17)
        let name = report[1...9].prefix { $0 != 0 }
        guard name.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw ParseError(offset: 1, reason: "model name is not printable ASCII")
        }
        return (String(decoding: name, as: UTF8.self), "\(report[10]).\(report[11])")
    }

    /// Coordinate ranges and screen size from a Capability report (09); big-endian fields.
    public static func parseCapability(_ report: [UInt8], model: String) throws(ParseError) -> SignaturePadCapabilities {
        try expect(report, id: .capability, length: 17)
        func be16(_ offset: Int) -> Int { Int(report[offset]) << 8 | Int(report[offset + 1]) }
        return SignaturePadCapabilities(model: model, maxX: be16(1), maxY: be16(3), maxPressure: be16(5),
                                        screenWidth: be16(7), screenHeight: be16(9))
    }

    /// One pen sample from a PenData report (01): rdy/sw bits, 12-bit pressure, big-endian x and y.
    public static func parsePenData(_ report: [UInt8], time: Duration) throws(ParseError) -> PenSample {
        try expect(report, id: .penData, length: 7)
        let pressure = Int(report[1] & 0x0F) << 8 | Int(report[2])
        let touching = report[1] & 0x70 != 0
        let x = Int(report[3]) << 8 | Int(report[4])
        let y = Int(report[5]) << 8 | Int(report[6])
        return PenSample(x: x, y: y, pressure: touching ? pressure : 0, inContact: touching, time: time)
    }

    private static func expect(_ report: [UInt8], id: ID, length: Int) throws(ParseError) {
        guard let first = report.first else { throw ParseError(offset: 0, reason: "empty report") }
        guard first == id.rawValue else {
            throw ParseError(offset: 0, reason: "report id 0x\(String(first, radix: 16)), expected 0x\(String(id.rawValue, radix: 16))")
        }
        guard report.count >= length else {
            throw ParseError(offset: report.count, reason: "report is \(report.count) bytes, expected \(length)")
        }
    }
}
