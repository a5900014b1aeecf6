/// The device classes BuergerHAL drives, one module per class.
///
/// The raw value is the spelling used in configuration files and machine output.
public enum DeviceFamily: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Smart-card and eID readers (PC/SC).
    case smartCardReader = "smartcard"
    /// Receipt printers speaking ESC/POS.
    case receiptPrinter = "printer"
    /// Card payment terminals speaking ZVT.
    case paymentTerminal = "payment"
    /// USB signature pads (Wacom STU class).
    case signaturePad = "signaturepad"

    /// A short English name for tables and messages.
    public var description: String {
        switch self {
        case .smartCardReader: "smart-card reader"
        case .receiptPrinter: "receipt printer"
        case .paymentTerminal: "payment terminal"
        case .signaturePad: "signature pad"
        }
    }
}
