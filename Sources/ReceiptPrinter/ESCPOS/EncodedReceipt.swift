/// The printer bytes for one receipt, and what the encoder had to change to print it.
public struct EncodedReceipt: Sendable, Hashable {
    /// The job: starts with the reset and code-page selection, ready for ``ReceiptPrinter/printRaw(_:)``.
    public var bytes: [UInt8]
    /// The profile the bytes are for.
    public var profileID: String
    /// The one code page all text is printed in.
    public var codePage: CodePage
    /// Characters the code page cannot print, each replaced visibly.
    public var replacements: [CharacterReplacement]
    /// Elements the printer cannot do and what was done instead (e.g. no cutter: paper fed).
    public var warnings: [String]

    /// Creates an encoded receipt.
    public init(bytes: [UInt8], profileID: String, codePage: CodePage, replacements: [CharacterReplacement], warnings: [String]) {
        self.bytes = bytes
        self.profileID = profileID
        self.codePage = codePage
        self.replacements = replacements
        self.warnings = warnings
    }
}
