public import Foundation

/// Reads and writes receipts in the JSON format of `docs/receipt-format.md`.
public enum ReceiptJSON {
    /// The receipt in `data`. Every failure is a ``ReceiptError`` that says where: a byte offset,
    /// line and column for broken JSON, a coding path such as `elements[3].data` for bad values,
    /// and both for a value Foundation cannot hold (`"lines": 1.5`, `1e309`, a lone `"\ud800"`).
    public static func decode(_ data: Data) throws(ReceiptError) -> Receipt {
        let bytes = [UInt8](data)
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw ReceiptError(message: "the receipt is not valid UTF-8 at byte offset \(offset)",
                               remedy: "Save the file as UTF-8 (not Latin-1 or Windows-1252).")
        }
        let scan = JSONSyntaxCheck.scan(bytes)
        if let failure = scan.syntaxError {
            throw ReceiptError(message: "invalid JSON at byte offset \(failure.offset) (line \(failure.line), column \(failure.column)): \(failure.message)",
                               remedy: "Fix the JSON syntax there; a JSON linter such as `jq . FILE` shows the same spot.")
        }
        // Foundation refuses a lone surrogate or a fractional number as "not valid JSON", with
        // neither key nor offset, and silently rounds others (1e-400 becomes 0): the token the
        // scan noted is the error, unless it merely has the wrong type for its key.
        let refused = scan.unrepresentable.map { ReceiptError(path: $0.path, message: $0.message, remedy: $0.remedy + ".") }
        let receipt: Receipt
        do {
            receipt = try JSONDecoder().decode(Receipt.self, from: data)
        } catch let error as ReceiptError {
            throw refused ?? error
        } catch let error as DecodingError {
            if case .typeMismatch(_, let context) = error, CodingPathFormatter.string(context.codingPath) == refused?.path {
                throw receiptError(for: error)
            }
            throw refused ?? receiptError(for: error)
        } catch {
            throw refused ?? ReceiptError(message: "the receipt cannot be read: \(error)", remedy: "Check the file against docs/receipt-format.md.")
        }
        if let refused { throw refused }
        return receipt
    }

    /// The receipt as pretty-printed JSON with sorted keys.
    public static func encode(_ receipt: Receipt) throws(ReceiptError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(receipt)
        } catch {
            throw ReceiptError(message: "the receipt cannot be written as JSON: \(error)", remedy: "Report this as a bug.")
        }
    }

    /// A located error for one of Foundation's decoding errors.
    static func receiptError(for error: DecodingError) -> ReceiptError {
        let remedy = "Fix the value there; docs/receipt-format.md lists every key and its type."
        switch error {
        case .typeMismatch(let type, let context):
            return ReceiptError(path: CodingPathFormatter.string(context.codingPath),
                                message: "expected \(describe(type)) but found \(found(in: context.debugDescription))", remedy: remedy)
        case .valueNotFound(let type, let context):
            return ReceiptError(path: CodingPathFormatter.string(context.codingPath),
                                message: "expected \(describe(type)) but found null", remedy: remedy)
        case .keyNotFound(let key, let context):
            return ReceiptError(path: CodingPathFormatter.string(context.codingPath, key),
                                message: "required key \"\(key.stringValue)\" is missing",
                                remedy: "Add it; docs/receipt-format.md lists the required keys of each element.")
        case .dataCorrupted(let context):
            let message = context.debugDescription.hasSuffix(".") ? String(context.debugDescription.dropLast()) : context.debugDescription
            return ReceiptError(path: CodingPathFormatter.string(context.codingPath), message: message, remedy: remedy)
        @unknown default:
            return ReceiptError(message: "\(error)", remedy: remedy)
        }
    }

    /// A JSON word for a Swift type.
    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "a whole number"
        case is [ReceiptElement].Type, is [Any].Type: "an array"
        default: "an object"
        }
    }

    /// The JSON kind named in Foundation's "… but found a string instead." message.
    private static func found(in description: String) -> String {
        guard let range = description.range(of: "but found ") else { return "another kind of value" }
        return description[range.upperBound...].replacingOccurrences(of: " instead.", with: "")
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil`.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
