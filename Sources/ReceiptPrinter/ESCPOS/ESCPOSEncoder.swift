/// Turns a ``Receipt`` into the printer bytes for one ``PrinterProfile``.
///
/// Every job starts with a reset (`ESC @`) and the code-page selection, before any text; all text
/// uses that one code page. Characters the page lacks are printed as a visible stand-in and
/// reported in ``EncodedReceipt/replacements``. Pure: no I/O, safe to call from any thread.
public struct ESCPOSEncoder: Sendable {
    /// The printer the bytes are for.
    public let profile: PrinterProfile

    /// Creates an encoder for `profile` (default: Epson TM-T20).
    public init(profile: PrinterProfile = .default) {
        self.profile = profile
    }

    /// The code page `receipt` prints in: its own choice or the profile's preferred page.
    public func codePage(for receipt: Receipt) throws(ReceiptError) -> CodePage {
        let page = receipt.codePage ?? profile.preferredCodePage
        guard profile.number(of: page) != nil else {
            let available = profile.codePages.map(\.codePage.rawValue).joined(separator: ", ")
            throw ReceiptError(path: "codePage", message: "the \(profile.displayName) profile has no code page \(page.rawValue)",
                               remedy: "Use one of \(available), or leave codePage out to use \(profile.preferredCodePage.rawValue).")
        }
        return page
    }

    /// The bytes for `receipt`; throws when an element cannot be printed on this printer at all
    /// (the error's path names the element).
    public func encode(_ receipt: Receipt) throws(ReceiptError) -> EncodedReceipt {
        let page = try codePage(for: receipt)
        var session = EncodingSession(profile: profile, codePage: page, font: receipt.font)
        for (index, element) in receipt.elements.enumerated() {
            let path = "elements[\(index)]"
            do {
                try session.append(element, path: path)
            } catch {
                throw error.within(path)
            }
        }
        return EncodedReceipt(bytes: session.bytes, profileID: profile.id, codePage: page,
                              replacements: session.replacements, warnings: session.warnings)
    }
}
