import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// Inputs the fuzz targets (`make fuzz`) found, kept under `Fixtures/fuzz/regressions/`, run as
/// ordinary tests so the fix stays.
@Suite("Fuzz regressions: receipt printers")
struct FuzzRegressionTests {
    static let directory = Harness.repositoryRoot.appendingPathComponent("Fixtures/fuzz/regressions/FuzzESCPOS")

    /// The limits of the FuzzESCPOS target.
    static let limits = RenderLimits(maximumLengthMillimetres: 120, maximumTextLines: 200, maximumNotes: 64)

    /// A receipt job that reaches the render limit inside its last text run. Read in two pieces
    /// split inside that run, it used to report the cut-off at the second piece's first byte
    /// (489) instead of where the run starts in the job (488).
    @Test("a job split by a network read renders what it renders read at once, cut-off offset included")
    func splitTextRunAtRenderLimit() throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent("split-text-run-at-render-limit")))
        let whole = ESCPOSInterpreter.render(bytes, profile: .epsonTMT20, limits: Self.limits)
        #expect(whole.cutOffOffset == 488)
        // Every split inside the run that crosses the limit, and a spread of others.
        let splits = Array(485...500) + Array(stride(from: 1, to: bytes.count, by: 37))
        for split in splits {
            var interpreter = ESCPOSInterpreter(profile: .epsonTMT20, limits: Self.limits)
            _ = interpreter.feed(Array(bytes[..<split]))
            _ = interpreter.feed(Array(bytes[split...]))
            let pieces = interpreter.finish()
            #expect(pieces.text == whole.text, "split at \(split)")
            #expect(pieces.image == whole.image && pieces.cutCount == whole.cutCount, "split at \(split)")
            #expect(pieces.cutOffOffset == whole.cutOffOffset, "split at \(split)")
        }
    }
}
