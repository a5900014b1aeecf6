/// A QR code (model 2) that the printer draws itself (`GS ( k` on ESC/POS, `ESC GS y` on Star).
public struct QRCode: Sendable, Hashable {
    /// The text to encode, sent as UTF-8 bytes.
    public let data: String
    /// How much damage the code survives (and how much larger it gets).
    public let errorCorrection: ErrorCorrection
    /// Side of one module in dots (1...16 on ESC/POS, 1...8 on Star).
    public let moduleSize: Int
    /// Placement on the line.
    public let alignment: TextAlignment

    /// QR error-correction level.
    public enum ErrorCorrection: String, Sendable, Hashable, Codable, CaseIterable {
        /// About 7 % of the code can be restored.
        case low = "L"
        /// About 15 % (the default).
        case medium = "M"
        /// About 25 %.
        case quartile = "Q"
        /// About 30 %.
        case high = "H"

        /// The largest byte-mode payload of a version-40 symbol at this level.
        public var byteCapacity: Int {
            switch self {
            case .low: 2953
            case .medium: 2331
            case .quartile: 1663
            case .high: 1273
            }
        }
    }

    /// Creates a QR code; the data must be non-empty and fit a QR symbol at the chosen level.
    public init(_ data: String, errorCorrection: ErrorCorrection = .medium, moduleSize: Int = 6,
                alignment: TextAlignment = .center) throws(ReceiptError) {
        let length = data.utf8.count
        guard length > 0 else {
            throw ReceiptError(path: "data", message: "QR code data is empty", remedy: "Give the text or URL to encode.")
        }
        guard length <= errorCorrection.byteCapacity else {
            throw ReceiptError(path: "data", message: "QR code data is \(length) bytes; level \(errorCorrection.rawValue) holds at most \(errorCorrection.byteCapacity)",
                               remedy: "Shorten the data (a URL with an ID is enough) or choose a lower error-correction level.")
        }
        guard (1...16).contains(moduleSize) else {
            throw ReceiptError(path: "moduleSize", message: "QR module size \(moduleSize) is outside 1...16 dots",
                               remedy: "Use 3 to 8 dots per module; 6 prints a 25-module code about 19 mm wide.")
        }
        self.data = data
        self.errorCorrection = errorCorrection
        self.moduleSize = moduleSize
        self.alignment = alignment
    }
}
