/// One decoded element of a ZVT message: a BMP field, or a positional field that some messages
/// carry before their BMPs (the password of `06 00`, the status byte of `04 FF`).
public struct ZVTField: Sendable, Hashable, CustomStringConvertible {
    /// Which element this is.
    public enum ID: Sendable, Hashable {
        /// A BMP field.
        case bmp(ZVTBMP)
        /// The 3-byte BCD password at the start of `06 00`, `05 01`, `06 30`, `06 31`, `06 50`, ...
        case password
        /// The config byte of Registration `06 00`.
        case configByte
        /// A currency code without BMP prefix (Registration; Abort/refusal with result 6F).
        case currencyCode
        /// The status byte of Intermediate Status `04 FF`.
        case intermediateStatus
        /// The display timeout of `04 FF` in minutes (1 byte BCD; re-arms T4).
        case statusTimeout
        /// A result code without BMP prefix (Abort `06 1E`, refusal data).
        case resultCode
        /// The attribute byte of Print Line `06 D1`.
        case printAttribute
        /// The text of Print Line `06 D1`.
        case printText
        /// The software version (LLLVAR) in the completion of a Status Enquiry.
        case softwareVersion
        /// The terminal status byte in the completion of a Status Enquiry.
        case terminalStatus
        /// Data of a message type we do not know, kept as bytes.
        case rawData
    }

    /// Which element this is.
    public var id: ID
    /// Offset of the field's first byte (the BMP number for BMP fields) from the APDU's class byte.
    public var offset: Int
    /// The decoded value.
    public var value: ZVTFieldValue

    /// Creates a field.
    public init(_ id: ID, offset: Int = 0, value: ZVTFieldValue) {
        self.id = id
        self.offset = offset
        self.value = value
    }

    /// The BMP number, or `nil` for positional fields.
    public var bmp: ZVTBMP? {
        if case .bmp(let bmp) = id { return bmp }
        return nil
    }

    /// The field's English name.
    public var name: String {
        switch id {
        case .bmp(let bmp): bmp.name
        case .password: "Password"
        case .configByte: "Config byte"
        case .currencyCode: "Currency code"
        case .intermediateStatus: "Intermediate status"
        case .statusTimeout: "Display timeout (minutes)"
        case .resultCode: "Result code"
        case .printAttribute: "Print attributes"
        case .printText: "Text"
        case .softwareVersion: "Software version"
        case .terminalStatus: "Terminal status"
        case .rawData: "Data"
        }
    }

    /// `04 Amount: 12.50` or `Password: ******`; secrets and PANs masked.
    public var description: String {
        bmp.map { "\($0) \(name): \(value)" } ?? "\(name): \(value)"
    }
}

/// The typed value of a ZVT field. ``description`` masks PANs and hides secrets.
public enum ZVTFieldValue: Sendable, Hashable, CustomStringConvertible {
    /// An amount in cents (BMP 04).
    case amount(Int)
    /// A BCD number (trace, receipt, turnover record, card sequence number).
    case number(Int)
    /// BCD digits kept as text, leading zeros included (terminal ID).
    case digits(String)
    /// An ISO 4217 numeric currency code (978 = EUR).
    case currency(Int)
    /// A time of day (BMP 0C).
    case time(hour: Int, minute: Int, second: Int)
    /// A day without year (BMP 0D).
    case date(month: Int, day: Int)
    /// A date with a two-digit year (BMP AA).
    case fullDate(year: Int, month: Int, day: Int)
    /// A card's expiry month (BMP 0E).
    case expiryDate(year: Int, month: Int)
    /// One binary byte: bit field, type or small number.
    case byte(UInt8)
    /// A result code.
    case resultCode(ZVTResultCode)
    /// A ZVT card type.
    case cardType(ZVTCardType)
    /// An intermediate status.
    case intermediateStatus(ZVTIntermediateStatus)
    /// A terminal status.
    case terminalStatus(ZVTTerminalStatus)
    /// A card number, shown masked.
    case pan(ZVTPAN)
    /// Text, decoded with the terminal's character set.
    case text(String)
    /// Opaque bytes.
    case binary([UInt8])
    /// Bytes never shown (password, track data).
    case secret(ZVTSecret)
    /// The TLV container's objects.
    case tlv([ZVTTLV])
    /// A BCD field of all-F nibbles (`87 FF FF`): the terminal has no value to give.
    case noValue

    /// The value for humans; PANs masked, secrets as `******`, TLV as an object count.
    public var description: String {
        switch self {
        case .amount(let cents): Self.formatCents(cents)
        case .number(let number): String(number)
        case .digits(let digits): digits
        case .currency(let code): Self.currencyNames[code].map { "\(code) \($0)" } ?? String(code)
        case .time(let hour, let minute, let second): "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))"
        case .date(let month, let day): "\(Self.two(day)).\(Self.two(month))."
        case .fullDate(let year, let month, let day): "20\(Self.two(year))-\(Self.two(month))-\(Self.two(day))"
        case .expiryDate(let year, let month): "\(Self.two(month))/\(Self.two(year))"
        case .byte(let byte): "\(ZVTBCD.hex(byte)) (\(byte))"
        case .resultCode(let code): code.description
        case .cardType(let type): type.description
        case .intermediateStatus(let status): status.description
        case .terminalStatus(let status): status.description
        case .pan(let pan): pan.masked
        case .text(let text): "\"\(Self.displayed(text))\""
        case .binary(let bytes): bytes.isEmpty ? "(empty)" : ZVTBCD.hex(bytes)
        case .secret(let secret): secret.description
        case .tlv(let objects): "\(objects.count) TLV object\(objects.count == 1 ? "" : "s")"
        case .noValue: "(no value)"
        }
    }

    /// Free text as one line with card numbers masked (``CardDataRedactor``): terminals put full
    /// PANs into BMP 3C, 8B and print lines; line breaks show as `\n`.
    static func displayed(_ text: String) -> String {
        let redacted = CardDataRedactor.redact(text)
        guard redacted.contains("\n") else { return redacted }
        return String(redacted.flatMap { $0 == "\n" ? ["\\", "n"] : [$0] as [Character] })
    }

    /// `1250` → `12.50`.
    static func formatCents(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        return "\(sign)\(magnitude / 100).\(two(Int(magnitude % 100)))"
    }

    private static func two(_ value: Int) -> String { value < 10 && value >= 0 ? "0\(value)" : String(value) }

    private static let currencyNames: [Int: String] = [978: "EUR", 756: "CHF", 840: "USD", 826: "GBP", 203: "CZK", 985: "PLN", 208: "DKK"]
}
