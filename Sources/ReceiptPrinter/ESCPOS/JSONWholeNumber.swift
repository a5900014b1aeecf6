/// Whether a JSON number token is exactly a whole number in `Int`'s range. Every number of a
/// receipt is one; Foundation refuses some others (`1.5`) and silently rounds the rest (`1e-400`).
enum JSONWholeNumber {
    /// Why a well-formed number token is not a whole number in `Int`'s range, or `nil` when it is
    /// one (`2.0` and `1e2` are). Exact: works on the decimal digits, never on a `Double`.
    static func problem(_ token: ArraySlice<UInt8>) -> String? {
        // The common case, without allocating: at most 18 characters of digits (and a sign).
        if token.count <= 18, token.allSatisfy({ $0.isASCIIDigit || $0 == UInt8(ascii: "-") }) { return nil }
        var position = token.startIndex
        let negative = position < token.endIndex && token[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        while position < token.endIndex, token[position] != UInt8(ascii: "e"), token[position] != UInt8(ascii: "E") {
            let byte = token[position]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if !(digits.isEmpty && byte == UInt8(ascii: "0")) {
                digits.append(byte)  // leading zeros dropped
                if seenPoint { fractionDigits += 1 }
            } else if seenPoint {
                fractionDigits += 1  // a zero after the point still moves the point, but is not kept
            }
            position += 1
        }
        var exponent = 0
        if position < token.endIndex {
            position += 1
            var exponentNegative = false
            if position < token.endIndex, token[position] == UInt8(ascii: "-") || token[position] == UInt8(ascii: "+") {
                exponentNegative = token[position] == UInt8(ascii: "-")
                position += 1
            }
            while position < token.endIndex, token[position].isASCIIDigit {
                exponent = min(exponent * 10 + Int(token[position] - UInt8(ascii: "0")), 1_000_000)  // saturates: only the sign matters beyond
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        guard !digits.isEmpty else { return nil }  // zero, however written
        // The value is digits × 10^scale; whole when no non-zero digit is right of the point.
        var scale = exponent - fractionDigits
        while let last = digits.last, last == UInt8(ascii: "0") {
            digits.removeLast()
            scale += 1
        }
        if scale < 0 { return "is not a whole number" }
        // Int.max has 19 digits; with as many, compare digit by digit.
        let limit = Array((negative ? "9223372036854775808" : "9223372036854775807").utf8)
        let length = digits.count + scale
        if length > limit.count || (length == limit.count && limit.lexicographicallyPrecedes(digits + Array(repeating: UInt8(ascii: "0"), count: scale))) {
            return "is out of range for a whole number"
        }
        return nil
    }
}

extension UInt8 {
    /// ASCII 0-9.
    fileprivate var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
}
