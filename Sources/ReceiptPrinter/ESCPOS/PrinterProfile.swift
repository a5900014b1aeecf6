/// What the encoder must know about a printer model: paper, dots, fonts, code pages, dialect and
/// features. Profiles are data; the built-in ones are in ``PrinterProfile/builtIn``.
public struct PrinterProfile: Sendable, Hashable, Codable, Identifiable {
    /// The name used with `--profile`, e.g. `epson-tm-t20`.
    public var id: String
    /// A human-readable model name.
    public var displayName: String
    /// Paper roll width in millimetres.
    public var paperWidthMillimetres: Int
    /// Printable width in dots (the widest raster image).
    public var printWidthDots: Int
    /// Characters per line in font A.
    public var charactersPerLineFontA: Int
    /// Characters per line in font B.
    public var charactersPerLineFontB: Int
    /// The command language the printer speaks.
    public var dialect: CommandDialect
    /// The code pages the printer has, each with the number that selects it.
    public var codePages: [CodePageSlot]
    /// The code page a receipt uses unless it names another.
    public var preferredCodePage: CodePage
    /// Optional hardware and firmware features.
    public var features: PrinterFeatures
    /// Lines fed before a "cut" on a printer without cutter, so the receipt clears the tear bar.
    public var tearOffFeedLines: Int

    /// Creates a profile.
    public init(id: String, displayName: String, paperWidthMillimetres: Int, printWidthDots: Int,
                charactersPerLineFontA: Int, charactersPerLineFontB: Int, dialect: CommandDialect,
                codePages: [CodePageSlot], preferredCodePage: CodePage, features: PrinterFeatures,
                tearOffFeedLines: Int = 4) {
        self.id = id
        self.displayName = displayName
        self.paperWidthMillimetres = paperWidthMillimetres
        self.printWidthDots = printWidthDots
        self.charactersPerLineFontA = charactersPerLineFontA
        self.charactersPerLineFontB = charactersPerLineFontB
        self.dialect = dialect
        self.codePages = codePages
        self.preferredCodePage = preferredCodePage
        self.features = features
        self.tearOffFeedLines = tearOffFeedLines
    }

    /// Characters per line in `font`.
    public func charactersPerLine(_ font: ReceiptFont) -> Int {
        font == .a ? charactersPerLineFontA : charactersPerLineFontB
    }

    /// The number that selects `page` on this printer, or `nil` if the printer lacks it.
    public func number(of page: CodePage) -> UInt8? {
        codePages.first { $0.codePage == page }?.number
    }
}

/// A code page and the number that selects it (`ESC t n` or Star `ESC GS t n`).
public struct CodePageSlot: Sendable, Hashable, Codable {
    /// The table.
    public var codePage: CodePage
    /// The selector value `n`.
    public var number: UInt8

    /// Creates a slot.
    public init(_ codePage: CodePage, _ number: UInt8) {
        self.codePage = codePage
        self.number = number
    }
}

/// The command language of a printer.
public enum CommandDialect: String, Sendable, Hashable, Codable, CaseIterable {
    /// Epson ESC/POS and its clones (Bixolon, Citizen, Custom, most 58 mm printers).
    case escpos
    /// Star Line Mode (Star TSP100/TSP650 and other Star models in their native mode).
    case starLine
}

/// Optional features of a printer model.
public struct PrinterFeatures: Sendable, Hashable, Codable {
    /// The printer draws QR codes itself (`GS ( k` / `ESC GS y`).
    public var nativeQRCode: Bool
    /// The printer has an autocutter.
    public var cutter: Bool
    /// The printer has a cash-drawer kick-out connector.
    public var cashDrawer: Bool
    /// The printer prints raster images.
    public var rasterImages: Bool

    /// Creates a feature set.
    public init(nativeQRCode: Bool, cutter: Bool, cashDrawer: Bool, rasterImages: Bool) {
        self.nativeQRCode = nativeQRCode
        self.cutter = cutter
        self.cashDrawer = cashDrawer
        self.rasterImages = rasterImages
    }
}
