public import DeviceCore

/// Bytes that do not form valid ZVT: names the byte offset and what was expected there.
///
/// Offsets count from the first byte given to the decoder (the APDU's class byte, or the first byte
/// fed to a stream decoder). Decoders of terminal bytes never trap; they throw this instead.
public struct ZVTDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of defect, for tests and metrics; the ``message`` says the details.
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The reason's name as it appears in machine output.
        public var rawValue: String
        /// Creates a reason from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The input ended before the element was complete.
        public static let truncated = Reason(rawValue: "truncated")
        /// Bytes follow where the element (APDU, frame, field) should have ended.
        public static let trailingBytes = Reason(rawValue: "trailingBytes")
        /// A length exceeds the decoder's limit or the protocol's maximum.
        public static let tooLong = Reason(rawValue: "tooLong")
        /// A length field is malformed (an LLVAR byte that is not `Fx`, an unsupported BER form).
        public static let invalidLength = Reason(rawValue: "invalidLength")
        /// A BCD nibble is not a decimal digit (or not an allowed filler).
        public static let invalidBCD = Reason(rawValue: "invalidBCD")
        /// A BMP number that is not in the BMP table; the field length is unknown, so parsing stops.
        public static let unknownBMP = Reason(rawValue: "unknownBMP")
        /// A TLV tag is malformed (too long, truncated).
        public static let invalidTag = Reason(rawValue: "invalidTag")
        /// Constructed TLV objects nest deeper than the decoder allows.
        public static let nestingTooDeep = Reason(rawValue: "nestingTooDeep")
        /// A serial frame's CRC does not match its contents.
        public static let badCRC = Reason(rawValue: "badCRC")
        /// A DLE inside a serial frame is followed by a byte other than DLE or ETX.
        public static let invalidEscape = Reason(rawValue: "invalidEscape")
        /// A byte that has no meaning at this point of the serial stream.
        public static let unexpectedByte = Reason(rawValue: "unexpectedByte")
        /// Input that is not hexadecimal text (CLI and fixtures).
        public static let invalidHex = Reason(rawValue: "invalidHex")

        /// The raw name.
        public var description: String { rawValue }
    }

    /// The class of defect.
    public var reason: Reason
    /// The byte offset of the defect.
    public var offset: Int
    /// What was expected and what was found, in words (`"expected 6 bytes of BMP 04 (amount), found 2"`).
    public var message: String

    /// Creates a decoding error.
    public init(_ reason: Reason, offset: Int, _ message: String) {
        self.reason = reason
        self.offset = offset
        self.message = message
    }

    /// `offset N: message`
    public var description: String { "offset \(offset): \(message)" }

    /// The same defect, reported `delta` bytes later (used when an inner decoder's offsets are relative).
    func shifted(by delta: Int) -> ZVTDecodingError {
        ZVTDecodingError(reason, offset: offset + delta, message)
    }

    /// The device error to report when a terminal sent these bytes: a protocol violation.
    public func deviceError(operation: String) -> DeviceError {
        DeviceError(.protocol, operation: operation, message: "the terminal sent malformed ZVT data (\(description))",
                    remedy: "Check that the configured port speaks ZVT and the terminal's ZVT settings, then retry; report the hex dump if it persists.",
                    backendCode: DeviceError.BackendCode(domain: "ZVT", value: Int64(offset), name: reason.rawValue))
    }
}

/// A value the encoder cannot represent in ZVT (an amount with more than 12 digits, an LLVAR over 99 bytes).
public struct ZVTEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What cannot be encoded, in words.
    public var message: String

    /// Creates an encoding error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Something a decoder accepted but a technician should know about (a character that the selected
/// character set cannot show, a vendor deviation). Never a reason to reject a message.
public struct ZVTDecodingWarning: Sendable, Hashable, CustomStringConvertible {
    /// The byte offset the warning refers to.
    public var offset: Int
    /// What was noticed.
    public var message: String

    /// Creates a warning.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `offset N: message`
    public var description: String { "offset \(offset): \(message)" }
}
