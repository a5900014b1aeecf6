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
        if let cells = Self.cellsIfSimple(paragraph, codePage: codePage, firstOffset: firstOffset, field: field) {
            return (cells, [])
        }
        var cells: [TextCell] = []
        var replacements: [PendingReplacement] = []
        cells.reserveCapacity(paragraph.utf8.count)
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

    /// The fast path of ``cells(for:firstOffset:field:)``: when every character is a single scalar
    /// the page prints, the cells come straight from the scalars, without grapheme breaking.
    /// Returns `nil` at the first scalar that needs the full path.
    private static func cellsIfSimple(_ paragraph: Substring, codePage: CodePage, firstOffset: Int, field: Int) -> [TextCell]? {
        var cells: [TextCell] = []
        cells.reserveCapacity(paragraph.utf8.count)
        var offset = firstOffset
        for scalar in paragraph.unicodeScalars {
            guard standsAlone(scalar), let byte = codePage.byte(for: scalar) else { return nil }
            cells.append(TextCell(byte: byte, field: field, sourceOffset: offset))
            offset += 1
        }
        return cells
    }

    /// Appends the page's bytes for `text` when every scalar stands alone (one character, one
    /// column, already NFC) and the page prints it; otherwise appends nothing and returns `false`.
    /// Control characters, line breaks included, are never printable, so such text fails too.
    func appendIfSimple(_ text: String, to bytes: inout [UInt8]) -> Bool {
        let start = bytes.count
        for scalar in text.unicodeScalars {
            guard Self.standsAlone(scalar), let byte = codePage.byte(for: scalar) else {
                bytes.removeSubrange(start...)
                return false
            }
            bytes.append(byte)
        }
        return true
    }

    /// Whether `scalar` is a character on its own whatever surrounds it, and unchanged by NFC:
    /// below U+0300 every scalar but CR (which joins a following LF) is; from U+0300 on combining
    /// marks, joiners and composing scalars start, so only blocks known to be free of them count
    /// (see ``isComposedAlone(_:)``).
    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value != 0x0D && isComposedAlone(scalar)
    }

    /// `text` in NFC. Foundation's normalisation is slow, so it runs only when a scalar may change
    /// under it: text below U+0300 is composed already, and so are the punctuation (U+2010...U+205E),
    /// currency (U+20A0...U+20CF, €) and box-drawing (U+2500...U+25FF) blocks receipts use.
    static func composedNFC(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(isComposedAlone) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `scalar` is unchanged by NFC whatever surrounds it (no combining class, no
    /// composition, no singleton decomposition). Conservative: `false` means "normalise to be sure".
    private static func isComposedAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case ..<0x300, 0x2010...0x205E, 0x20A0...0x20CF, 0x2500...0x25FF: true
        default: false
        }
    }

    /// Splits text into paragraphs at line breaks (`\n`, `\r\n`, `\r` and the other characters
    /// Swift counts as newlines) after composing it (NFC), so that `u` + combining diaeresis prints
    /// as `ü`. Each paragraph carries its 1-based character offset.
    ///
    /// Text whose scalars all pass ``isComposedAlone(_:)`` has one character per scalar except
    /// CR LF, so it is walked by scalars, without grapheme breaking.
    static func paragraphs(of text: String) -> [(text: Substring, firstOffset: Int)] {
        let composed = composedNFC(text)
        guard composed.unicodeScalars.allSatisfy(isComposedAlone) else {
            return split(composed) { composed[$0].isNewline ? composed.index(after: $0) : nil }.map { ($0.text, $0.firstOffset) }
        }
        let scalars = composed.unicodeScalars
        return split(scalars) { index in
            guard isLineBreak(scalars[index].value) else { return nil }
            let next = scalars.index(after: index)
            return scalars[index] == "\r" && next < scalars.endIndex && scalars[next] == "\n" ? scalars.index(after: next) : next
        }.map { (Substring($0.text), $0.firstOffset) }
    }

    /// Splits `view`, one element per character, at the breaks `breakEnd` finds: for an index it
    /// returns where the break starting there ends, or `nil` if none starts there.
    private static func split<View: Collection>(_ view: View, breakEnd: (View.Index) -> View.Index?)
        -> [(text: View.SubSequence, firstOffset: Int)] {
        var result: [(View.SubSequence, Int)] = []
        var start = view.startIndex
        var offset = 1
        var startOffset = 1
        var index = view.startIndex
        while index < view.endIndex {
            var next = view.index(after: index)
            if let end = breakEnd(index) {
                result.append((view[start..<index], startOffset))
                next = end
                start = end
                startOffset = offset + 1
            }
            index = next
            offset += 1
        }
        result.append((view[start..<view.endIndex], startOffset))
        return result
    }

    /// `text` with line breaks as spaces (a row is one logical line), composed like paragraphs.
    static func singleLine(_ text: String) -> Substring {
        let composed = composedNFC(text)
        guard composed.unicodeScalars.contains(where: { isLineBreak($0.value) }) else { return Substring(composed) }
        return Substring(String(composed.map { $0.isNewline ? " " : $0 }))
    }

    /// The scalars Swift's `Character.isNewline` is true for: LF, VT, FF, CR, NEL, LS, PS.
    private static func isLineBreak(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
