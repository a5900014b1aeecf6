public import DeviceCore

/// A Wacom STU Status report (03): the pad's state, the result of the last command and a
/// status word (`03 state lastResult word-LE`).
public struct STUStatus: Sendable, Hashable, CustomStringConvertible {
    /// What the pad is doing. An extensible set of named codes: values the table does not name
    /// keep their number.
    public struct State: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code as the pad sends it.
        public var rawValue: UInt8
        /// Creates a state from its code.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Ready for the next command.
        public static let ready = State(rawValue: 0x00)
        /// Receiving or drawing an image (also while the screen clears).
        public static let image = State(rawValue: 0x01)
        /// Capturing pen data.
        public static let capture = State(rawValue: 0x02)
        /// Calculating (encryption key exchange).
        public static let calculation = State(rawValue: 0x03)
        /// Receiving a boot-screen image.
        public static let imageBoot = State(rawValue: 0x04)
        /// Writing its ROM.
        public static let romBusy = State(rawValue: 0x05)
        /// Resetting.
        public static let systemReset = State(rawValue: 0xFF)

        private static let names: [UInt8: String] = [0x00: "ready", 0x01: "image", 0x02: "capture", 0x03: "calculation",
                                                     0x04: "imageBoot", 0x05: "romBusy", 0xFF: "systemReset"]
        /// The state's name, or its code in hex.
        public var description: String { Self.names[rawValue] ?? "0x" + Hex.byte(rawValue) }
    }

    /// The result of the last command the pad received (values as in the reference table, in
    /// hex; the ROM errors 0x33–0x35 keep their number).
    public struct LastResult: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code as the pad sends it.
        public var rawValue: UInt8
        /// Creates a result from its code.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// No error.
        public static let none = LastResult(rawValue: 0x00)
        /// The pad does not know the report ID.
        public static let wrongReportID = LastResult(rawValue: 0x01)
        /// The command is not allowed in the pad's current state.
        public static let wrongState = LastResult(rawValue: 0x02)
        /// CRC error (serial mode).
        public static let crc = LastResult(rawValue: 0x03)
        /// A parameter is out of range.
        public static let badParameter = LastResult(rawValue: 0x04)
        /// The image encoding is not supported.
        public static let wrongEncoding = LastResult(rawValue: 0x10)
        /// The image is longer than the screen takes.
        public static let imageTooLong = LastResult(rawValue: 0x11)
        /// The zlib stream is broken.
        public static let zlibError = LastResult(rawValue: 0x12)
        /// The rectangle is outside the screen.
        public static let wrongArea = LastResult(rawValue: 0x15)
        /// The pad (sensor) is missing.
        public static let padMissing = LastResult(rawValue: 0x20)

        private static let names: [UInt8: String] = [0x00: "none", 0x01: "wrongReportID", 0x02: "wrongState", 0x03: "crc",
                                                     0x04: "badParameter", 0x10: "wrongEncoding", 0x11: "imageTooLong",
                                                     0x12: "zlibError", 0x15: "wrongArea", 0x20: "padMissing"]
        /// The result's name, or its code in hex.
        public var description: String { Self.names[rawValue] ?? "0x" + Hex.byte(rawValue) }
    }

    /// What the pad is doing.
    public var state: State
    /// The result of the last command.
    public var lastResult: LastResult
    /// The status word (little-endian on the wire).
    public var statusWord: UInt16

    /// Creates a status.
    public init(state: State, lastResult: LastResult = .none, statusWord: UInt16 = 0) {
        self.state = state
        self.lastResult = lastResult
        self.statusWord = statusWord
    }

    /// Decodes a Status report (03); throws naming the offset for a wrong ID or a short report.
    public init(decoding report: [UInt8]) throws(STUReport.ParseError) {
        try STUReport.expect(report, id: .status)
        state = State(rawValue: report[1])
        lastResult = LastResult(rawValue: report[2])
        statusWord = UInt16(report[3]) | UInt16(report[4]) << 8
    }

    /// The report's bytes, report ID first.
    public var bytes: [UInt8] {
        [STUReport.ID.status.rawValue, state.rawValue, lastResult.rawValue,
         UInt8(truncatingIfNeeded: statusWord), UInt8(truncatingIfNeeded: statusWord >> 8)]
    }

    /// `state (last result)`.
    public var description: String { lastResult == .none ? "\(state)" : "\(state) (last result \(lastResult))" }
}
