/// A character the receipt's code page cannot print, and what was printed instead.
///
/// The encoder never sends bytes the printer would turn into garbage: it prints a visible stand-in
/// (an ASCII look-alike such as `"` for `„`, otherwise `?`) and reports it with this value.
public struct CharacterReplacement: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where the text came from, as a JSON path: `elements[3].text`, `elements[5].label`.
    public var path: String
    /// The 1-based position of the character in that text, counted in characters (graphemes).
    public var characterOffset: Int
    /// The 1-based printed line on the receipt: lines of text, rows, rules and fed lines count;
    /// images, barcodes and QR codes do not.
    public var line: Int
    /// The character that cannot be printed.
    public var original: String
    /// What was printed instead.
    public var replacement: String
    /// The code page that lacks the character.
    public var codePage: CodePage

    /// Creates a replacement report.
    public init(path: String, characterOffset: Int, line: Int, original: String, replacement: String, codePage: CodePage) {
        self.path = path
        self.characterOffset = characterOffset
        self.line = line
        self.original = original
        self.replacement = replacement
        self.codePage = codePage
    }

    /// The original's scalars as `U+XXXX`, space-separated.
    public var scalars: String {
        original.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
    }

    /// One line for a technician, e.g.
    /// `elements[3].text character 12 (printed line 5): "😀" (U+1F600) is not in PC858; printed "?"`.
    public var description: String {
        "\(path) character \(characterOffset) (printed line \(line)): \"\(original)\" (\(scalars)) is not in "
            + "\(codePage.displayName); printed \"\(replacement)\""
    }
}

extension CharacterReplacement {
    /// The warning lines for a receipt's replacements: one per replacement when there are at most
    /// `limit`, otherwise one summary line, e.g.
    /// `200000 characters not in PC858 replaced ("中" (U+4E2D) ×200000 as "?"), first at elements[0].text character 1 (printed line 1)`.
    /// Linear in the number of replacements.
    public static func report(_ replacements: [CharacterReplacement], limit: Int = 5) -> [String] {
        guard replacements.count > limit, let first = replacements.first else { return replacements.map(\.description) }
        var counts: [String: Int] = [:]
        var order: [CharacterReplacement] = []
        for replacement in replacements {
            if counts[replacement.original] == nil { order.append(replacement) }
            counts[replacement.original, default: 0] += 1
        }
        let shown = 3
        var kinds = order.prefix(shown).map { "\"\($0.original)\" (\($0.scalars)) ×\(counts[$0.original] ?? 0) as \"\($0.replacement)\"" }
        if order.count > shown { kinds.append("\(order.count - shown) other characters") }
        return ["\(replacements.count) characters not in \(first.codePage.displayName) replaced (\(kinds.joined(separator: ", "))), "
                + "first at \(first.path) character \(first.characterOffset) (printed line \(first.line))"]
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
