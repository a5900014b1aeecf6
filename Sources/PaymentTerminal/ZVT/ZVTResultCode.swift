public import DeviceCore

/// A ZVT result code (PA00P015 §10): BMP 27 in Status Information, the byte after `06 1E` in an
/// Abort, and the APRC of a refusal `84 xx`. Codes 01–63 are the payment host's own codes, passed through.
///
/// Extensible: unknown codes (newer revisions, vendor codes) are kept and reported as technical.
public struct ZVTResultCode: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code byte.
    public var rawValue: UInt8

    /// Creates a result code.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// What a result code means for the transaction.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// `00`: no error.
        case success
        /// The card, the account or the host refused: a business outcome, not a device fault.
        case declined
        /// The citizen pressed abort or the terminal timed out waiting for them.
        case aborted
        /// Terminal, network or integration problem: a ``DeviceError`` for a technician.
        case technical
    }

    /// `00` no error.
    public static let success = ZVTResultCode(rawValue: 0x00)
    /// `64` card not readable.
    public static let cardNotReadable = ZVTResultCode(rawValue: 0x64)
    /// `6C` abort via timeout or abort key.
    public static let aborted = ZVTResultCode(rawValue: 0x6C)
    /// `6F` wrong currency.
    public static let wrongCurrency = ZVTResultCode(rawValue: 0x6F)
    /// `78` card expired.
    public static let cardExpired = ZVTResultCode(rawValue: 0x78)
    /// `83` function not possible.
    public static let functionNotPossible = ZVTResultCode(rawValue: 0x83)
    /// `9A` ZVT protocol error.
    public static let protocolError = ZVTResultCode(rawValue: 0x9A)
    /// `9C` please wait (vending: goods not issued yet).
    public static let pleaseWait = ZVTResultCode(rawValue: 0x9C)
    /// `A0` receiver not ready.
    public static let receiverNotReady = ZVTResultCode(rawValue: 0xA0)
    /// `CC` printer not ready (the ECR's answer to a print command when its printer fails).
    public static let printerNotReady = ZVTResultCode(rawValue: 0xCC)
    /// `FF` system error; details in TLV 1F16/1F17.
    public static let systemError = ZVTResultCode(rawValue: 0xFF)

    /// Whether the code is a payment-host code (01–63) passed through by the terminal.
    public var isHostCode: Bool { (0x01...0x63).contains(rawValue) }

    /// Whether the code is in the table (host codes count as known).
    public var isKnown: Bool { isHostCode || Self.table[rawValue] != nil }

    /// The English text from PA00P015 §10.
    public var englishText: String {
        if isHostCode { return "declined by the authorisation system (host code \(rawValue))" }
        return Self.table[rawValue]?.english ?? "unknown result code \(ZVTBCD.hex(rawValue))"
    }

    /// The German text.
    public var germanText: String {
        if isHostCode { return "Abgelehnt vom Autorisierungssystem (Code \(rawValue))" }
        return Self.table[rawValue]?.german ?? "Unbekannter Ergebniscode \(ZVTBCD.hex(rawValue))"
    }

    /// What the code means for the transaction; unknown codes are technical.
    public var outcome: Outcome {
        if rawValue == 0x00 { return .success }
        if isHostCode { return .declined }
        return Self.table[rawValue]?.outcome ?? .technical
    }

    /// The shared device-error kind for a technical code; `nil` for success, declines and aborts,
    /// which are transaction outcomes rather than device errors.
    public var deviceErrorKind: DeviceError.Kind? {
        guard outcome == .technical else { return nil }
        return Self.table[rawValue]?.kind ?? .other
    }

    /// The device error for a technical code (`nil` otherwise), with a remedy for a technician.
    public func deviceError(operation: String) -> DeviceError? {
        guard let kind = deviceErrorKind else { return nil }
        return DeviceError(kind, operation: operation, message: "the terminal answered \(ZVTBCD.hex(rawValue)): \(englishText)",
                           remedy: Self.remedy(for: kind),
                           backendCode: DeviceError.BackendCode(domain: "ZVT", value: Int64(rawValue), name: englishText))
    }

    /// `6C abort via timeout or abort key`
    public var description: String { "\(ZVTBCD.hex(rawValue)) \(englishText)" }

    /// Orders by code.
    public static func < (lhs: ZVTResultCode, rhs: ZVTResultCode) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func remedy(for kind: DeviceError.Kind) -> String {
        switch kind {
        case .offline: "Check the terminal's network or line to its payment host, then run a diagnosis (06 70)."
        case .hardwareFault: "Fix the fault shown on the terminal (printer, card reader, memory: run end-of-day), then retry."
        case .protocol: "Check the ZVT settings of terminal and kiosk (registration, currency, password); report the hex dump if it persists."
        case .busy: "Wait until the terminal shows its idle screen, then retry."
        case .noHardware: "Connect or repair the device the terminal needs, then retry."
        default: "See the terminal's display and manual for this result code; call the terminal provider if it persists."
        }
    }
}
