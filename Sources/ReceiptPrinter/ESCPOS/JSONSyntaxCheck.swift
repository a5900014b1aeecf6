/// Finds the first JSON syntax error in a document and says where it is (byte offset, line,
/// column). Foundation's decoder only says "not valid JSON"; this runs first so a technician can
/// find the broken spot.
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

    /// Nesting deeper than this is rejected instead of recursing further.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The first syntax error in `bytes`, or `nil` when the document is well-formed JSON.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var checker = JSONSyntaxCheck(bytes)
        do throws(Failure) {
            // A UTF-8 byte-order mark is tolerated, as Foundation does.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { checker.index = 3 }
            checker.skipWhitespace()
            try checker.value(depth: 0)
            checker.skipWhitespace()
            if checker.index < bytes.count { throw checker.failure("unexpected content after the end of the document") }
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ message: String) -> Failure {
        var line = 1
        var lineStart = 0
        for position in 0..<min(index, bytes.count) where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return Failure(offset: index, line: line, column: index - lineStart + 1, message: message)
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
            try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the key but found \(describeCurrent())") }
            index += 1
            skipWhitespace()
            try value(depth: depth + 1)
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
        while true {
            try value(depth: depth + 1)
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
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = current else { break }
                if escaped == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        index += 1
                        guard let hex = current, hex.isHexDigit else { throw failure("expected 4 hex digits after \\u") }
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

    private mutating func number() throws(Failure) {
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

extension UInt8 {
    /// ASCII 0-9.
    fileprivate var isDigit: Bool { (0x30...0x39).contains(self) }
    /// ASCII 0-9, a-f, A-F.
    fileprivate var isHexDigit: Bool { isDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
