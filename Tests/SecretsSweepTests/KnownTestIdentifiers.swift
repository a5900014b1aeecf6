/// Numbers the test suite prints that pass the Luhn check without being card numbers. Each is
/// listed with where it comes from; a card number never goes on this list (a test card's full
/// PAN in an output is exactly what the sweep is there to find).
enum KnownTestIdentifiers {
    /// Barcode contents of the test receipts and the ESC/POS interoperability tests.
    static let notCardNumbers: Set<String> = [
        "4006381333931",  // EAN-13 on `bhal print test` and the receipt JSON tests
        "9780306406157",  // ISBN-13 / EAN-13 in the barcode render tests
        "2012345678903",  // EAN-13 of the python-escpos interoperability tests
    ]
}
