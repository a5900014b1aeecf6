/// A one-dimensional barcode printed by the printer itself (`GS k` on ESC/POS, `ESC b` on Star).
///
/// Create one with ``ean13(_:height:moduleWidth:hri:alignment:)`` or
/// ``code128(_:codeSet:height:moduleWidth:hri:alignment:)``; both check the data.
public struct Barcode: Sendable, Hashable {
    /// The symbology and its checked data.
    public let symbol: Symbol
    /// Bar height in dots (1...255).
    public let height: Int
    /// Width of the narrowest bar in dots (2...6; Star printers take 2...4).
    public let moduleWidth: Int
    /// Where the human-readable digits go.
    public let hri: HRIPosition
    /// Placement on the line.
    public let alignment: TextAlignment

    /// A barcode symbology with data that has passed its checks.
    public enum Symbol: Sendable, Hashable {
        /// EAN-13: all 13 digits, the check digit verified or computed.
        case ean13(digits: String)
        /// CODE128 in one code set; `data` holds the characters to encode (for set C, an even
        /// number of digits).
        case code128(data: String, codeSet: Code128CodeSet)
    }

    /// Where the human-readable interpretation (HRI) is printed.
    public enum HRIPosition: String, Sendable, Hashable, Codable, CaseIterable {
        /// No text.
        case none
        /// Above the bars.
        case above
        /// Below the bars (the default).
        case below
        /// Above and below.
        case both
    }

    /// An EAN-13 barcode from 12 digits (the check digit is added) or 13 digits (the check digit
    /// must be right).
    public static func ean13(_ digits: String, height: Int = 80, moduleWidth: Int = 2, hri: HRIPosition = .below,
                             alignment: TextAlignment = .center) throws(ReceiptError) -> Barcode {
        let checked = try EAN13.complete(digits)
        return try Barcode(symbol: .ean13(digits: checked), height: height, moduleWidth: moduleWidth, hri: hri,
                           alignment: alignment)
    }

    /// A CODE128 barcode in `codeSet` (B by default: printable ASCII).
    public static func code128(_ data: String, codeSet: Code128CodeSet = .b, height: Int = 80, moduleWidth: Int = 2,
                               hri: HRIPosition = .below, alignment: TextAlignment = .center) throws(ReceiptError) -> Barcode {
        try codeSet.check(data)
        return try Barcode(symbol: .code128(data: data, codeSet: codeSet), height: height, moduleWidth: moduleWidth,
                           hri: hri, alignment: alignment)
    }

    private init(symbol: Symbol, height: Int, moduleWidth: Int, hri: HRIPosition, alignment: TextAlignment) throws(ReceiptError) {
        guard (1...255).contains(height) else {
            throw ReceiptError(path: "height", message: "barcode height \(height) is outside 1...255 dots",
                               remedy: "Use a height between 1 and 255 dots (80 is about 1 cm).")
        }
        guard (2...6).contains(moduleWidth) else {
            throw ReceiptError(path: "moduleWidth", message: "barcode module width \(moduleWidth) is outside 2...6 dots",
                               remedy: "Use a module width between 2 and 6 dots.")
        }
        self.symbol = symbol
        self.height = height
        self.moduleWidth = moduleWidth
        self.hri = hri
        self.alignment = alignment
    }
}

/// The CODE128 code set a barcode starts in (ESC/POS selector `{A`, `{B`, `{C`).
public enum Code128CodeSet: String, Sendable, Hashable, Codable, CaseIterable {
    /// Upper-case ASCII and control characters (0x00...0x5F).
    case a = "A"
    /// Printable ASCII (0x20...0x7E).
    case b = "B"
    /// Digit pairs 00...99: an even number of digits.
    case c = "C"

    /// Throws unless `data` can be encoded in this code set.
    func check(_ data: String) throws(ReceiptError) {
        let path = "data"
        guard !data.isEmpty else {
            throw ReceiptError(path: path, message: "CODE128 data is empty", remedy: "Give at least one character to encode.")
        }
        for (index, scalar) in data.unicodeScalars.enumerated() {
            let value = scalar.value
            let allowed: Bool
            switch self {
            case .a: allowed = value <= 0x5F
            case .b: allowed = (0x20...0x7E).contains(value)
            case .c: allowed = (0x30...0x39).contains(value)
            }
            guard allowed else {
                let hint: String
                switch self {
                case .a: hint = "Code set A takes ASCII 0x00...0x5F (upper case, digits, control characters); use code set B for lower case."
                case .b: hint = "Code set B takes printable ASCII only; transliterate umlauts (ü → ue) in barcode data."
                case .c: hint = "Code set C takes digits only; use code set B for letters."
                }
                throw ReceiptError(path: path, message: "character \(index + 1) (\(scalar.escaped(asASCII: true))) is not in CODE128 code set \(rawValue)",
                                   remedy: hint)
            }
        }
        if self == .c, data.unicodeScalars.count % 2 != 0 {
            throw ReceiptError(path: path, message: "CODE128 code set C needs an even number of digits, got \(data.unicodeScalars.count)",
                               remedy: "Add a leading 0 or use code set B.")
        }
        if data.unicodeScalars.count > 250 {
            throw ReceiptError(path: path, message: "CODE128 data has \(data.unicodeScalars.count) characters, more than a receipt can hold",
                               remedy: "Keep barcode data short (at most 250 characters; about 20 fit on 80 mm paper).")
        }
    }
}

/// EAN-13 check digit arithmetic.
public enum EAN13 {
    /// The check digit for the first 12 digits: weights 1, 3, 1, 3 … from the left.
    public static func checkDigit(_ twelveDigits: some Sequence<UInt8>) -> UInt8 {
        var sum = 0
        for (index, digit) in twelveDigits.enumerated() { sum += Int(digit) * (index % 2 == 0 ? 1 : 3) }
        return UInt8((10 - sum % 10) % 10)
    }

    /// All 13 digits: `digits` with its check digit appended (12 digits) or verified (13 digits).
    public static func complete(_ digits: String) throws(ReceiptError) -> String {
        let values = digits.unicodeScalars.map { $0.value }
        guard values.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ReceiptError(path: "data", message: "EAN-13 data \"\(digits)\" contains a character that is not a digit",
                               remedy: "Give 12 digits (the check digit is added) or 13 digits.")
        }
        let numbers = values.map { UInt8($0 - 0x30) }
        switch numbers.count {
        case 12:
            return digits + String(checkDigit(numbers))
        case 13:
            let expected = checkDigit(numbers.prefix(12))
            guard numbers[12] == expected else {
                throw ReceiptError(path: "data", message: "EAN-13 check digit of \(digits) is \(numbers[12]), expected \(expected)",
                                   remedy: "Correct the number, or give only the first 12 digits and let the check digit be computed.")
            }
            return digits
        default:
            throw ReceiptError(path: "data", message: "EAN-13 data has \(numbers.count) digits",
                               remedy: "Give 12 digits (the check digit is added) or 13 digits.")
        }
    }
}
