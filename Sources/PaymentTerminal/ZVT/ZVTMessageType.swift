/// A ZVT message type: class and instruction byte (`06 01` Authorization, `84 xx` refusal).
///
/// Extensible like ``ZVTResultCode``: any two bytes are a type; the common ones have names.
public struct ZVTMessageType: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Class byte in the high 8 bits, instruction in the low 8 bits (`0x0601`).
    public var rawValue: UInt16

    /// Creates a type from `class << 8 | instruction`.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Creates a type from its two bytes.
    public init(class classByte: UInt8, instruction: UInt8) {
        rawValue = UInt16(classByte) << 8 | UInt16(instruction)
    }

    /// The class byte.
    public var classByte: UInt8 { UInt8(rawValue >> 8) }
    /// The instruction byte.
    public var instruction: UInt8 { UInt8(rawValue & 0xFF) }

    /// Which side sends a message.
    public enum Direction: String, Sendable, Hashable {
        /// The cash register (our side) sends it.
        case ecrToTerminal = "ECR→PT"
        /// The payment terminal sends it.
        case terminalToECR = "PT→ECR"
        /// Either side (acknowledgements, refusals).
        case either = "ECR↔PT"
    }

    /// Registration `06 00` (ECR → PT).
    public static let registration = ZVTMessageType(rawValue: 0x0600)
    /// Authorization `06 01` (ECR → PT).
    public static let authorization = ZVTMessageType(rawValue: 0x0601)
    /// Log-Off `06 02` (ECR → PT).
    public static let logOff = ZVTMessageType(rawValue: 0x0602)
    /// Status Information `04 0F` (PT → ECR): the transaction result.
    public static let statusInformation = ZVTMessageType(rawValue: 0x040F)
    /// Intermediate Status Information `04 FF` (PT → ECR): what the display shows.
    public static let intermediateStatus = ZVTMessageType(rawValue: 0x04FF)
    /// Status Enquiry `05 01` (ECR → PT).
    public static let statusEnquiry = ZVTMessageType(rawValue: 0x0501)
    /// Completion `06 0F` (PT → ECR).
    public static let completion = ZVTMessageType(rawValue: 0x060F)
    /// Reset Terminal `06 18` (ECR → PT).
    public static let resetTerminal = ZVTMessageType(rawValue: 0x0618)
    /// Abort `06 1E` (PT → ECR): the transaction ended without success.
    public static let terminalAbort = ZVTMessageType(rawValue: 0x061E)
    /// Repeat Receipt `06 20` (ECR → PT).
    public static let repeatReceipt = ZVTMessageType(rawValue: 0x0620)
    /// Pre-Authorisation / Reservation `06 22` (ECR → PT).
    public static let preAuthorization = ZVTMessageType(rawValue: 0x0622)
    /// Partial Reversal of a pre-authorisation `06 23` (ECR → PT).
    public static let partialReversal = ZVTMessageType(rawValue: 0x0623)
    /// Book Total `06 24` (ECR → PT).
    public static let bookTotal = ZVTMessageType(rawValue: 0x0624)
    /// Pre-Authorisation Reversal `06 25` (ECR → PT).
    public static let preAuthorizationReversal = ZVTMessageType(rawValue: 0x0625)
    /// Reversal `06 30` (ECR → PT).
    public static let reversal = ZVTMessageType(rawValue: 0x0630)
    /// Refund `06 31` (ECR → PT).
    public static let refund = ZVTMessageType(rawValue: 0x0631)
    /// End-of-Day `06 50` (ECR → PT).
    public static let endOfDay = ZVTMessageType(rawValue: 0x0650)
    /// Diagnosis `06 70` (ECR → PT).
    public static let diagnosis = ZVTMessageType(rawValue: 0x0670)
    /// Initialisation `06 93` (ECR → PT).
    public static let initialisation = ZVTMessageType(rawValue: 0x0693)
    /// Abort `06 B0` (ECR → PT): asks the terminal to stop the running command.
    public static let abort = ZVTMessageType(rawValue: 0x06B0)
    /// Print Line `06 D1` (PT → ECR).
    public static let printLine = ZVTMessageType(rawValue: 0x06D1)
    /// Print Text Block `06 D3` (PT → ECR).
    public static let printTextBlock = ZVTMessageType(rawValue: 0x06D3)
    /// Display Text `06 E0` (ECR → PT).
    public static let displayText = ZVTMessageType(rawValue: 0x06E0)
    /// Positive acknowledgement `80 00`.
    public static let acknowledgement = ZVTMessageType(rawValue: 0x8000)

    /// Whether this is a negative response `84 xx` (the instruction byte is the result code).
    public var isRefusal: Bool { classByte == 0x84 }

    /// The English name, or `nil` for types without one.
    public var name: String? {
        if isRefusal { return instruction == 0x00 ? "Negative acknowledgement (84 00, positive for 04 0F)" : "Refusal" }
        return Self.names[rawValue]?.name
    }

    /// Who sends this message.
    public var direction: Direction {
        if classByte == 0x80 || isRefusal { return .either }
        return Self.names[rawValue]?.direction ?? .either
    }

    /// `06 01 Authorization`
    public var description: String {
        let bytes = ZVTBCD.hex([classByte, instruction])
        return name.map { "\(bytes) \($0)" } ?? bytes
    }

    /// Orders by class, then instruction.
    public static func < (lhs: ZVTMessageType, rhs: ZVTMessageType) -> Bool { lhs.rawValue < rhs.rawValue }

    private static let names: [UInt16: (name: String, direction: Direction)] = [
        0x0600: ("Registration", .ecrToTerminal),
        0x0601: ("Authorization", .ecrToTerminal),
        0x0602: ("Log-Off", .ecrToTerminal),
        0x040F: ("Status Information", .terminalToECR),
        0x04FF: ("Intermediate Status Information", .terminalToECR),
        0x0501: ("Status Enquiry", .ecrToTerminal),
        0x060F: ("Completion", .terminalToECR),
        0x0618: ("Reset Terminal", .ecrToTerminal),
        0x061E: ("Abort (from terminal)", .terminalToECR),
        0x0620: ("Repeat Receipt", .ecrToTerminal),
        0x0622: ("Pre-Authorisation", .ecrToTerminal),
        0x0623: ("Partial Reversal", .ecrToTerminal),
        0x0624: ("Book Total", .ecrToTerminal),
        0x0625: ("Pre-Authorisation Reversal", .ecrToTerminal),
        0x0630: ("Reversal", .ecrToTerminal),
        0x0631: ("Refund", .ecrToTerminal),
        0x0650: ("End-of-Day", .ecrToTerminal),
        0x0670: ("Diagnosis", .ecrToTerminal),
        0x0693: ("Initialisation", .ecrToTerminal),
        0x06B0: ("Abort", .ecrToTerminal),
        0x06D1: ("Print Line", .terminalToECR),
        0x06D3: ("Print Text Block", .terminalToECR),
        0x06E0: ("Display Text", .ecrToTerminal),
        0x8000: ("Acknowledgement", .either),
    ]
}
