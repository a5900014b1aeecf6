import ReceiptPrinter
import Testing

@Suite("Receipt layout: rows and wrapping")
struct ReceiptLayoutTests {
    typealias T = ESCPOSTest

    @Test("a row at 48 characters: label left, amount flush right")
    func row48() {
        let lines = ReceiptLayout.row(label: "Gebühr für Führungszeugnis", amount: "13,00 €", width: 48)
        #expect(lines == ["Gebühr für Führungszeugnis" + String(repeating: " ", count: 15) + "13,00 €"])
        #expect(lines[0].count == 48)
    }

    @Test("a row at 32 characters wraps the label; the amount stays on its last line")
    func row32() {
        let lines = ReceiptLayout.row(label: "Gebühr für Führungszeugnis", amount: "13,00 €", width: 32)
        #expect(lines == ["Gebühr für", "Führungszeugnis" + String(repeating: " ", count: 10) + "13,00 €"])
    }

    @Test("an amount too wide to share the line gets its own line")
    func wideAmount() {
        let lines = ReceiptLayout.row(label: "Summe", amount: String(repeating: "9", count: 28), width: 32)
        #expect(lines == ["Summe", "    " + String(repeating: "9", count: 28)])
    }

    @Test("wrapping breaks at spaces, drops spaces at breaks and splits over-long words")
    func wrap() {
        #expect(ReceiptLayout.wrap("eins zwei drei", width: 9) == ["eins zwei", "drei"])
        #expect(ReceiptLayout.wrap("eins   zwei", width: 6) == ["eins", "zwei"])
        #expect(ReceiptLayout.wrap("  Einzug", width: 10) == ["  Einzug"])
        #expect(ReceiptLayout.wrap("Donaudampfschifffahrt", width: 8) == ["Donaudam", "pfschiff", "fahrt"])
        #expect(ReceiptLayout.wrap("", width: 8) == [""])
    }

    @Test("the encoder lays rows out to the profile: 48 columns on TM-T20, 32 on 58 mm, 42 on TM-T88")
    func encodedRows() throws {
        let row = ReceiptElement.row(label: "Summe", amount: "18,00 €")
        let t20 = try #require(try T.body([row]))
        #expect(t20 == T.ascii("Summe" + String(repeating: " ", count: 36) + "18,00 ") + [0xD5, 0x0A])
        let small = try #require(try T.body([row], profile: .generic58mm))
        #expect(small.count == 33)
        let t88 = try #require(try T.body([row], profile: .epsonTMT88))
        #expect(t88.count == 43)
    }

    @Test("double width halves the columns; font B widens them")
    func columnsFollowStyle() throws {
        let wide = try #require(try T.body([.row(label: "A", amount: "1", style: TextStyle(doubleWidth: true))]))
        #expect(wide == [0x1D, 0x21, 0x10] + T.ascii("A" + String(repeating: " ", count: 22) + "1") + [0x0A])
        let fontB = try T.encode([.rule()], font: .b).bytes
        #expect(fontB == T.epsonHeader + [0x1B, 0x4D, 0x01] + [UInt8](repeating: 0x2D, count: 64) + [0x0A])
    }

    @Test("text with line breaks prints one line per paragraph")
    func paragraphs() throws {
        #expect(try T.body([.text("A\nB\r\nC")]) == [0x41, 0x0A, 0x42, 0x0A, 0x43, 0x0A])
    }
}
