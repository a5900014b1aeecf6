/// CODE128 as ESC/POS sends it (`GS k 73`): the data starts with a code-set selector `{A`, `{B`
/// or `{C`; `{A`/`{B`/`{C` switch sets, `{S` shifts one character, `{1`…`{4` are FNC1…FNC4 and
/// `{{` is a literal `{`.
enum Code128Modules {
    /// Bar/space widths of symbol values 0...105 (6 elements, 11 modules each).
    static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232",
    ]
    /// The stop pattern (13 modules).
    static let stop = "2331112"

    private enum CodeSet { case a, b, c }

    /// The bars for ESC/POS CODE128 data.
    static func make(_ data: [UInt8]) -> Result<BarcodeModules, BarcodeDrawingError> {
        guard data.count >= 2, data[0] == 0x7B, let set = codeSet(data[1]) else {
            return .failure(BarcodeDrawingError(message: "CODE128 data must start with {A, {B or {C"))
        }
        var current = set
        var values = [set == .a ? 103 : set == .b ? 104 : 105]
        var text = ""
        var shiftNext = false
        var index = 2
        while index < data.count {
            let byte = data[index]
            index += 1
            if byte == 0x7B, index < data.count, data[index] != 0x7B {
                let control = data[index]
                index += 1
                switch control {
                case 0x41, 0x42, 0x43:
                    guard let next = codeSet(control) else { continue }
                    if next != current { values.append(next == .a ? 101 : next == .b ? 100 : 99) }
                    current = next
                case 0x53: values.append(98); shiftNext = true
                case 0x31: values.append(102)
                case 0x32: values.append(97)
                case 0x33: values.append(96)
                case 0x34: values.append(current == .a ? 101 : 100)
                default: return .failure(BarcodeDrawingError(message: "CODE128 data has an unknown escape {\(Character(Unicode.Scalar(control)))"))
                }
                continue
            }
            if byte == 0x7B { index += 1 }  // "{{" is one literal "{"
            var set = current
            if shiftNext {
                set = current == .a ? .b : .a
                shiftNext = false
            }
            switch set {
            case .c:
                guard byte <= 99 else { return .failure(BarcodeDrawingError(message: "CODE128 set C value \(byte) is above 99")) }
                values.append(Int(byte))
                text += byte < 10 ? "0\(byte)" : "\(byte)"
            case .a:
                guard byte <= 0x5F else { return .failure(BarcodeDrawingError(message: "CODE128 set A has no character 0x\(hex([byte]))")) }
                values.append(byte < 0x20 ? Int(byte) + 64 : Int(byte) - 0x20)
                if byte >= 0x20 { text.append(Character(Unicode.Scalar(byte))) }
            case .b:
                guard (0x20...0x7F).contains(byte) else { return .failure(BarcodeDrawingError(message: "CODE128 set B has no character 0x\(hex([byte]))")) }
                values.append(Int(byte) - 0x20)
                text.append(Character(Unicode.Scalar(byte)))
            }
        }
        guard values.count > 1 else { return .failure(BarcodeDrawingError(message: "CODE128 data has no characters")) }
        var checksum = values[0]
        for (position, value) in values.enumerated().dropFirst() { checksum += position * value }
        values.append(checksum % 103)
        var modules: [Bool] = []
        for pattern in values.map({ patterns[$0] }) + [stop] {
            for (element, width) in pattern.enumerated() {
                modules += [Bool](repeating: element % 2 == 0, count: Int(String(width)) ?? 1)
            }
        }
        return .success(BarcodeModules(modules: modules, text: text, name: "CODE128"))
    }

    private static func codeSet(_ byte: UInt8) -> CodeSet? {
        switch byte {
        case 0x41: .a
        case 0x42: .b
        case 0x43: .c
        default: nil
        }
    }
}
