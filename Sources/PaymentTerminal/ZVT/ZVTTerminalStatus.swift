/// The terminal status byte in the completion of a Status Enquiry (PA00P015 §11).
public struct ZVTTerminalStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The status byte.
    public var rawValue: UInt8

    /// Creates a terminal status.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `00` ready.
    public static let ready = ZVTTerminalStatus(rawValue: 0x00)

    /// Whether the terminal can take a payment.
    public var isReady: Bool { rawValue == 0x00 }

    /// The English text.
    public var englishText: String { Self.texts[rawValue] ?? "unknown terminal status \(ZVTBCD.hex(rawValue))" }

    /// `00 ready`
    public var description: String { "\(ZVTBCD.hex(rawValue)) \(englishText)" }

    private static let texts: [UInt8: String] = [
        0x00: "ready", 0x51: "initialisation required", 0x62: "date/time incorrect", 0x9C: "please wait",
        0x9D: "partial issue of goods", 0xB1: "memory full", 0xB2: "merchant journal full", 0xBF: "voltage supply too low",
        0xC0: "card locking mechanism defective", 0xC1: "merchant card locked", 0xC2: "diagnosis required",
        0xC4: "card profile invalid", 0xCC: "printer not ready", 0xDC: "card inserted", 0xDF: "out of order",
        0xE0: "remote maintenance activated", 0xE1: "card not completely removed", 0xE2: "card reader does not answer",
        0xE3: "shutter closed", 0xE4: "terminal activation required", 0xF0: "reconciliation required",
        0xF6: "OPT data not available",
    ]
}
