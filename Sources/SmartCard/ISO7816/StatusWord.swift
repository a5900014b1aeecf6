import DeviceCore
/// The two status bytes SW1 SW2 that end every response APDU (ISO/IEC 7816-4 §5.6).
public struct StatusWord: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// SW1 << 8 | SW2.
    public var rawValue: UInt16
    /// Wraps a status word.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Creates a status word from its two bytes.
    public init(sw1: UInt8, sw2: UInt8) { rawValue = UInt16(sw1) << 8 | UInt16(sw2) }

    /// SW1.
    public var sw1: UInt8 { UInt8(rawValue >> 8) }
    /// SW2.
    public var sw2: UInt8 { UInt8(rawValue & 0xFF) }

    /// 9000: normal processing.
    public static let success = StatusWord(rawValue: 0x9000)
    /// 6282: end of file reached before Le bytes.
    public static let endOfFile = StatusWord(rawValue: 0x6282)
    /// 6283: selected file deactivated (eID: PIN deactivated).
    public static let fileDeactivated = StatusWord(rawValue: 0x6283)
    /// 6300: verification failed.
    public static let verificationFailed = StatusWord(rawValue: 0x6300)
    /// 6700: wrong length.
    public static let wrongLength = StatusWord(rawValue: 0x6700)
    /// 6982: security status not satisfied.
    public static let securityStatusNotSatisfied = StatusWord(rawValue: 0x6982)
    /// 6983: authentication method blocked.
    public static let authenticationBlocked = StatusWord(rawValue: 0x6983)
    /// 6985: conditions of use not satisfied.
    public static let conditionsNotSatisfied = StatusWord(rawValue: 0x6985)
    /// 6987: expected secure-messaging data objects missing.
    public static let smObjectsMissing = StatusWord(rawValue: 0x6987)
    /// 6988: secure-messaging data objects incorrect.
    public static let smObjectsIncorrect = StatusWord(rawValue: 0x6988)
    /// 6A82: file or application not found.
    public static let fileNotFound = StatusWord(rawValue: 0x6A82)
    /// 6A86: incorrect P1/P2.
    public static let incorrectP1P2 = StatusWord(rawValue: 0x6A86)
    /// 6A88: referenced data not found.
    public static let dataNotFound = StatusWord(rawValue: 0x6A88)
    /// 6B00: wrong parameters (offset beyond the file).
    public static let wrongParameters = StatusWord(rawValue: 0x6B00)
    /// 6D00: instruction not supported.
    public static let instructionNotSupported = StatusWord(rawValue: 0x6D00)
    /// 6E00: class not supported.
    public static let classNotSupported = StatusWord(rawValue: 0x6E00)

    /// Whether processing completed normally (9000, or 61xx: more data waits).
    public var isSuccess: Bool { rawValue == 0x9000 || sw1 == 0x61 }

    /// For 61xx: how many more bytes GET RESPONSE can fetch (xx = 00 means 256).
    public var bytesRemaining: Int? { sw1 == 0x61 ? (sw2 == 0 ? 256 : Int(sw2)) : nil }

    /// For 6Cxx: the exact Le to resend the command with (xx = 00 means 256).
    public var correctLength: Int? { sw1 == 0x6C ? (sw2 == 0 ? 256 : Int(sw2)) : nil }

    /// For 63Cx: the retry counter x (tries left).
    public var retriesLeft: Int? { sw1 == 0x63 && sw2 & 0xF0 == 0xC0 ? Int(sw2 & 0x0F) : nil }

    /// A short English meaning.
    public var meaning: String {
        if let bytesRemaining { return "\(bytesRemaining) more bytes available" }
        if let correctLength { return "wrong Le; resend with Le=\(correctLength)" }
        if let retriesLeft { return "verification failed, \(retriesLeft) tries left" }
        switch self {
        case .success: return "success"
        case .endOfFile: return "end of file reached"
        case .fileDeactivated: return "file deactivated"
        case .verificationFailed: return "verification failed"
        case .wrongLength: return "wrong length"
        case .securityStatusNotSatisfied: return "security status not satisfied"
        case .authenticationBlocked: return "authentication method blocked"
        case .conditionsNotSatisfied: return "conditions of use not satisfied"
        case .smObjectsMissing: return "secure messaging data objects missing"
        case .smObjectsIncorrect: return "secure messaging data objects incorrect"
        case .fileNotFound: return "file not found"
        case .incorrectP1P2: return "incorrect P1/P2"
        case .dataNotFound: return "referenced data not found"
        case .wrongParameters: return "wrong parameters (offset outside the file)"
        case .instructionNotSupported: return "instruction not supported"
        case .classNotSupported: return "class not supported"
        default: return sw1 == 0x62 || sw1 == 0x63 ? "warning" : "error"
        }
    }

    /// `6A82 (file not found)`
    public var description: String { "\(Hex.byte(sw1))\(Hex.byte(sw2)) (\(meaning))" }
}
