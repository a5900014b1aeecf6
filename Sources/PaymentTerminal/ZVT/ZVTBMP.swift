/// A ZVT bitmap (BMP) number: the one-byte id in front of each field (`04` amount, `22` PAN).
///
/// Any byte can be constructed, but only numbers with a ``definition`` can be decoded: a BMP's length
/// is known only from the table, so an unknown BMP stops parsing with an error.
public struct ZVTBMP: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The BMP number.
    public var rawValue: UInt8

    /// Creates a BMP number.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 01 timeout in seconds (binary).
    public static let timeout = ZVTBMP(rawValue: 0x01)
    /// 02 maximum number of status informations (binary).
    public static let maxStatusInfos = ZVTBMP(rawValue: 0x02)
    /// 03 service byte (bit field).
    public static let serviceByte = ZVTBMP(rawValue: 0x03)
    /// 04 amount in cents (6 bytes BCD).
    public static let amount = ZVTBMP(rawValue: 0x04)
    /// 06 TLV container (BER length).
    public static let tlv = ZVTBMP(rawValue: 0x06)
    /// 0B trace number (3 bytes BCD).
    public static let traceNumber = ZVTBMP(rawValue: 0x0B)
    /// 0C time HHMMSS (3 bytes BCD).
    public static let time = ZVTBMP(rawValue: 0x0C)
    /// 0D date MMDD (2 bytes BCD).
    public static let date = ZVTBMP(rawValue: 0x0D)
    /// 0E expiry date YYMM (2 bytes BCD).
    public static let expiryDate = ZVTBMP(rawValue: 0x0E)
    /// 17 card sequence number (2 bytes BCD).
    public static let cardSequenceNumber = ZVTBMP(rawValue: 0x17)
    /// 19 payment type / status byte (binary).
    public static let paymentType = ZVTBMP(rawValue: 0x19)
    /// 22 PAN or EF_ID (LLVAR BCD, `E` masked digit, `F` fill); always masked in output.
    public static let pan = ZVTBMP(rawValue: 0x22)
    /// 27 result code (binary).
    public static let resultCode = ZVTBMP(rawValue: 0x27)
    /// 29 terminal ID (4 bytes BCD).
    public static let terminalID = ZVTBMP(rawValue: 0x29)
    /// 2A VU number (15 bytes ASCII).
    public static let vuNumber = ZVTBMP(rawValue: 0x2A)
    /// 3B AID authorisation attribute (8 bytes).
    public static let aid = ZVTBMP(rawValue: 0x3B)
    /// 3C additional data / text (LLLVAR).
    public static let additionalText = ZVTBMP(rawValue: 0x3C)
    /// 49 currency code (2 bytes BCD, ISO 4217 numeric: `09 78` EUR).
    public static let currencyCode = ZVTBMP(rawValue: 0x49)
    /// 87 receipt number (2 bytes BCD).
    public static let receiptNumber = ZVTBMP(rawValue: 0x87)
    /// 88 turnover record number (3 bytes BCD).
    public static let turnoverNumber = ZVTBMP(rawValue: 0x88)
    /// 8A card type (binary, ZVT card-type list).
    public static let cardType = ZVTBMP(rawValue: 0x8A)
    /// 8B card name (LLVAR text).
    public static let cardName = ZVTBMP(rawValue: 0x8B)
    /// A0 result code of the authorisation system (binary).
    public static let hostResultCode = ZVTBMP(rawValue: 0xA0)

    /// The table entry, or `nil` for a number the table does not know.
    public var definition: ZVTBMPDefinition? { ZVTBMPDefinition.table[rawValue] }

    /// The name from the table, or `BMP xx`.
    public var name: String { definition?.name ?? "BMP \(ZVTBCD.hex(rawValue))" }

    /// The number in hex (`04`).
    public var description: String { ZVTBCD.hex(rawValue) }

    /// Orders by number.
    public static func < (lhs: ZVTBMP, rhs: ZVTBMP) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One row of the BMP table (PA00P015 §13): number, name, length form and content.
