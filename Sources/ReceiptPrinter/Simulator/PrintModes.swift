/// The modes a printer keeps between commands; `ESC @` restores these defaults.
struct PrintModes: Sendable {
    /// The power-on line feed in dots: 30 on ESC/POS printers, 32 (4 mm) on Star printers.
    var standardLineAdvance = 30
    var codePage: CodePage = .pc437
    var internationalSet: UInt8 = 0
    var bold = false
    var underline = 0
    var widthScale = 1
    var heightScale = 1
    var inverse = false
    var fontB = false
    var alignment = 0
    /// `nil`: the default line spacing of the font.
    var lineSpacing: Int?
    var characterSpacing = 0
    var leftMargin = 0
    var printAreaWidth: Int?
    var barcodeHeight = 162
    var barcodeModuleWidth = 3
    var hriPosition = 0
    var hriFontB = false
    var qrModuleSize = 3
    var qrLevel = QRCode.ErrorCorrection.low
    var qrData: [UInt8] = []
    var storedGraphics: (bitmap: MonochromeBitmap, scaleX: Int, scaleY: Int)?

    /// Character cell width and height in dots before scaling: font A 12×24, font B 9×17.
    var cell: (width: Int, height: Int) { fontB ? (9, 17) : (12, 24) }

    /// The feed of one line in dots.
    var lineAdvance: Int { lineSpacing ?? standardLineAdvance }

    /// The power-on modes of a printer of `profile`.
    static func powerOn(_ profile: PrinterProfile) -> PrintModes {
        PrintModes(standardLineAdvance: profile.dialect == .starLine ? 32 : 30)
    }

    /// Applies `ESC ! n`: font B (bit 0), bold (3), double height (4), double width (5), underline (7).
    mutating func applyPrintMode(_ bits: UInt8) {
        fontB = bits & 0x01 != 0
        bold = bits & 0x08 != 0
        heightScale = bits & 0x10 != 0 ? 2 : 1
        widthScale = bits & 0x20 != 0 ? 2 : 1
        underline = bits & 0x80 != 0 ? 1 : 0
    }

    /// The code page that `ESC t n` (ESC/POS) or `ESC GS t n` (Star) selects on `profile`: its own
    /// slots first, then the dialect's numbering; or `nil` with a reason.
    static func codePage(_ number: UInt8, profile: PrinterProfile) -> (page: CodePage?, note: String?) {
        if let slot = profile.codePages.first(where: { $0.number == number }) { return (slot.codePage, nil) }
        switch profile.dialect {
        case .escpos:
            switch number {
            case 0: return (.pc437, nil)
            case 2: return (.pc858, "ESC t 2 (PC850) is shown as PC858: byte 0xD5 prints € instead of ı")
            case 15: return (.iso8859_7, nil)
            case 16: return (.wpc1252, nil)
            case 19: return (.pc858, nil)
            case 40: return (.iso8859_15, nil)
            default: return (nil, "code page ESC t \(number) is not known for \(profile.displayName); text stays in the previous page")
            }
        case .starLine:
            switch number {
            case 0, 1, 3: return (.pc437, nil)
            case 4: return (.pc858, nil)
            case 32: return (.wpc1252, nil)
            default: return (nil, "code page ESC GS t \(number) is not known for \(profile.displayName); text stays in the previous page")
            }
        }
    }

    /// The character a text byte prints, through the international set (`ESC R 2`: German
    /// replacements) and the code page; U+FFFD for a byte the page leaves empty.
    func character(for byte: UInt8) -> Unicode.Scalar {
        if internationalSet == 2, let german = Self.german[byte] { return german }
        guard let character = codePage.character(for: byte), let scalar = character.unicodeScalars.first else { return "\u{FFFD}" }
        return scalar
    }

    private static let german: [UInt8: Unicode.Scalar] = [
        0x40: "§", 0x5B: "Ä", 0x5C: "Ö", 0x5D: "Ü", 0x7B: "ä", 0x7C: "ö", 0x7D: "ü", 0x7E: "ß",
    ]
}
