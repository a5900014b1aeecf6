/// A BER-TLV tag inside the ZVT TLV container (BMP 06), e.g. `07` text line, `1F73` sequence ID.
///
/// The raw value holds the tag bytes big-endian (at most 4). Bit 6 of the first byte marks a
/// constructed tag, whose value is itself a TLV list.
public struct ZVTTLVTag: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The tag bytes, big-endian (`0x1F73`).
    public var rawValue: UInt32

    /// Creates a tag from its bytes read as a big-endian number.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The tag bytes as sent (`[0x1F, 0x73]`).
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        var value = rawValue
        repeat {
            bytes.insert(UInt8(value & 0xFF), at: 0)
            value >>= 8
        } while value != 0
        return bytes
    }

    /// Whether the value is a nested TLV list (bit 6 of the first byte).
    public var isConstructed: Bool { (bytes.first ?? 0) & 0x20 != 0 }

    /// `07` text line.
    public static let textLine = ZVTTLVTag(rawValue: 0x07)
    /// `09` text attribute.
    public static let attribute = ZVTTLVTag(rawValue: 0x09)
    /// `0A` one permitted ZVT command (inside 26).
    public static let permittedCommand = ZVTTLVTag(rawValue: 0x0A)
    /// `12` characters per printer line.
    public static let printerLineWidth = ZVTTLVTag(rawValue: 0x12)
    /// `14` ISO character set (00 ASCII, 01 ISO 8859-1, FE UTF-8, FF CP437).
    public static let characterSet = ZVTTLVTag(rawValue: 0x14)
    /// `24` display texts (constructed: 07 lines).
    public static let displayTexts = ZVTTLVTag(rawValue: 0x24)
    /// `25` print texts (constructed: 09 attribute, 07 lines).
    public static let printTexts = ZVTTLVTag(rawValue: 0x25)
    /// `26` list of permitted ZVT commands (constructed: 0A).
    public static let permittedCommands = ZVTTLVTag(rawValue: 0x26)
    /// `27` list of supported character sets.
    public static let supportedCharacterSets = ZVTTLVTag(rawValue: 0x27)
    /// `1F07` receipt type (01 merchant, 02 customer, 03 administration).
    public static let receiptType = ZVTTLVTag(rawValue: 0x1F07)
    /// `1F10` cardholder authentication (CVM).
    public static let cardholderAuthentication = ZVTTLVTag(rawValue: 0x1F10)
    /// `1F12` card technology (00 magstripe, 01 chip, 02 contactless).
    public static let cardTechnology = ZVTTLVTag(rawValue: 0x1F12)
    /// `1F16` extended error code.
    public static let extendedErrorCode = ZVTTLVTag(rawValue: 0x1F16)
    /// `1F17` extended error text.
    public static let extendedErrorText = ZVTTLVTag(rawValue: 0x1F17)
    /// `1F1F` receipt number of the last Status Information (synchronisation, PA00P015 §4).
    public static let syncReceiptNumber = ZVTTLVTag(rawValue: 0x1F1F)
    /// `1F73` sequence ID (PA00P015 §5).
    public static let sequenceID = ZVTTLVTag(rawValue: 0x1F73)
    /// `5A` application PAN (EMV): masked in output like BMP 22.
    public static let applicationPAN = ZVTTLVTag(rawValue: 0x5A)

    /// How a tag's value is shown; secrets are never shown.
    public enum Rendering: Sendable, Hashable {
        /// Text in the terminal's character set.
        case text
        /// A big-endian number.
        case number
        /// BCD digits.
        case bcd
        /// A ZVT command (`06 D3`).
        case command
        /// A PAN in BCD: masked to first 6 / last 4 at most.
        case pan
        /// Track or other card data: redacted entirely.
        case secret
        /// Hex bytes.
        case hex
    }

    /// The English name, or `nil` for tags not in our list.
    public var name: String? { Self.known[rawValue]?.name }

    /// How the value is shown.
    public var rendering: Rendering { Self.known[rawValue]?.rendering ?? .hex }

    /// `1F10` or `1F10 Cardholder authentication`.
    public var description: String {
        let hex = bytes.map { ZVTBCD.hex($0) }.joined()
        return name.map { "\(hex) \($0)" } ?? hex
    }

    /// Orders by raw value.
    public static func < (lhs: ZVTTLVTag, rhs: ZVTTLVTag) -> Bool { lhs.rawValue < rhs.rawValue }

    private static let known: [UInt32: (name: String, rendering: Rendering)] = [
        0x07: ("Text line", .text), 0x08: ("Receipt text", .text), 0x09: ("Attribute", .hex),
        0x0A: ("Permitted ZVT command", .command), 0x10: ("Merchant display size", .hex),
        0x11: ("Customer display size", .hex), 0x12: ("Printer line width", .number),
        0x14: ("Character set", .hex), 0x15: ("Language code", .text), 0x1A: ("Max. APDU length", .number),
        0x24: ("Display texts", .hex), 0x25: ("Print texts", .hex), 0x26: ("Permitted ZVT commands", .hex),
        0x27: ("Supported character sets", .hex), 0x28: ("Supported languages", .hex),
        0x2F: ("Payment type", .hex), 0x40: ("EMV configuration parameter", .hex), 0x41: ("Card type ID", .hex),
        0x45: ("Receipt parameter (EMV)", .hex), 0x60: ("Application", .hex),
        0x1F04: ("Receipt parameter", .hex), 0x1F05: ("Transaction parameter", .hex),
        0x1F07: ("Receipt type", .hex), 0x1F10: ("Cardholder authentication", .hex),
        0x1F11: ("Online flag", .hex), 0x1F12: ("Card technology", .hex),
        0x1F16: ("Extended error code", .hex), 0x1F17: ("Extended error text", .text),
        0x1F1F: ("Receipt number of last status information", .bcd), 0x1F37: ("Receipt information", .hex),
        0x1F73: ("Sequence ID", .hex),
        // EMV card data: never shown in full.
        0x5A: ("Application PAN", .pan), 0x56: ("Track 1 equivalent data", .secret),
        0x57: ("Track 2 equivalent data", .secret), 0x5F20: ("Cardholder name", .secret),
        0x9F1F: ("Track 1 discretionary data", .secret), 0x9F20: ("Track 2 discretionary data", .secret),
        0x9F6B: ("Track 2 data", .secret),
    ]
}
