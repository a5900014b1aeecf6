import DeviceCore

/// Hex text as technicians copy it from logs and fixtures: `06 01 07 04 00 00 00 12 50`.
public enum ZVTHex {
    /// The bytes of hex text, as ``Hex/parse(_:)`` reads it (whitespace, `:` and `-` separate;
    /// `#` starts a comment to the end of the line), with failures as ZVT decoding errors.
    public static func parse(_ text: String) throws(ZVTDecodingError) -> [UInt8] {
        do {
            return try Hex.parse(text)
        } catch {
            throw ZVTDecodingError(.invalidHex, offset: error.offset, error.reason)
        }
    }

    /// `06 01 00`: bytes as upper-case hex separated by spaces.
    public static func string(_ bytes: some Sequence<UInt8>) -> String { Hex.string(bytes, separator: " ") }
}
