import Foundation
import TestSupport
import Testing

/// `bhal sigpad capture` end to end: the built binary on the simulated pad, which runs the STU
/// host code against the simulated pad device in process.
@Suite("bhal sigpad capture")
struct BhalSignaturePadCommandTests {
    @Test("--simulate --json captures the synthetic signature and prints counts, duration and bounding box only")
    func simulatedJSON() throws {
        let run = try Harness.runBhal(["sigpad", "capture", "--simulate", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "no log noise: \(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["outcome", "model", "strokes", "samples", "durationSeconds", "boundingBox", "maxX", "maxY"],
                "summaries only, never the samples")
        #expect(document["outcome"] as? String == "completed")
        #expect(document["model"] as? String == "STU-540")
        #expect(document["strokes"] as? Int == 2)
        #expect(document["samples"] as? Int == 220)
        #expect(document["durationSeconds"] as? Double == 1.095)
        let box = try #require(document["boundingBox"] as? [String: Int])
        #expect(box == ["minX": 1000, "maxX": 7570, "minY": 3000, "maxY": 3950])
    }

    @Test("the text form (alias bhal pad) is one line of counts")
    func simulatedText() throws {
        let run = try Harness.runBhal(["pad", "capture", "--simulate"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "completed on STU-540: 2 stroke(s), 220 samples in 1.095 s; bounding box x 1000–7570, y 3000–3950 of 0–9600 × 0–6000\n")
    }

    @Test("a timeout before the signature is complete exits 1, says what to do, and prints the outcome")
    func timeout() throws {
        let run = try Harness.runBhal(["sigpad", "capture", "--simulate", "--timeout", "1", "--json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no signature within 1 s: ask the signer to sign on the pad"), "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["outcome"] as? String == "timedOut")
        #expect(document["samples"] as? Int == 0)
    }

    @Test("usage errors exit 2", arguments: [["--timeout", "0"], ["--timeout", "601"], ["--simulate", "--pad", "usb:"], ["--pad", "usb://zz"]])
    func usageErrors(_ arguments: [String]) throws {
        let run = try Harness.runBhal(["sigpad", "capture"] + arguments)
        #expect(run.status == 2, "\(run.stdout) \(run.stderr)")
    }

    @Test("a pad that is not attached exits 1 and says what to check")
    func noPad() throws {
        let run = try Harness.runBhal(["sigpad", "capture", "--pad", "usb://056A:00A8"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no supported signature pad is attached") && run.stderr.contains("lsusb"), "\(run.stderr)")
    }
}