public struct ZVTBMPDefinition: Sendable, Hashable {
    /// How the field's length is known.
    public enum Length: Sendable, Hashable, CustomStringConvertible {
        /// Always this many bytes.
        case fixed(Int)
        /// Two `Fx` bytes give the length 0–99 (`F1 F2` = 12).
        case llvar
        /// Three `Fx` bytes give the length 0–999.
        case lllvar
        /// A BER length (`nn`, `81 nn`, `82 hi lo`): the TLV container, BMP 06.
        case ber

        /// `6`, `LLVAR`, `LLLVAR` or `BER`.
        public var description: String {
            switch self {
            case .fixed(let count): "\(count)"
            case .llvar: "LLVAR"
            case .lllvar: "LLLVAR"
            case .ber: "BER"
            }
        }
    }

    /// What the bytes mean, which decides the decoded value's type.
    public enum Content: Sendable, Hashable {
        /// BCD amount in cents → ``ZVTFieldValue/amount(_:)``.
        case amount
        /// BCD number (trace, receipt) → ``ZVTFieldValue/number(_:)``.
        case number
        /// BCD digits kept as text (terminal ID) → ``ZVTFieldValue/digits(_:)``.
        case digits
        /// BCD HHMMSS → ``ZVTFieldValue/time(hour:minute:second:)``.
        case time
        /// BCD MMDD → ``ZVTFieldValue/date(month:day:)``.
        case date
        /// BCD YYMMDD → ``ZVTFieldValue/fullDate(year:month:day:)``.
        case fullDate
        /// BCD YYMM → ``ZVTFieldValue/expiryDate(year:month:)``.
        case expiryDate
        /// BCD ISO 4217 number → ``ZVTFieldValue/currency(_:)``.
        case currency
        /// BCD PAN with `E` masking and `F` fill → ``ZVTFieldValue/pan(_:)``.
        case pan
        /// Result code → ``ZVTFieldValue/resultCode(_:)``.
        case resultCode
        /// ZVT card type → ``ZVTFieldValue/cardType(_:)``.
        case cardType
        /// One binary byte (bit field or small number) → ``ZVTFieldValue/byte(_:)``.
        case byte
        /// Text in the terminal's character set → ``ZVTFieldValue/text(_:)``.
        case text
        /// Printable ASCII (VU number) → ``ZVTFieldValue/text(_:)``.
        case ascii
        /// Opaque bytes → ``ZVTFieldValue/binary(_:)``.
        case binary
        /// Card or PIN secrets (track data, CVV, password): kept, never shown → ``ZVTFieldValue/secret(_:)``.
        case secret
        /// The TLV container → ``ZVTFieldValue/tlv(_:)``.
        case tlv

        /// Whether the field holds BCD, so all-F nibbles mean "no value" (``ZVTFieldValue/noValue``).
        public var isBCD: Bool {
            switch self {
            case .amount, .number, .digits, .time, .date, .fullDate, .expiryDate, .currency: true
            default: false
            }
        }
    }

    /// The encoding family, as the specification's table names it.
    public enum Encoding: String, Sendable, Hashable {
        /// Packed BCD.
        case bcd = "BCD"
        /// Binary.
        case binary = "binary"
        /// ASCII.
        case ascii = "ASCII"
        /// Text in the terminal's character set.
        case text = "text"
        /// BER-TLV.
        case tlv = "TLV"
    }

    /// The BMP number.
    public var bmp: ZVTBMP
    /// The field's English name.
    public var name: String
    /// How the length is known.
    public var length: Length
    /// What the bytes mean.
    public var content: Content

    /// Creates a table row.
    public init(bmp: ZVTBMP, name: String, length: Length, content: Content) {
        self.bmp = bmp
        self.name = name
        self.length = length
        self.content = content
    }

    /// The encoding family of ``content``.
    public var encoding: Encoding {
        switch content {
        case .amount, .number, .digits, .time, .date, .fullDate, .expiryDate, .currency, .pan: .bcd
        case .resultCode, .cardType, .byte, .binary, .secret: .binary
        case .ascii: .ascii
        case .text: .text
        case .tlv: .tlv
        }
    }

    /// Every known BMP, by number.
    public static let table: [UInt8: ZVTBMPDefinition] = Dictionary(
        all.map { ($0.bmp.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
}
