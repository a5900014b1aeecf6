import Foundation

/// One printable column of text: the byte to send and where it came from.
struct TextCell: Sendable, Hashable {
    /// The byte in the receipt's code page.
    var byte: UInt8
    /// Which source text the cell came from (a row has two: label 0, amount 1); -1 for padding.
    var field: Int
    /// The 1-based character offset in the source text, or 0 for padding the layout added.
    var sourceOffset: Int

    /// A space the layout inserts.
    static let padding = TextCell(byte: 0x20, field: -1, sourceOffset: 0)

    /// Whether the cell is a space (a place to wrap).
    var isSpace: Bool { byte == 0x20 }
}

/// A replacement before layout has decided the printed line.
struct PendingReplacement: Sendable, Hashable {
    /// Which source text (see ``TextCell/field``).
    var field: Int
    /// 1-based character offset in the source text.
    var characterOffset: Int
    /// The unprintable character.
    var original: String
    /// The stand-in that was printed.
    var replacement: String
}

/// Turns Unicode text into bytes of one code page, replacing what the page cannot print.
struct TextTranscoder: Sendable {
    /// The receipt's code page.
    let codePage: CodePage

    /// ASCII look-alikes for common typographic characters that some pages lack; anything else
    /// unprintable becomes `?`. Every use is still reported.
    static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{201E}": "\"", "\u{201C}": "\"", "\u{201D}": "\"", "\u{00AB}": "\"", "\u{00BB}": "\"",
        "\u{201A}": "'", "\u{2018}": "'", "\u{2019}": "'", "\u{2039}": "'", "\u{203A}": "'",
        "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-", "\u{2010}": "-", "\u{2011}": "-",
        "\u{00A0}": " ", "\u{202F}": " ", "\u{2009}": " ", "\u{2007}": " ",
        "\u{2022}": "*", "\u{00B7}": ".", "\u{2026}": ".",
    ]

    /// Encodes one paragraph (no line breaks) of source text `field` to cells. `firstOffset` is the
    /// 1-based offset of the paragraph's first character in its source text.
    func cells(for paragraph: Substring, firstOffset: Int, field: Int) -> (cells: [TextCell], replacements: [PendingReplacement]) {
        var cells: [TextCell] = []
        var replacements: [PendingReplacement] = []
        cells.reserveCapacity(paragraph.count)
        for (index, character) in paragraph.enumerated() {
            let offset = firstOffset + index
            let scalars = character.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first, let byte = codePage.byte(for: scalar) {
                cells.append(TextCell(byte: byte, field: field, sourceOffset: offset))
                continue
            }
            var stand: Unicode.Scalar = "?"
            if scalars.count == 1, let scalar = scalars.first, let lookAlike = Self.lookAlikes[scalar],
               codePage.byte(for: lookAlike) != nil {
                stand = lookAlike
            }
            cells.append(TextCell(byte: UInt8(stand.value), field: field, sourceOffset: offset))
            replacements.append(PendingReplacement(field: field, characterOffset: offset, original: String(character),
                                                   replacement: String(Character(stand))))
        }
        return (cells, replacements)
    }

    /// `text` in NFC. Text below U+0300 has no combining marks and is already composed, so the
    /// (slow) Foundation normalisation runs only when it can change something.
    static func composedNFC(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Splits text into paragraphs at line breaks (`\n`, `\r\n`, `\r`) after composing it (NFC),
    /// so that `u` + combining diaeresis prints as `ü`. Each paragraph carries its 1-based offset.
    static func paragraphs(of text: String) -> [(text: Substring, firstOffset: Int)] {
        let composed = composedNFC(text)
        var result: [(Substring, Int)] = []
        var start = composed.startIndex
        var offset = 1
        var startOffset = 1
        var index = composed.startIndex
        while index < composed.endIndex {
            if composed[index].isNewline {
                result.append((composed[start..<index], startOffset))
                start = composed.index(after: index)
                startOffset = offset + 1
            }
            index = composed.index(after: index)
            offset += 1
        }
        result.append((composed[start..<composed.endIndex], startOffset))
        return result
    }
}
