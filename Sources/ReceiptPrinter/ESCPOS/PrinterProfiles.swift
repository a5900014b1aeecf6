extension PrinterProfile {
    /// Epson-compatible code pages: PC437 (`ESC t 0`), ISO 8859-7 (15), WPC1252 (16), PC858 (19),
    /// ISO 8859-15 (40).
    private static let epsonCodePages = [CodePageSlot(.pc437, 0), CodePageSlot(.iso8859_7, 15), CodePageSlot(.wpc1252, 16),
                                         CodePageSlot(.pc858, 19), CodePageSlot(.iso8859_15, 40)]
    /// Star Line Mode code pages (`ESC GS t n`): PC437 (1), PC858 (4), WPC1252 (32).
    private static let starCodePages = [CodePageSlot(.pc437, 1), CodePageSlot(.pc858, 4), CodePageSlot(.wpc1252, 32)]

    /// Epson TM-T20 (II/III): 80 mm paper, 576 dots (72 mm), 48/64 characters.
    public static let epsonTMT20 = PrinterProfile(
        id: "epson-tm-t20", displayName: "Epson TM-T20", paperWidthMillimetres: 80, printWidthDots: 576,
        charactersPerLineFontA: 48, charactersPerLineFontB: 64, dialect: .escpos, codePages: epsonCodePages,
        preferredCodePage: .pc858, features: PrinterFeatures(nativeQRCode: true, cutter: true, cashDrawer: true, rasterImages: true))

    /// Epson TM-T88 (IV/V/VI): 80 mm paper, 512 dots, 42/56 characters.
    public static let epsonTMT88 = PrinterProfile(
        id: "epson-tm-t88", displayName: "Epson TM-T88", paperWidthMillimetres: 80, printWidthDots: 512,
        charactersPerLineFontA: 42, charactersPerLineFontB: 56, dialect: .escpos, codePages: epsonCodePages,
        preferredCodePage: .pc858, features: PrinterFeatures(nativeQRCode: true, cutter: true, cashDrawer: true, rasterImages: true))

    /// Star TSP100 (TSP143IV class) in Star Line Mode: 80 mm paper, 576 dots, 48/64 characters.
    public static let starTSP100 = PrinterProfile(
        id: "star-tsp100", displayName: "Star TSP100", paperWidthMillimetres: 80, printWidthDots: 576,
        charactersPerLineFontA: 48, charactersPerLineFontB: 64, dialect: .starLine, codePages: starCodePages,
        preferredCodePage: .pc858, features: PrinterFeatures(nativeQRCode: true, cutter: true, cashDrawer: true, rasterImages: true))

    /// Star TSP650 (TSP650II class) in Star Line Mode: 80 mm paper, 576 dots, 48/64 characters.
    public static let starTSP650 = PrinterProfile(
        id: "star-tsp650", displayName: "Star TSP650", paperWidthMillimetres: 80, printWidthDots: 576,
        charactersPerLineFontA: 48, charactersPerLineFontB: 64, dialect: .starLine, codePages: starCodePages,
        preferredCodePage: .pc858, features: PrinterFeatures(nativeQRCode: true, cutter: true, cashDrawer: true, rasterImages: true))

    /// A generic 58 mm ESC/POS printer (POS-5890 and similar): 384 dots, 32/42 characters, no
    /// cutter, no drawer connector.
    public static let generic58mm = PrinterProfile(
        id: "generic-58mm", displayName: "Generic 58 mm ESC/POS", paperWidthMillimetres: 58, printWidthDots: 384,
        charactersPerLineFontA: 32, charactersPerLineFontB: 42, dialect: .escpos,
        codePages: [CodePageSlot(.pc437, 0), CodePageSlot(.wpc1252, 16), CodePageSlot(.pc858, 19)],
        preferredCodePage: .pc858, features: PrinterFeatures(nativeQRCode: true, cutter: false, cashDrawer: false, rasterImages: true))

    /// Every built-in profile.
    public static let builtIn: [PrinterProfile] = [epsonTMT20, epsonTMT88, starTSP100, starTSP650, generic58mm]

    /// The profile used when none is named.
    public static let `default` = epsonTMT20

    /// The built-in profile with this id, or `nil`.
    public static func named(_ id: String) -> PrinterProfile? {
        builtIn.first { $0.id == id.lowercased() }
    }
}
