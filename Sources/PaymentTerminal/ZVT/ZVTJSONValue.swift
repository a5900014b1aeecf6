/// A small JSON document model with ordered keys, so output is stable and needs no Foundation bridging.
enum ZVTJSONValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([ZVTJSONValue])
    case object([(String, ZVTJSONValue)])

    static func == (lhs: ZVTJSONValue, rhs: ZVTJSONValue) -> Bool { lhs.rendered(indent: nil) == rhs.rendered(indent: nil) }
    func hash(into hasher: inout Hasher) { hasher.combine(rendered(indent: nil)) }

    /// The JSON text, pretty-printed with two-space indentation unless `indent` is `nil`.
    func rendered(indent: Int? = 0) -> String {
        var output = ""
        write(to: &output, indent: indent)
        return output
    }

    private func write(to output: inout String, indent: Int?) {
        let pad = indent.map { String(repeating: "  ", count: $0 + 1) } ?? ""
        let closePad = indent.map { String(repeating: "  ", count: $0) } ?? ""
        let newline = indent == nil ? "" : "\n"
        let inner = indent.map { $0 + 1 }
        switch self {
        case .string(let text): output += Self.quoted(text)
        case .int(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[" + newline
            for (index, item) in items.enumerated() {
                output += pad
                item.write(to: &output, indent: inner)
                output += (index < items.count - 1 ? "," : "") + newline
            }
            output += closePad + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{" + newline
            for (index, (key, value)) in members.enumerated() {
                output += pad + Self.quoted(key) + (indent == nil ? ":" : ": ")
                value.write(to: &output, indent: inner)
                output += (index < members.count - 1 ? "," : "") + newline
            }
            output += closePad + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
