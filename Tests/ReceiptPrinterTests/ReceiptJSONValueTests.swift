import Foundation
import ReceiptPrinter
import Testing

/// Valid JSON that Foundation's decoder refuses as "not valid JSON" without key or offset: each
/// must name its key path and its place in the bytes.
@Suite("Receipt JSON: values Foundation cannot hold")
struct ReceiptJSONValueTests {
    func failure(_ json: String) -> ReceiptError? {
        #expect(throws: ReceiptError.self) { try ReceiptJSON.decode(Data(json.utf8)) }
    }

    /// Four elements before the one under test, on a second line, so path and offset are not trivial.
    func document(_ element: String) -> String {
        "{\"elements\": [{\"type\": \"text\", \"text\": \"a\"}, {\"type\": \"feed\"}, {\"type\": \"rule\"}, {\"type\": \"cut\"},\n  \(element)]}"
    }

    @Test("a fractional, out-of-range or huge number names its key path, byte offset, line and column (also those Foundation would round)",
          arguments: [
            (#"{"type": "feed", "lines": 1.5}"#, "elements[4].lines", "1.5 at byte offset 126 (line 2, column 29) is not a whole number"),
            (#"{"type": "feed", "lines": 1e309}"#, "elements[4].lines", "1e309 at byte offset 126 (line 2, column 29) is out of range for a whole number"),
            (#"{"type": "feed", "lines": -1e400}"#, "elements[4].lines", "-1e400 at byte offset 126 (line 2, column 29) is out of range for a whole number"),
            (#"{"type": "feed", "lines": 99999999999999999999}"#, "elements[4].lines",
             "99999999999999999999 at byte offset 126 (line 2, column 29) is out of range for a whole number"),
            (#"{"type": "feed", "lines": 9223372036854775808}"#, "elements[4].lines",
             "9223372036854775808 at byte offset 126 (line 2, column 29) is out of range for a whole number"),
            (#"{"type": "feed", "lines": 1e-400}"#, "elements[4].lines", "1e-400 at byte offset 126 (line 2, column 29) is not a whole number"),
            (#"{"type": "feed", "lines": 2.0000000000000000001}"#, "elements[4].lines",
             "2.0000000000000000001 at byte offset 126 (line 2, column 29) is not a whole number"),
            (#"{"type": "drawer", "pin": 2, "onMs": 0.5}"#, "elements[4].onMs", "0.5 at byte offset 137 (line 2, column 40) is not a whole number"),
            (#"{"type": "qr", "data": "x", "moduleSize": 12345678901234567890123456789012345}"#, "elements[4].moduleSize",
             "123456789012345678901234… at byte offset 142 (line 2, column 45) is out of range for a whole number"),
          ])
    func numbers(element: String, path: String, message: String) {
        let error = failure(document(element))
        #expect(error?.path == path, "\(String(describing: error))")
        #expect(error?.message == message, "\(String(describing: error))")
        #expect(error?.remedy == "Write a whole number in the range docs/receipt-format.md gives for this key.")
    }

    @Test("a lone surrogate names its key path and offset; a surrogate pair is a character",
          arguments: [
            (#"{"type": "text", "text": "\ud800"}"#, "\\ud800 at byte offset 126 (line 2, column 29)"),
            (#"{"type": "text", "text": "ab\udc00"}"#, "\\udc00 at byte offset 128 (line 2, column 31)"),
            (#"{"type": "text", "text": "\ud83dx"}"#, "\\ud83d at byte offset 126 (line 2, column 29)"),
            (#"{"type": "text", "text": "\ud83d\u0041"}"#, "\\ud83d at byte offset 126 (line 2, column 29)"),
            (#"{"type": "text", "text": "\ud83d\ud83d\ude00"}"#, "\\ud83d at byte offset 126 (line 2, column 29)"),
            (#"{"type": "row", "label": "\uDBFF", "amount": "1"}"#, "\\uDBFF at byte offset 126 (line 2, column 29)"),
          ])
    func surrogates(element: String, prefix: String) {
        let error = failure(document(element))
        #expect(error?.path.hasPrefix("elements[4].") == true, "\(String(describing: error))")
        #expect(error?.message == prefix + " is half of a UTF-16 surrogate pair, which is no character on its own", "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
    }

    @Test("whole numbers however written, and surrogate pairs, still decode")
    func stillValid() throws {
        let receipt = try ReceiptJSON.decode(Data(#"""
            {"version": 1.0, "elements": [{"type": "feed", "lines": 2.0}, {"type": "feed", "lines": 1e2}, {"type": "feed", "lines": 0.03e3},
             {"type": "feed", "lines": 250E-1}, {"type": "text", "text": "\ud83d\ude00 \u00fc"}, {"type": "drawer", "onMs": 1.00e2, "offMs": 500}]}
            """#.utf8))
        #expect(receipt.elements.prefix(4) == [.feed(lines: 2), .feed(lines: 100), .feed(lines: 30), .feed(lines: 25)])
        #expect(receipt.elements[4] == .text("😀 ü"))
    }

    @Test("the first offending token in document order is named, after earlier good ones")
    func firstInOrder() {
        let error = failure(#"{"elements": [{"type": "feed", "lines": 3}, {"type": "feed", "lines": 2.5}, {"type": "feed", "lines": 1e999}]}"#)
        #expect(error?.path == "elements[1].lines")
        #expect(error?.message.hasPrefix("2.5 at byte offset") == true)
    }

    @Test("a type mismatch keeps its own located message, even for a fractional number")
    func typeMismatch() {
        let error = failure(#"{"elements": [{"type": "text", "text": 1.5}]}"#)
        #expect(error?.path == "elements[0].text")
        #expect(error?.message.contains("expected a string") == true, "\(String(describing: error))")
    }
}
