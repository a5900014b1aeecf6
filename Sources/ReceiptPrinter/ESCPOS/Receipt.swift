/// A receipt as a document: settings and elements, independent of the printer.
///
/// ``ESCPOSEncoder`` turns it into printer bytes for one ``PrinterProfile``; ``ReceiptJSON``
/// reads and writes the JSON form documented in `docs/receipt-format.md`.
public struct Receipt: Sendable, Hashable {
    /// The printer font for the whole receipt (font B fits more characters per line).
    public var font: ReceiptFont
    /// The code page to print in, or `nil` for the profile's preferred one.
    public var codePage: CodePage?
    /// The content, top to bottom.
    public var elements: [ReceiptElement]

    /// Creates a receipt.
    public init(font: ReceiptFont = .a, codePage: CodePage? = nil, elements: [ReceiptElement]) {
        self.font = font
        self.codePage = codePage
        self.elements = elements
    }
}

/// The printer's resident fonts.
public enum ReceiptFont: String, Sendable, Hashable, Codable, CaseIterable {
    /// Font A (12×24 dots on 203 dpi printers): 48 characters on 80 mm paper.
    case a = "A"
    /// Font B (9×17 or 9×24 dots): 64 characters on 80 mm paper.
    case b = "B"
}
