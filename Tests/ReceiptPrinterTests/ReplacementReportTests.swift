import Foundation
@testable import ReceiptPrinter
import Testing

/// Characters the code page cannot print: encoding stays linear in their number, and many of them
/// are reported in one summary line.
@Suite("Replacements at scale")
struct ReplacementReportTests {
    @Test("200 000 characters the page lacks encode in linear time, each filed under its printed line", .timeLimit(.minutes(1)))
    func manyUnprintable() throws {
        let started = ContinuousClock.now
        let encoded = try ESCPOSEncoder(profile: .epsonTMT20).encode(Receipt(elements: [.text(String(repeating: "中", count: 200_000))]))
        let elapsed = ContinuousClock.now - started
        // Quadratic filing took minutes here (37 s in a release build); linear takes well under a second.
        #expect(elapsed < .seconds(20), "\(elapsed)")
        #expect(encoded.replacements.count == 200_000)
        #expect(encoded.replacements.first?.line == 1)
        // 48 columns per line: character 200 000 is on line 4167.
        #expect(encoded.replacements.last?.line == 4167)
        #expect(encoded.replacements.last?.characterOffset == 200_000)
        #expect(zip(encoded.replacements, encoded.replacements.dropFirst()).allSatisfy { $0.line <= $1.line })
    }

    @Test("more than five replacements are one summary line naming the count, the characters and the first place")
    func summary() throws {
        let encoded = try ESCPOSEncoder(profile: .epsonTMT20).encode(Receipt(elements: [
            .text("Straße"), .text(String(repeating: "中", count: 200_000) + "😀"), .row(label: "ア", amount: "1,00 €"),
        ]))
        let report = CharacterReplacement.report(encoded.replacements)
        #expect(report == [
            "200002 characters not in PC858 replaced (\"中\" (U+4E2D) ×200000 as \"?\", \"😀\" (U+1F600) ×1 as \"?\", "
                + "\"ア\" (U+30A2) ×1 as \"?\"), first at elements[1].text character 1 (printed line 2)",
        ])
    }

    @Test("up to five replacements are listed one per line, as before")
    func fewListed() throws {
        let encoded = try ESCPOSEncoder(profile: .epsonTMT20).encode(Receipt(elements: [.text("„Zitat“ – 中")]))
        let report = CharacterReplacement.report(encoded.replacements)
        #expect(report.count == encoded.replacements.count)
        #expect(report == encoded.replacements.map(\.description))
    }
}
