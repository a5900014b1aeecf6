/// The JSON form of a receipt (`docs/receipt-format.md`): `version`, `font`, `codePage`, `elements`.
extension Receipt: Codable {
    /// The format version this code reads and writes.
    public static let formatVersion = 1

    private static let keys = ["version", "font", "codePage", "elements"]

    /// Reads a receipt; unknown keys and invalid values throw ``ReceiptError`` or `DecodingError`
    /// (use ``ReceiptJSON/decode(_:)`` to get every failure as a located ``ReceiptError``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        try container.rejectUnknownKeys(Self.keys, in: "the receipt")
        if let version = try container.optional(Int.self, "version"), version != Self.formatVersion {
            throw ReceiptError(path: "version", message: "receipt format version \(version) is not supported",
                               remedy: "Write version \(Self.formatVersion) receipts, or leave version out.")
        }
        self.init(font: try container.optionalEnum(ReceiptFont.self, "font") ?? .a,
                  codePage: try container.optionalEnum(CodePage.self, "codePage"),
                  elements: try container.required([ReceiptElement].self, "elements"))
    }

    /// Writes the receipt in the documented JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(Self.formatVersion, forKey: AnyCodingKey("version"))
        try container.encode(font, forKey: AnyCodingKey("font"))
        try container.encodeIfPresent(codePage, forKey: AnyCodingKey("codePage"))
        try container.encode(elements, forKey: AnyCodingKey("elements"))
    }
}
