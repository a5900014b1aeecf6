/// Finds the first JSON syntax error in a document and says where it is (byte offset, line,
/// column). Foundation's decoder only says "not valid JSON"; this runs first so a technician can
/// find the broken spot.
///
/// It also notes the first well-formed token that Foundation's decoder refuses with the same
/// unlocated "not valid JSON" or silently changes: a lone UTF-16 surrogate escape (`"\ud800"`),
/// or a number that is not exactly a whole number in `Int`'s range (`1.5` and `1e309` are
/// refused, `1e-400` becomes 0; every number of a receipt is whole). One linear pass; the key
/// path costs a string per object key.
struct JSONSyntaxCheck {
    /// A syntax error: what, and where.
    struct Failure: Error, Equatable {
        /// 0-based byte offset of the offending byte.
        var offset: Int
        /// 1-based line.
        var line: Int
        /// 1-based column, counted in bytes.
        var column: Int
        /// What was expected or found.
        var message: String
    }

    /// A well-formed token that Foundation's decoder refuses without saying where, or changes: its
    /// key path, its place in the bytes, what is wrong and what to write instead.
    struct Unrepresentable: Equatable {
        /// The key path of the value (`elements[3].lines`), `""` for the whole document.
        var path: String
        /// 0-based byte offset of the token.
        var offset: Int
        /// 1-based line.
        var line: Int
        /// 1-based column, counted in bytes.
        var column: Int
        /// What is wrong, starting with the token.
        var message: String
        /// What to write instead.
        var remedy: String
    }

    /// What one pass found: the first syntax error, else the first unrepresentable token (if any).
    struct Outcome {
        /// The first syntax error, or `nil` when the document is well-formed JSON.
        var syntaxError: Failure?
        /// The first token Foundation's decoder refuses or changes, in document order (`nil` after a syntax error).
        var unrepresentable: Unrepresentable?
    }

    /// Nesting deeper than this is rejected instead of recursing further.
    static let maximumDepth = 256

    /// One step of the key path: an object key (its bytes between the quotes) or an array index.
    private enum PathComponent {
        case key(Range<Int>)
        case index(Int)
    }

