import Foundation

/// The JSON form of an element: an object with a `type` and that type's keys.
extension ReceiptElement: Codable {
    /// The keys each element type accepts (besides `type`).
    static let keysByType: [String: [String]] = [
        "text": ["text", "align"] + styleKeys,
        "row": ["label", "amount"] + styleKeys,
        "rule": ["char"],
        "barcode": ["symbology", "data", "codeSet", "height", "moduleWidth", "hri", "align"],
        "qr": ["data", "errorCorrection", "moduleSize", "align"],
        "image": ["width", "height", "pixels", "dither", "align"],
        "feed": ["lines"],
        "cut": ["mode"],
        "drawer": ["pin", "onMs", "offMs"],
    ]
    private static let styleKeys = ["bold", "underline", "doubleWidth", "doubleHeight", "inverse"]
    private static let typeOrder = ["text", "row", "rule", "barcode", "qr", "image", "feed", "cut", "drawer"]

    /// Reads one element; see `docs/receipt-format.md` for the keys of each type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let type = try container.required(String.self, "type")
        guard let allowed = Self.keysByType[type] else {
            throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("type")),
                               message: "unknown element type \"\(type)\"",
                               remedy: "Use one of " + Self.typeOrder.map { "\"\($0)\"" }.joined(separator: ", ") + ".")
        }
        try container.rejectUnknownKeys(["type"] + allowed, in: "a \(type) element")
        switch type {
        case "text":
            self = .text(try container.required(String.self, "text"), style: try Self.style(container),
                         alignment: try container.optionalEnum(TextAlignment.self, "align") ?? .left)
        case "row":
            self = .row(label: try container.required(String.self, "label"), amount: try container.required(String.self, "amount"),
                        style: try Self.style(container))
        case "rule":
            let text = try container.optional(String.self, "char") ?? "-"
            guard text.count == 1, let character = text.first else {
                throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("char")),
                                   message: "a rule needs exactly one character, got \"\(text)\"", remedy: "Use e.g. \"-\", \"=\" or \"*\".")
            }
            self = .rule(character)
        case "barcode":
            self = .barcode(try Self.barcode(container))
        case "qr":
            let data = try container.required(String.self, "data")
            let level = try container.optionalEnum(QRCode.ErrorCorrection.self, "errorCorrection") ?? .medium
            let moduleSize = try container.optional(Int.self, "moduleSize") ?? 6
            let alignment = try container.optionalEnum(TextAlignment.self, "align") ?? .center
            self = .qrCode(try container.checked { () throws(ReceiptError) in
                try QRCode(data, errorCorrection: level, moduleSize: moduleSize, alignment: alignment)
            })
        case "image":
            self = .image(try Self.image(container))
        case "feed":
            let lines = try container.optional(Int.self, "lines") ?? 1
            guard (1...255).contains(lines) else {
                throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("lines")),
                                   message: "feed of \(lines) lines is outside 1...255", remedy: "Feed between 1 and 255 lines.")
            }
            self = .feed(lines: lines)
        case "cut":
            self = .cut(try container.optionalEnum(CutMode.self, "mode") ?? .partial)
        default:  // "drawer"
            let pinNumber = try container.optional(Int.self, "pin") ?? 2
            guard let pin = DrawerPin(rawValue: pinNumber) else {
                throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("pin")),
                                   message: "drawer pin \(pinNumber) does not exist", remedy: "Use pin 2 (first drawer) or 5 (second drawer).")
            }
            let on = try container.optional(Int.self, "onMs") ?? 100
            let off = try container.optional(Int.self, "offMs") ?? 500
            self = .drawerPulse(try container.checked { () throws(ReceiptError) in
                try DrawerPulse(pin: pin, onMilliseconds: on, offMilliseconds: off)
            })
        }
    }

    private static func style(_ container: KeyedDecodingContainer<AnyCodingKey>) throws -> TextStyle {
        TextStyle(bold: try container.optional(Bool.self, "bold") ?? false,
                  underline: try container.optional(Bool.self, "underline") ?? false,
                  doubleWidth: try container.optional(Bool.self, "doubleWidth") ?? false,
                  doubleHeight: try container.optional(Bool.self, "doubleHeight") ?? false,
                  inverse: try container.optional(Bool.self, "inverse") ?? false)
    }

    /// The `symbology` values.
    private enum Symbology: String, CaseIterable {
        /// EAN-13.
        case ean13
        /// CODE128.
        case code128
    }

    private static func barcode(_ container: KeyedDecodingContainer<AnyCodingKey>) throws -> Barcode {
        guard let symbology = try container.optionalEnum(Symbology.self, "symbology") else {
            throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("symbology")),
                               message: "a barcode needs a symbology", remedy: "Add \"symbology\": \"ean13\" or \"code128\".")
        }
        let data = try container.required(String.self, "data")
        let height = try container.optional(Int.self, "height") ?? 80
        let moduleWidth = try container.optional(Int.self, "moduleWidth") ?? 2
        let hri = try container.optionalEnum(Barcode.HRIPosition.self, "hri") ?? .below
        let alignment = try container.optionalEnum(TextAlignment.self, "align") ?? .center
        let codeSet = try container.optionalEnum(Code128CodeSet.self, "codeSet")
        switch symbology {
        case .ean13:
            if codeSet != nil {
                throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("codeSet")),
                                   message: "codeSet applies only to code128", remedy: "Remove codeSet from the EAN-13 barcode.")
            }
            return try container.checked { () throws(ReceiptError) in
                try Barcode.ean13(data, height: height, moduleWidth: moduleWidth, hri: hri, alignment: alignment)
            }
        case .code128:
            return try container.checked { () throws(ReceiptError) in
                try Barcode.code128(data, codeSet: codeSet ?? .b, height: height, moduleWidth: moduleWidth, hri: hri, alignment: alignment)
            }
        }
    }

    private static func image(_ container: KeyedDecodingContainer<AnyCodingKey>) throws -> ReceiptImage {
        let width = try container.required(Int.self, "width")
        let height = try container.required(Int.self, "height")
        let base64 = try container.required(String.self, "pixels").filter { !$0.isWhitespace }
        guard let pixels = Data(base64Encoded: base64) else {
            throw ReceiptError(path: CodingPathFormatter.string(container.codingPath, AnyCodingKey("pixels")),
                               message: "image pixels are not valid base64",
                               remedy: "Give the grayscale bytes (one per pixel, 0 black … 255 white) in standard base64, e.g. from `base64 -w0`.")
        }
        let image = try container.checked { () throws(ReceiptError) in
            try GrayscaleImage(width: width, height: height, pixels: [UInt8](pixels))
        }
        return ReceiptImage(image, dither: try container.optionalEnum(DitherMethod.self, "dither") ?? .floydSteinberg,
                            alignment: try container.optionalEnum(TextAlignment.self, "align") ?? .center)
    }

    /// Writes the element in the documented JSON form; keys with default values are left out
    /// where the default is "off".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        func put<T: Encodable>(_ value: T, _ key: String) throws { try container.encode(value, forKey: AnyCodingKey(key)) }
        func putStyle(_ style: TextStyle) throws {
            for (key, on) in [("bold", style.bold), ("underline", style.underline), ("doubleWidth", style.doubleWidth),
                              ("doubleHeight", style.doubleHeight), ("inverse", style.inverse)] where on {
                try put(true, key)
            }
        }
        try put(typeName, "type")
        switch self {
        case .text(let text, let style, let alignment):
            try put(text, "text")
            try put(alignment, "align")
            try putStyle(style)
        case .row(let label, let amount, let style):
            try put(label, "label")
            try put(amount, "amount")
            try putStyle(style)
        case .rule(let character):
            try put(String(character), "char")
        case .barcode(let barcode):
            switch barcode.symbol {
            case .ean13(let digits):
                try put("ean13", "symbology")
                try put(digits, "data")
            case .code128(let data, let codeSet):
                try put("code128", "symbology")
                try put(data, "data")
                try put(codeSet, "codeSet")
            }
            try put(barcode.height, "height")
            try put(barcode.moduleWidth, "moduleWidth")
            try put(barcode.hri, "hri")
            try put(barcode.alignment, "align")
        case .qrCode(let code):
            try put(code.data, "data")
            try put(code.errorCorrection, "errorCorrection")
            try put(code.moduleSize, "moduleSize")
            try put(code.alignment, "align")
        case .image(let element):
            try put(element.image.width, "width")
            try put(element.image.height, "height")
            try put(Data(element.image.pixels).base64EncodedString(), "pixels")
            try put(element.dither, "dither")
            try put(element.alignment, "align")
        case .feed(let lines):
            try put(lines, "lines")
        case .cut(let mode):
            try put(mode, "mode")
        case .drawerPulse(let pulse):
            try put(pulse.pin, "pin")
            try put(pulse.onMilliseconds, "onMs")
            try put(pulse.offMilliseconds, "offMs")
        }
    }
}
