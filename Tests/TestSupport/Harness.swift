public import Foundation
public import Testing

/// Facts about the real-service test harness that `scripts/test.sh` (`make test`) starts:
/// pcscd with the vpcd reader driver and a virtual card, and a private cupsd with a raw queue.
///
/// Tests that need a service are enabled only under the harness; run alone (`swift test`) they
/// are skipped with ``skipReason``. Under the harness they must run, so a missing service fails.
public enum Harness {
    /// Whether the harness started the services (`BHAL_TEST_HARNESS=1`).
    public static var isActive: Bool { value("BHAL_TEST_HARNESS") == "1" }

    /// The trait for tests that need the harness's services: enabled under the harness, otherwise
    /// skipped with the command that runs them.
    public static var services: ConditionTrait {
        .enabled(if: isActive, "needs pcscd+vpcd and a private cupsd: run `make test` (scripts/test.sh) as root")
    }

    /// The trait for tests that run python-escpos from PyPI: enabled under the harness (which
    /// exports `BHAL_TEST_PYTHON_ESCPOS`, the python of its venv) or when that variable is set by
    /// hand; otherwise skipped with how to run them.
    public static var pythonEscpos: ConditionTrait {
        .enabled(if: isActive || value("BHAL_TEST_PYTHON_ESCPOS") != nil,
                 "needs python-escpos 3.1 from PyPI: run `make test` (scripts/test.sh prepares a venv), or set BHAL_TEST_PYTHON_ESCPOS to the python of a venv that has it")
    }

    /// A harness variable, or `nil` outside the harness.
    public static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name]
    }

    /// A harness variable that must be set under the harness.
    public static func required(_ name: String) throws -> String {
        guard let value = value(name), !value.isEmpty else { throw HarnessError(message: "\(name) is not set; run the tests through `make test`") }
        return value
    }

    /// The built `bhal` executable: `$BHAL_BINARY`, else next to the test bundle (SwiftPM puts
    /// products in one directory), else `.build/debug/bhal`. Test targets that run it depend on
    /// the `bhal` target so `swift test` builds it.
    public static let bhalBinary: URL = {
        if let path = value("BHAL_BINARY") { return URL(fileURLWithPath: path) }
        return builtProduct("bhal")
    }()

    /// The built executable product `name` (e.g. `KioskDemo`): next to the test bundle (SwiftPM
    /// puts products in one directory), else `.build/debug/NAME`. The test target must depend on
    /// the product's target so `swift test` builds it.
    public static func builtProduct(_ name: String) -> URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/\(name)")
    }

    /// The repository root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// A harness precondition that does not hold.
public struct HarnessError: Error, CustomStringConvertible {
    /// What is missing.
    public var message: String

    /// Creates the error; `message` says what is missing and how to get it.
    public init(message: String) {
        self.message = message
    }
    /// The message.
    public var description: String { message }
}