    private let bytes: [UInt8]
    private var index = 0
    private var path: [PathComponent] = []
    private var unrepresentable: Unrepresentable?

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The first syntax error in `bytes`, or `nil` when the document is well-formed JSON.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        scan(bytes).syntaxError
    }

    /// Checks `bytes` in one pass.
    static func scan(_ bytes: [UInt8]) -> Outcome {
        var checker = JSONSyntaxCheck(bytes)
        do throws(Failure) {
            // A UTF-8 byte-order mark is tolerated, as Foundation does.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { checker.index = 3 }
            checker.skipWhitespace()
            try checker.value(depth: 0)
            checker.skipWhitespace()
            if checker.index < bytes.count { throw checker.failure("unexpected content after the end of the document") }
            return Outcome(syntaxError: nil, unrepresentable: checker.unrepresentable)
        } catch {
            return Outcome(syntaxError: error, unrepresentable: nil)
        }
    }

    private func failure(_ message: String) -> Failure {
        let (line, column) = lineAndColumn(of: index)
        return Failure(offset: index, line: line, column: column, message: message)
    }

    /// 1-based line and byte column of `offset`.
    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// Notes the token at `start..<end` as refused, unless an earlier one was noted.
    private mutating func noteUnrepresentable(from start: Int, to end: Int, problem: String, remedy: String) {
        guard unrepresentable == nil else { return }
        let token = bytes[start..<min(end, start + 24)]
        let shown = String(decoding: token, as: UTF8.self) + (end > start + 24 ? "…" : "")
        let (line, column) = lineAndColumn(of: start)
        unrepresentable = Unrepresentable(path: format(path), offset: start, line: line, column: column,
                                          message: "\(shown) at byte offset \(start) (line \(line), column \(column)) \(problem)", remedy: remedy)
    }

    /// `elements[3].lines`, as `CodingPathFormatter` writes coding paths.
    private func format(_ path: [PathComponent]) -> String {
        var result = ""
        for component in path {
            switch component {
            case .key(let range): result += (result.isEmpty ? "" : ".") + Self.keyText(bytes[range])
            case .index(let index): result += "[\(index)]"
            }
        }
        return result
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func describeCurrent() -> String {
        guard let byte = current else { return "the end of the document" }
        if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw failure("expected a value but found the end of the document") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("expected a value but found \(describeCurrent())")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes but found \(describeCurrent())") }
            let keyStart = index + 1
            try string()
            let key = keyStart..<(index - 1)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the key but found \(describeCurrent())") }
            index += 1
            skipWhitespace()
            path.append(.key(key))
            try value(depth: depth + 1)
            path.removeLast()
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            guard current == UInt8(ascii: "}") else { throw failure("expected ',' or '}' but found \(describeCurrent())") }
            index += 1
            return
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return }
        var position = 0
        while true {
            path.append(.index(position))
            try value(depth: depth + 1)
            path.removeLast()
            position += 1
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            guard current == UInt8(ascii: "]") else { throw failure("expected ',' or ']' but found \(describeCurrent())") }
            index += 1
            return
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        // The offset of a `\uD800`–`\uDBFF` escape that still waits for its low half.
        var pendingHighSurrogate: Int?
        while let byte = current {
            if let high = pendingHighSurrogate, byte != UInt8(ascii: "\\") || index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "u") {
                noteLoneSurrogate(at: high)
                pendingHighSurrogate = nil
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                let escapeStart = index
                index += 1
                guard let escaped = current else { break }
                if escaped == UInt8(ascii: "u") {
                    var unit: UInt16 = 0
                    for _ in 0..<4 {
                        index += 1
                        guard let hex = current, hex.isHexDigit else { throw failure("expected 4 hex digits after \\u") }
                        unit = unit << 4 | UInt16(hex.hexValue)
                    }
                    switch unit {
                    case 0xDC00...0xDFFF:
                        if pendingHighSurrogate == nil { noteLoneSurrogate(at: escapeStart) }
                        pendingHighSurrogate = nil
                    default:
                        if let high = pendingHighSurrogate { noteLoneSurrogate(at: high) }
                        pendingHighSurrogate = (0xD800...0xDBFF).contains(unit) ? escapeStart : nil
                    }
                } else if !Array("\"\\/bfnrt".utf8).contains(escaped) {
                    throw failure("invalid escape \\\(Character(Unicode.Scalar(escaped)))")
                }
                index += 1
            case 0x00..<0x20:
                throw failure("control character \(describeCurrent()) inside a string (write line breaks as \\n)")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func noteLoneSurrogate(at offset: Int) {
        noteUnrepresentable(from: offset, to: offset + 6, problem: "is half of a UTF-16 surrogate pair, which is no character on its own",
                            remedy: "Write the character itself in UTF-8, or both halves of its pair (e.g. \\ud83d\\ude00)")
    }

    private mutating func number() throws(Failure) {
        let start = index
        try numberToken()
        if let problem = JSONWholeNumber.problem(bytes[start..<index]) {
            noteUnrepresentable(from: start, to: index, problem: problem,
                                remedy: "Write a whole number in the range docs/receipt-format.md gives for this key")
        }
    }

    private mutating func numberToken() throws(Failure) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, first.isDigit else { throw failure("expected a digit but found \(describeCurrent())") }
        index += 1
        if first != UInt8(ascii: "0") { while current?.isDigit == true { index += 1 } }
        if current == UInt8(ascii: ".") {
            index += 1
            guard current?.isDigit == true else { throw failure("expected a digit after '.' but found \(describeCurrent())") }
            while current?.isDigit == true { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard current?.isDigit == true else { throw failure("expected a digit in the exponent but found \(describeCurrent())") }
            while current?.isDigit == true { index += 1 }
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard current == expected else { throw failure("expected '\(word)' but found \(describeCurrent())") }
            index += 1
        }
    }
}

extension JSONSyntaxCheck {
    /// An object key as text for the key path: the common escapes decoded, others kept as written.
    fileprivate static func keyText(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var result: [UInt8] = []
        var position = raw.startIndex
        while position < raw.endIndex {
            let byte = raw[position]
            position += 1
            guard byte == UInt8(ascii: "\\"), position < raw.endIndex else {
                result.append(byte)
                continue
            }
            let escaped = raw[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
            default: result += [UInt8(ascii: "\\"), escaped]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension UInt8 {
    /// ASCII 0-9.
    fileprivate var isDigit: Bool { (0x30...0x39).contains(self) }
    /// The value of an ASCII hex digit (0 for other bytes).
    fileprivate var hexValue: UInt8 {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x41 + 10
        case 0x61...0x66: self - 0x61 + 10
        default: 0
        }
    }
    /// ASCII 0-9, a-f, A-F.
    fileprivate var isHexDigit: Bool { isDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
