@testable import ReceiptPrinter
import Testing

/// The exact whole-number check of JSON number tokens (never through a `Double`).
@Suite("JSON numbers: whole and in Int's range")
struct JSONWholeNumberTests {
    @Test("whole numbers in range, however written",
          arguments: ["0", "-0", "0.0", "0e999999999999", "7", "-7", "2.0", "1e2", "1E+2", "0.03e3", "250E-1", "100e-2", "1.00e2",
                      "9223372036854775807", "-9223372036854775808", "922337203685477580.7e1", "000000000000000000000000001"])
    func whole(_ token: String) {
        #expect(JSONWholeNumber.problem(ArraySlice(token.utf8)) == nil, "\(token)")
    }

    @Test("fractions, however small", arguments: ["1.5", "-0.5", "1e-1", "1e-400", "2.0000000000000000001", "15e-1", "1e-999999999999999999999"])
    func fractional(_ token: String) {
        #expect(JSONWholeNumber.problem(ArraySlice(token.utf8)) == "is not a whole number", "\(token)")
    }

    @Test("beyond Int's range", arguments: ["9223372036854775808", "-9223372036854775809", "1e19", "1e309", "-1e400", "99999999999999999999",
                                            "1e999999999999999999999", "92233720368547758.08e2"])
    func outOfRange(_ token: String) {
        #expect(JSONWholeNumber.problem(ArraySlice(token.utf8)) == "is out of range for a whole number", "\(token)")
    }
}
