import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// The synthetic receipts under `Fixtures/escpos/` and their byte goldens.
///
/// A golden is named `<receipt>.<profile>.bin`: the bytes `bhal escpos encode <receipt>.json
/// --profile <profile>` writes. Goldens were written once by the encoder after the bytes were
/// checked by hand against escpos.md (see Fixtures/escpos/README.md); a change to them is a change
/// to what printers receive and must be reviewed as such.
enum ESCPOSFixtures {
    /// `Fixtures/escpos/`.
    static let directory = Harness.repositoryRoot.appendingPathComponent("Fixtures/escpos")

    /// Every (receipt JSON, profile, golden) triple in the directory.
    static func goldens() throws -> [(json: URL, profile: String, golden: URL)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var result: [(URL, String, URL)] = []
        for file in files where file.hasSuffix(".bin") {
            let parts = file.dropLast(4).split(separator: ".", maxSplits: 1)
            guard parts.count == 2 else { continue }
            result.append((directory.appendingPathComponent("\(parts[0]).json"), String(parts[1]), directory.appendingPathComponent(file)))
        }
        return result
    }
}

@Suite("ESC/POS goldens")
struct ESCPOSGoldenTests {
    @Test("every receipt fixture has a golden for the default profile")
    func everyFixtureHasGolden() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ESCPOSFixtures.directory.path)
        let receipts = files.filter { $0.hasSuffix(".json") }
        #expect(!receipts.isEmpty)
        for receipt in receipts {
            let stem = receipt.dropLast(5)
            #expect(files.contains("\(stem).\(PrinterProfile.default.id).bin"), "no golden for \(receipt)")
        }
    }

    @Test("each fixture encodes byte for byte to its golden")
    func goldens() throws {
        let goldens = try ESCPOSFixtures.goldens()
        #expect(goldens.count >= 5)
        for (json, profileID, golden) in goldens {
            let profile = try #require(PrinterProfile.named(profileID), "unknown profile in \(golden.lastPathComponent)")
            let receipt = try ReceiptJSON.decode(try Data(contentsOf: json))
            let bytes = try ESCPOSEncoder(profile: profile).encode(receipt).bytes
            let expected = [UInt8](try Data(contentsOf: golden))
            let firstDifference = zip(bytes, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(bytes == expected,
                    "\(golden.lastPathComponent): \(bytes.count) bytes vs \(expected.count) expected; first difference at offset \(firstDifference.map(String.init) ?? "end")")
        }
    }

    @Test("the complete receipt on TM-T20: header, then the code page before any text; cut at the end after LF")
    func completeReceiptStructure() throws {
        let receipt = try ReceiptJSON.decode(try Data(contentsOf: ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json")))
        let encoded = try ESCPOSEncoder().encode(receipt)
        #expect(encoded.bytes.starts(with: ESCPOSTest.epsonHeader))
        #expect(encoded.bytes.suffix(5) == [0x0A, 0x1D, 0x56, 0x42, 0x00])
        #expect(encoded.replacements.isEmpty)
        #expect(encoded.warnings.isEmpty)
        let german: [UInt8] = ESCPOSTest.ascii("Geb") + [0x81] + ESCPOSTest.ascii("hr f") + [0x81] + ESCPOSTest.ascii("r F") + [0x81]
        #expect(encoded.bytes.firstRange(of: german) != nil)
    }

    @Test("on the 58 mm profile the cut becomes a tear-off feed and the drawer pulse is left out, with warnings")
    func degradedOn58mm() throws {
        let receipt = try ReceiptJSON.decode(try Data(contentsOf: ESCPOSFixtures.directory.appendingPathComponent("complete-receipt.json")))
        let encoded = try ESCPOSEncoder(profile: .generic58mm).encode(receipt)
        #expect(encoded.warnings.count == 2)
        #expect(encoded.bytes.suffix(3) == [0x1B, 0x64, 0x04])
        #expect(encoded.bytes.firstRange(of: [0x1B, 0x70]) == nil)
    }
}
