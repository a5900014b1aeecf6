import ReceiptPrinter
import Testing

@Suite("Printer profiles")
struct PrinterProfileTests {
    @Test("the built-in profiles and their key facts", arguments: [
        ("epson-tm-t20", 80, 576, 48, CommandDialect.escpos, UInt8(19)),
        ("epson-tm-t88", 80, 512, 42, .escpos, 19),
        ("star-tsp100", 80, 576, 48, .starLine, 4),
        ("star-tsp650", 80, 576, 48, .starLine, 4),
        ("generic-58mm", 58, 384, 32, .escpos, 19),
    ])
    func builtIn(id: String, paper: Int, dots: Int, columns: Int, dialect: CommandDialect, pc858: UInt8) throws {
        let profile = try #require(PrinterProfile.named(id))
        #expect(profile.paperWidthMillimetres == paper)
        #expect(profile.printWidthDots == dots)
        #expect(profile.charactersPerLine(.a) == columns)
        #expect(profile.charactersPerLine(.b) > columns)
        #expect(profile.dialect == dialect)
        #expect(profile.number(of: .pc858) == pc858)
        #expect(profile.number(of: profile.preferredCodePage) != nil)
        #expect(profile.number(of: .wpc1252) == (dialect == .escpos ? 16 : 32))
    }

    @Test("the default is the TM-T20, names are case-insensitive, unknown names give nil")
    func lookup() {
        #expect(PrinterProfile.default.id == "epson-tm-t20")
        #expect(PrinterProfile.named("Epson-TM-T88")?.printWidthDots == 512)
        #expect(PrinterProfile.named("tm-t1000") == nil)
        #expect(Set(PrinterProfile.builtIn.map(\.id)).count == PrinterProfile.builtIn.count)
    }

    @Test("features: the 58 mm printer has no cutter and no drawer")
    func features() {
        #expect(!PrinterProfile.generic58mm.features.cutter)
        #expect(!PrinterProfile.generic58mm.features.cashDrawer)
        #expect(PrinterProfile.builtIn.allSatisfy { $0.features.rasterImages && $0.features.nativeQRCode })
    }
}
