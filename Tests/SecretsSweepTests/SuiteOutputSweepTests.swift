import DeviceCore
import Foundation
import Testing

/// The sweep of what the test suite left behind: `scripts/test.sh` runs the suite with its
/// temporary files in one directory, then runs this test with `BHAL_SWEEP_DIRS` naming that
/// directory, the services' run directory (daemon logs, CUPS spool, printer byte sink) and
/// `Fixtures/`. Every journal, spool, log, transcript and JSON output there is scanned; a finding
/// fails the test naming the file and the offset. Outside `scripts/test.sh` (no directories
/// named) it is skipped, visibly.
@Suite("Secrets sweep of the suite's output")
struct SuiteOutputSweepTests {
    static let directories: [String] = (ProcessInfo.processInfo.environment["BHAL_SWEEP_DIRS"] ?? "")
        .split(separator: ":").map(String.init).filter { !$0.isEmpty }

    @Test("no full card number, track data, labelled PIN/password or MRZ in anything the suite wrote",
          .enabled(if: !directories.isEmpty, "BHAL_SWEEP_DIRS names no directory (scripts/test.sh sets it after the suite)"))
    func sweep() throws {
        let scanner = SensitiveDataScanner(allowedNumbers: KnownTestIdentifiers.notCardNumbers)
        var scanned = 0
        var findings: [String] = []
        for directory in Self.directories {
            for file in Self.regularFiles(under: URL(fileURLWithPath: directory)) {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                scanned += 1
                findings += scanner.scan(data).map { "\(file.path): offset \($0.offset): \($0.kind.rawValue)" }
            }
        }
        #expect(scanned > 0, "the sweep found no files in \(Self.directories); the suite's output went elsewhere")
        for finding in findings.prefix(50) {
            Issue.record("\(finding) — remove it at its source (mask card numbers, never log secrets), then rerun `make test`")
        }
        #expect(findings.count == 0, "\(findings.count) finding(s)")
    }

    /// Regular files below `root`, symbolic links not followed, build output skipped.
    static func regularFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            // Build directories, and the macro expansions the compiler writes to TMPDIR while
            // `swift test` builds the tests (test source code, with its test card numbers).
            if url.lastPathComponent.hasPrefix(".build") || url.lastPathComponent == "swift-generated-sources" {
                walker.skipDescendants()
                continue
            }
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]),
                  values.isRegularFile == true, values.isSymbolicLink != true, (values.fileSize ?? 0) <= 64 << 20 else { continue }
            files.append(url)
        }
        return files
    }
}
