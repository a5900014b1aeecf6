/// Text safe to send in a string job attribute to any CUPS scheduler.
///
/// Debian's CUPS 2.4.2-3+deb12u10 scheduler crashes on a string job attribute (other than
/// `job-*`) that contains whitespace and spins at full CPU on one with a control character.
/// BuergerHAL therefore sends only such sanitised text, in every attribute.
enum CUPSAttributeText {
    /// `text` with every whitespace or control character (and every non-ASCII one, which some
    /// schedulers' filters treat alike) replaced by `-`; an empty result becomes `BuergerHAL`.
    static func sanitized(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0x21...0x7E).contains(scalar.value) ? scalar : "-"
        }))
        return cleaned.isEmpty ? "BuergerHAL" : cleaned
    }
}
