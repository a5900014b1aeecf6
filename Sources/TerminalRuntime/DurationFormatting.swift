/// Duration conversions used by the report formats.
extension Duration {
    /// The duration in milliseconds as a floating-point number.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// The duration in seconds as a floating-point number.
    var seconds: Double { milliseconds / 1000 }

    /// `"12.3 ms"` or `"1.20 s"`, for tables.
    var humanReadable: String {
        let ms = milliseconds
        return ms < 1000 ? String(format1: ms) + " ms" : String(format2: ms / 1000) + " s"
    }
}

extension String {
    /// A number with one decimal, without Foundation's locale-dependent formatting.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// A number with two decimals.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        self = "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// A number with three decimals (JUnit times in seconds).
    init(format3 value: Double) {
        let thousandths = Int((value * 1000).rounded())
        let fraction = abs(thousandths % 1000)
        let padded = String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
        self = "\(thousandths / 1000).\(padded)"
    }
}
