public import DeviceCore

/// A PC/SC return code (`SCARD_E_*`, `SCARD_F_*`, `SCARD_W_*` from pcsc-lite's pcsclite.h), with the
/// shared error kind and the remedy each one needs.
public struct PCSCError: Error, RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The code as an unsigned 32-bit value (`0x8010001D`).
    public var rawValue: UInt32
    /// Wraps a code.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `SCARD_F_INTERNAL_ERROR`: daemon-side failure.
    public static let internalError = PCSCError(rawValue: 0x8010_0001)
    /// `SCARD_E_CANCELLED`: `SCardCancel` ended the call.
    public static let cancelled = PCSCError(rawValue: 0x8010_0002)
    /// `SCARD_E_INVALID_HANDLE`: the context or card handle is no longer valid.
    public static let invalidHandle = PCSCError(rawValue: 0x8010_0003)
    /// `SCARD_E_INVALID_PARAMETER`: a programming error.
    public static let invalidParameter = PCSCError(rawValue: 0x8010_0004)
    /// `SCARD_E_NO_MEMORY`.
    public static let noMemory = PCSCError(rawValue: 0x8010_0006)
    /// `SCARD_E_INSUFFICIENT_BUFFER`: a response did not fit.
    public static let insufficientBuffer = PCSCError(rawValue: 0x8010_0008)
    /// `SCARD_E_UNKNOWN_READER`: the reader is gone or was renamed.
    public static let unknownReader = PCSCError(rawValue: 0x8010_0009)
    /// `SCARD_E_TIMEOUT`: a status-change wait ran out (not an error in a wait loop).
    public static let timeout = PCSCError(rawValue: 0x8010_000A)
    /// `SCARD_E_SHARING_VIOLATION`: another program holds the card exclusively.
    public static let sharingViolation = PCSCError(rawValue: 0x8010_000B)
    /// `SCARD_E_NO_SMARTCARD`: no card in the reader.
    public static let noSmartCard = PCSCError(rawValue: 0x8010_000C)
    /// `SCARD_E_PROTO_MISMATCH`: the requested protocol is not available.
    public static let protocolMismatch = PCSCError(rawValue: 0x8010_000F)
    /// `SCARD_E_NOT_READY`: reader or card busy.
    public static let notReady = PCSCError(rawValue: 0x8010_0010)
    /// `SCARD_E_INVALID_VALUE`: a programming error.
    public static let invalidValue = PCSCError(rawValue: 0x8010_0011)
    /// `SCARD_F_COMM_ERROR`: the link to pcscd broke.
    public static let communicationError = PCSCError(rawValue: 0x8010_0013)
    /// `SCARD_E_NOT_TRANSACTED`: the transaction was lost (card reset).
    public static let notTransacted = PCSCError(rawValue: 0x8010_0016)
    /// `SCARD_E_READER_UNAVAILABLE`: the reader was unplugged or its driver failed.
    public static let readerUnavailable = PCSCError(rawValue: 0x8010_0017)
    /// `SCARD_E_NO_SERVICE`: pcscd is not running; the context never recovers.
    public static let noService = PCSCError(rawValue: 0x8010_001D)
    /// `SCARD_E_SERVICE_STOPPED`: as ``noService``.
    public static let serviceStopped = PCSCError(rawValue: 0x8010_001E)
    /// `SCARD_E_UNSUPPORTED_FEATURE` (= `SCARD_E_UNEXPECTED` in pcsc-lite).
    public static let unsupportedFeature = PCSCError(rawValue: 0x8010_001F)
    /// `SCARD_E_NO_READERS_AVAILABLE`: no reader attached.
    public static let noReadersAvailable = PCSCError(rawValue: 0x8010_002E)
    /// `SCARD_E_COMM_DATA_LOST`: communication with the card failed.
    public static let communicationDataLost = PCSCError(rawValue: 0x8010_002F)
    /// `SCARD_W_UNSUPPORTED_CARD`: ATR or protocol conflict.
    public static let unsupportedCard = PCSCError(rawValue: 0x8010_0065)
    /// `SCARD_W_UNRESPONSIVE_CARD`: the card is mute or inserted the wrong way round.
    public static let unresponsiveCard = PCSCError(rawValue: 0x8010_0066)
    /// `SCARD_W_UNPOWERED_CARD`: the card is powered down.
    public static let unpoweredCard = PCSCError(rawValue: 0x8010_0067)
    /// `SCARD_W_RESET_CARD`: another handle reset the card.
    public static let resetCard = PCSCError(rawValue: 0x8010_0068)
    /// `SCARD_W_REMOVED_CARD`: the card was removed.
    public static let removedCard = PCSCError(rawValue: 0x8010_0069)

    private static let names: [UInt32: String] = [
        0x8010_0001: "SCARD_F_INTERNAL_ERROR", 0x8010_0002: "SCARD_E_CANCELLED", 0x8010_0003: "SCARD_E_INVALID_HANDLE",
        0x8010_0004: "SCARD_E_INVALID_PARAMETER", 0x8010_0006: "SCARD_E_NO_MEMORY", 0x8010_0008: "SCARD_E_INSUFFICIENT_BUFFER",
        0x8010_0009: "SCARD_E_UNKNOWN_READER", 0x8010_000A: "SCARD_E_TIMEOUT", 0x8010_000B: "SCARD_E_SHARING_VIOLATION",
        0x8010_000C: "SCARD_E_NO_SMARTCARD", 0x8010_000F: "SCARD_E_PROTO_MISMATCH", 0x8010_0010: "SCARD_E_NOT_READY",
        0x8010_0011: "SCARD_E_INVALID_VALUE", 0x8010_0013: "SCARD_F_COMM_ERROR", 0x8010_0016: "SCARD_E_NOT_TRANSACTED",
        0x8010_0017: "SCARD_E_READER_UNAVAILABLE", 0x8010_001D: "SCARD_E_NO_SERVICE", 0x8010_001E: "SCARD_E_SERVICE_STOPPED",
        0x8010_001F: "SCARD_E_UNSUPPORTED_FEATURE", 0x8010_002E: "SCARD_E_NO_READERS_AVAILABLE",
        0x8010_002F: "SCARD_E_COMM_DATA_LOST", 0x8010_0065: "SCARD_W_UNSUPPORTED_CARD", 0x8010_0066: "SCARD_W_UNRESPONSIVE_CARD",
        0x8010_0067: "SCARD_W_UNPOWERED_CARD", 0x8010_0068: "SCARD_W_RESET_CARD", 0x8010_0069: "SCARD_W_REMOVED_CARD",
    ]

    /// The C name, or `nil` for a code this table does not know.
    public var name: String? { Self.names[rawValue] }

    /// `SCARD_E_NO_SERVICE (0x8010001D)`
    public var description: String {
        let hex = "0x" + String(rawValue, radix: 16, uppercase: true)
        return name.map { "\($0) (\(hex))" } ?? hex
    }

    /// Whether the PC/SC context is unusable after this code and must be established anew.
    public var invalidatesContext: Bool {
        [.noService, .serviceStopped, .communicationError, .invalidHandle, .internalError].contains(self)
    }

    /// The shared error kind this code maps to.
    public var kind: DeviceError.Kind {
        switch self {
        case .noService, .serviceStopped, .communicationError, .internalError, .invalidHandle: .offline
        case .timeout: .timeout
        case .sharingViolation, .notReady: .busy
        case .removedCard, .resetCard, .unpoweredCard: .removed
        case .noSmartCard, .noReadersAvailable, .unknownReader, .readerUnavailable, .unsupportedFeature: .noHardware
        case .unsupportedCard, .unresponsiveCard, .protocolMismatch, .communicationDataLost, .notTransacted: .protocol
        default: .other
        }
    }

    /// What a technician should do next.
    public var remedy: String {
        switch self {
        case .noService, .serviceStopped: "pcscd is not running: start it with `pcscd` (or `systemctl start pcscd.socket`), then retry."
        case .communicationError, .internalError, .invalidHandle: "The connection to pcscd broke: retry; if it persists, restart pcscd."
        case .timeout: "The reader did not answer in time: retry."
        case .sharingViolation: "Another program holds the card exclusively: close it (check `pcsc_scan`, browsers, AusweisApp) and retry."
        case .notReady: "The reader is busy: wait a moment and retry."
        case .removedCard: "The card was removed: insert it again and restart the operation."
        case .resetCard: "Another program reset the card: reconnect and restart the operation."
        case .unpoweredCard: "The card is powered down: reinsert it and retry."
        case .noSmartCard: "No card is in the reader: insert one."
        case .noReadersAvailable: "No card reader is attached: connect the reader and check `pcsc_scan`."
        case .unknownReader, .readerUnavailable: "The reader disappeared: check its USB cable and `pcsc_scan`, then retry."
        case .unsupportedCard, .unresponsiveCard: "The card does not answer: insert it the right way round (chip first, facing up) or try another card."
        case .protocolMismatch: "The card does not support the requested protocol: retry with T=0 or T=1."
        case .communicationDataLost: "Communication with the card failed: reinsert the card and retry."
        case .notTransacted: "The card was reset during the operation: restart the operation."
        case .unsupportedFeature: "The reader does not offer this function: ask it for its features first (PC/SC part 10) or use a reader that has it."
        default: "Unexpected PC/SC error: restart pcscd and retry; report the code if it persists."
        }
    }

    /// This code as a ``DeviceError`` for `operation`.
    public func deviceError(_ operation: String, message: String? = nil) -> DeviceError {
        DeviceError(kind, operation: operation, message: message ?? "PC/SC returned \(name ?? "an unknown code")", remedy: remedy,
                    backendCode: DeviceError.BackendCode(domain: "PC/SC", value: Int64(rawValue), name: name))
    }
}
