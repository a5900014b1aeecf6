/// Horizontal placement of a line, barcode, QR code or image.
public enum TextAlignment: String, Sendable, Hashable, Codable, CaseIterable {
    /// Flush left (the default for text).
    case left
    /// Centred (the default for barcodes, QR codes and images).
    case center
    /// Flush right.
    case right
}

/// How text is printed: emphasis, underline, size and inverse.
public struct TextStyle: Sendable, Hashable {
    /// Emphasised (bold) print.
    public var bold: Bool
    /// A 1-dot underline.
    public var underline: Bool
    /// Characters twice as wide: half as many fit on a line.
    public var doubleWidth: Bool
    /// Characters twice as high.
    public var doubleHeight: Bool
    /// White on black.
    public var inverse: Bool

    /// Creates a style; the default is plain text.
    public init(bold: Bool = false, underline: Bool = false, doubleWidth: Bool = false, doubleHeight: Bool = false,
                inverse: Bool = false) {
        self.bold = bold
        self.underline = underline
        self.doubleWidth = doubleWidth
        self.doubleHeight = doubleHeight
        self.inverse = inverse
    }

    /// Plain text.
    public static let plain = TextStyle()
}
