import Foundation
import ReceiptPrinter
import TestSupport
import Testing

@Suite("Receipt JSON: decoding and its errors")
struct ReceiptJSONTests {
    /// Decodes `json`, expecting a failure, and returns the error.
    func failure(_ json: String) -> ReceiptError? {
        #expect(throws: ReceiptError.self) { try ReceiptJSON.decode(Data(json.utf8)) }
    }

    @Test("a minimal receipt decodes with defaults")
    func minimal() throws {
        let receipt = try ReceiptJSON.decode(Data(#"{"elements": [{"type": "text", "text": "Hallo"}, {"type": "cut"}, {"type": "feed"}]}"#.utf8))
        #expect(receipt == Receipt(elements: [.text("Hallo"), .cut(.partial), .feed(lines: 1)]))
    }

    @Test("broken JSON is reported with byte offset, line and column")
    func syntax() {
        let error = failure("{\n  \"elements\": [\n    {\"type\": \"text\", \"text\": \"a\"},,\n  ]\n}")
        #expect(error?.path == "")
        #expect(error?.message.contains("byte offset 52 (line 3, column 35)") == true, "\(String(describing: error))")
        #expect(failure("")?.message.contains("byte offset 0") == true)
        #expect(failure(#"{"elements": ["unterminated]}"#)?.message.contains("unterminated string") == true)
        #expect(failure(#"{"elements": []} x"#)?.message.contains("after the end") == true)
    }

    @Test("deep nesting is an error, not a crash")
    func deepNesting() {
        let error = failure(String(repeating: "[", count: 100_000))
        #expect(error?.message.contains("nesting") == true)
    }

    @Test("bytes that are not UTF-8 are reported with their offset")
    func notUTF8() {
        var bytes = Array(#"{"elements": [{"type": "text", "text": "Geb"#.utf8)
        let offset = bytes.count
        bytes += [0xFC] + Array(#"hr"}]}"#.utf8)  // Latin-1 ü
        let error = #expect(throws: ReceiptError.self) { try ReceiptJSON.decode(Data(bytes)) }
        #expect(error?.message.contains("byte offset \(offset)") == true)
    }

    @Test("errors name the JSON coding path", arguments: [
        (#"{"elements": [{"type": "text", "text": "a"}, {"type": "text", "text": "b", "bodl": true}]}"#, "elements[1].bodl", "unknown key"),
        (#"{"elements": [{"type": "text", "text": "a", "bold": "yes"}]}"#, "elements[0].bold", "expected true or false but found a string"),
        (#"{"elements": [{"type": "text"}]}"#, "elements[0].text", "required key \"text\" is missing"),
        (#"{"elements": [{"type": "txt", "text": "a"}]}"#, "elements[0].type", "unknown element type"),
        (#"{"elements": [{"text": "a"}]}"#, "elements[0].type", "required key"),
        (#"{"elements": [{"type": "text", "text": "a", "align": "middle"}]}"#, "elements[0].align", "not a valid align"),
        (#"{"elements": [{"type": "barcode", "symbology": "ean13", "data": "9780306406158"}]}"#, "elements[0].data", "check digit"),
        (#"{"elements": [{"type": "barcode", "symbology": "code128", "codeSet": "C", "data": "123"}]}"#, "elements[0].data", "even number"),
        (#"{"elements": [{"type": "qr", "data": "x", "moduleSize": 40}]}"#, "elements[0].moduleSize", "1...16"),
        (#"{"elements": [{"type": "image", "width": 2, "height": 2, "pixels": "AAAA"}]}"#, "elements[0].pixels", "needs 4"),
        (#"{"elements": [{"type": "image", "width": 2, "height": 2, "pixels": "not base64!"}]}"#, "elements[0].pixels", "base64"),
        (#"{"elements": [{"type": "drawer", "onMs": 300}]}"#, "elements[0].onMs", "duty cycle"),
        (#"{"elements": [{"type": "drawer", "pin": 3}]}"#, "elements[0].pin", "pin 3"),
        (#"{"elements": [{"type": "feed", "lines": 0}]}"#, "elements[0].lines", "1...255"),
        (#"{"elements": [{"type": "rule", "char": "--"}]}"#, "elements[0].char", "exactly one character"),
        (#"{"elements": {}}"#, "elements", "expected an array"),
        (#"{"version": 2, "elements": []}"#, "version", "version 2"),
        (#"{"codePage": "utf8", "elements": []}"#, "codePage", "not a valid codePage"),
        (#"{"elements": [], "footer": "x"}"#, "footer", "unknown key"),
    ])
    func located(json: String, path: String, message: String) {
        let error = failure(json)
        #expect(error?.path == path, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.remedy.isEmpty == false)
    }

    @Test("the error description is path: message. remedy")
    func description() {
        let error = ReceiptError(path: "elements[2].data", message: "EAN-13 data has 5 digits", remedy: "Give 12 digits.")
        #expect(error.description == "elements[2].data: EAN-13 data has 5 digits. Give 12 digits.")
    }

    @Test("the complete example round-trips through JSON")
    func roundTrip() throws {
        let url = ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json")
        let receipt = try ReceiptJSON.decode(try Data(contentsOf: url))
        let again = try ReceiptJSON.decode(try ReceiptJSON.encode(receipt))
        #expect(again == receipt)
    }

    @Test("the complete example uses every element type, style and alignment")
    func completeExampleCoversEverything() throws {
        let url = ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json")
        let receipt = try ReceiptJSON.decode(try Data(contentsOf: url))
        #expect(Set(receipt.elements.map(\.typeName)) == ["text", "row", "rule", "barcode", "qr", "image", "feed", "cut", "drawer"])
        var styles = TextStyle()
        var alignments: Set<TextAlignment> = []
        var symbologies: Set<String> = []
        for element in receipt.elements {
            switch element {
            case .text(_, let style, let alignment):
                alignments.insert(alignment)
                styles.bold = styles.bold || style.bold
                styles.underline = styles.underline || style.underline
                styles.doubleWidth = styles.doubleWidth || style.doubleWidth
                styles.doubleHeight = styles.doubleHeight || style.doubleHeight
                styles.inverse = styles.inverse || style.inverse
            case .barcode(let barcode):
                if case .ean13 = barcode.symbol { symbologies.insert("ean13") } else { symbologies.insert("code128") }
            default:
                break
            }
        }
        #expect(styles == TextStyle(bold: true, underline: true, doubleWidth: true, doubleHeight: true, inverse: true))
        #expect(alignments == Set(TextAlignment.allCases))
        #expect(symbologies == ["ean13", "code128"])
    }

    @Test("the format document embeds the committed complete example")
    func documentMatchesFixture() throws {
        let doc = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/receipt-format.md"), encoding: .utf8)
        let fixture = try String(contentsOf: ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json"), encoding: .utf8)
        #expect(doc.contains(fixture), "docs/receipt-format.md must contain Fixtures/escpos/complete-receipt.json verbatim")
    }
}
