/// The bars of a `GS k` barcode as modules (true = bar), and its human-readable text.
struct BarcodeModules: Sendable, Hashable {
    /// One entry per module, left to right.
    var modules: [Bool]
    /// The HRI text printed under or over the bars.
    var text: String
    /// The symbology's name for the text dump.
    var name: String

    /// The bars for `GS k` system `system` with its data, or a reason why they cannot be drawn.
    static func make(system: UInt8, data: [UInt8]) -> Result<BarcodeModules, BarcodeDrawingError> {
        switch system {
        case 0, 65: return ean(digits: [0] + data.map { $0 &- 0x30 }, length: 13, name: "UPC-A")
        case 2, 67: return ean(digits: data.map { $0 &- 0x30 }, length: 13, name: "EAN-13")
        case 3, 68: return ean(digits: data.map { $0 &- 0x30 }, length: 8, name: "EAN-8")
        case 73: return Code128Modules.make(data)
        default: return .failure(BarcodeDrawingError(message: "barcode system \(system) is not drawn by the simulator (EAN-13, EAN-8, UPC-A and CODE128 are)"))
        }
    }

    private static let leftOdd: [UInt8] = [0x0D, 0x19, 0x13, 0x3D, 0x23, 0x31, 0x2F, 0x3B, 0x37, 0x0B]
    private static let parities: [UInt8] = [0x00, 0x0B, 0x0D, 0x0E, 0x13, 0x19, 0x1C, 0x15, 0x16, 0x1A]

    /// EAN-13 (first digit in the parity of the left half) or EAN-8; the check digit is computed
    /// when one digit short, and must match otherwise.
    private static func ean(digits input: [UInt8], length: Int, name: String) -> Result<BarcodeModules, BarcodeDrawingError> {
        guard input.allSatisfy({ $0 <= 9 }), input.count == length - 1 || input.count == length else {
            return .failure(BarcodeDrawingError(message: "\(name) needs \(length - 1) or \(length) digits"))
        }
        var digits = Array(input.prefix(length - 1))
        // Padded to 12 digits, EAN-8 gets its weights 3, 1, 3, … from the EAN-13 rule.
        digits.append(EAN13.checkDigit([UInt8](repeating: 0, count: 13 - length) + digits))
        if input.count == length, input[length - 1] != digits[length - 1] {
            return .failure(BarcodeDrawingError(message: "\(name) check digit \(input[length - 1]) is wrong (expected \(digits[length - 1]))"))
        }
        var modules: [Bool] = []
        func add(_ pattern: UInt8, bits: Int = 7, invert: Bool = false, reverse: Bool = false) {
            var bars = (0..<bits).map { (pattern >> UInt8(bits - 1 - $0)) & 1 == 1 }
            if reverse { bars.reverse() }
            modules += invert ? bars.map { !$0 } : bars
        }
        add(0b101, bits: 3)
        let half = length == 13 ? 6 : 4
        let leftDigits = length == 13 ? Array(digits[1...6]) : Array(digits[0..<4])
        let parity = length == 13 ? parities[Int(digits[0])] : 0
        for (index, digit) in leftDigits.enumerated() {
            let even = (parity >> UInt8(half - 1 - index)) & 1 == 1
            add(leftOdd[Int(digit)], invert: even, reverse: even)  // G code = reversed R code
        }
        add(0b01010, bits: 5)
        for digit in digits.suffix(half) { add(leftOdd[Int(digit)], invert: true) }
        add(0b101, bits: 3)
        let text = digits.map { String($0) }.joined()
        return .success(BarcodeModules(modules: modules, text: name == "UPC-A" ? String(text.dropFirst()) : text, name: name))
    }
}

/// A barcode the simulator cannot draw, and why.
struct BarcodeDrawingError: Error, Sendable, Hashable {
    var message: String
}
