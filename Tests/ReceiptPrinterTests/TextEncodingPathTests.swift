import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// The encoder writes plain one-line text and rows straight to bytes and everything else through
/// the cell layout. Both must lay out exactly like ``ReceiptLayout``: random labels, amounts and
/// texts on both sides of the line width, with umlauts, €, box drawing and combining marks.
@Suite("Receipt text: direct and laid-out paths agree with ReceiptLayout")
struct TextEncodingPathTests {
    /// Characters PC858 prints, a space-heavy mix so that wrapping and trimming happen.
    static let alphabet: [String] = ["a", "e", "n", "Z", "9", ",", " ", " ", " ", "ä", "Ö", "ß", "€", "─"]

    /// Random text of up to `maxLength` characters; one character in 100 is `u` with a combining
    /// diaeresis, which sends the whole text down the cell path.
    static func randomText(_ random: inout SplitMix64, maxLength: Int) -> String {
        let length = Int(random.next() % UInt64(maxLength + 1))
        return (0..<length).map { _ in
            random.next() % 100 == 0 ? "u\u{0308}" : alphabet[Int(random.next() % UInt64(alphabet.count))]
        }.joined()
    }

    /// The printed lines of a body: bytes decoded in PC858, split at LF (the last LF ends the last line).
    static func lines(_ body: [UInt8]) -> [String] {
        var lines: [String] = []
        var current = ""
        for byte in body {
            if byte == 0x0A {
                lines.append(current)
                current = ""
            } else {
                current.append(CodePage.pc858.character(for: byte) ?? "�")
            }
        }
        return lines
    }

    @Test("rows: 1000 random label/amount pairs at 48 and 32 columns", arguments: [PrinterProfile.epsonTMT20, .generic58mm])
    func rows(profile: PrinterProfile) throws {
        var random = SplitMix64(seed: 0x5EED_0400)
        let width = profile.charactersPerLine(.a)
        for _ in 0..<1000 {
            let label = Self.randomText(&random, maxLength: 60)
            let amount = Self.randomText(&random, maxLength: 40)
            let body = try #require(try ESCPOSTest.body([.row(label: label, amount: amount)], profile: profile))
            let expected = ReceiptLayout.row(label: label.precomposedStringWithCanonicalMapping,
                                             amount: amount.precomposedStringWithCanonicalMapping, width: width)
            #expect(Self.lines(body) == expected, "label \(label.debugDescription) amount \(amount.debugDescription)")
        }
    }

    @Test("text: 1000 random paragraphs at 48 and 32 columns", arguments: [PrinterProfile.epsonTMT20, .generic58mm])
    func text(profile: PrinterProfile) throws {
        var random = SplitMix64(seed: 0x5EED_0401)
        let width = profile.charactersPerLine(.a)
        for _ in 0..<1000 {
            let text = Self.randomText(&random, maxLength: 70)
            let body = try #require(try ESCPOSTest.body([.text(text)], profile: profile))
            let expected = ReceiptLayout.wrap(text.precomposedStringWithCanonicalMapping, width: width)
            #expect(Self.lines(body) == expected, "text \(text.debugDescription)")
        }
    }

    @Test("offsets and lines of replaced characters count CR LF as one character on both paths",
          arguments: [("A\r\n–B", 3), ("A\r\n✓–B", 4)])
    func offsetsAfterCRLF(text: String, dashOffset: Int) throws {
        let encoded = try ESCPOSTest.encode([.text(text)])
        let dash = try #require(encoded.replacements.first { $0.original == "–" })
        #expect(dash.characterOffset == dashOffset)
        #expect(dash.line == 2)
        #expect(dash.replacement == "-")
    }
}
