import DeviceCore
import Foundation
import PaymentTerminal
import ReceiptPrinter
import TerminalRuntime
import TestSupport
import Testing

/// The README's library example: it is this target's code, and it runs.
@Suite("Using the library (README example)")
struct UsingTheLibraryTests {
    @Test("README.md shows the example exactly as it is compiled here")
    func readmeMatchesCompiledExample() throws {
        let source = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("Tests/TerminalRuntimeTests/UsingTheLibraryExample.swift"),
                                encoding: .utf8)
        let readme = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(source.range(of: "// README-EXAMPLE-BEGIN\n"))
        let end = try #require(source.range(of: "// README-EXAMPLE-END"))
        let example = String(source[begin.upperBound..<end.lowerBound])
        #expect(example.split(separator: "\n").count <= 40, "about 30 lines")
        #expect(readme.contains("```swift\n" + example + "```"), "README.md's \"Using the library\" block differs from the compiled example")
    }

    @Test("the example takes a fee and prints its receipt on the simulators")
    func exampleRunsOnSimulators() async throws {
        // The simulated terminal journals like a real one: into a fresh file, not the system journal.
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString).sqlite").path
        let registry = try DeviceRegistry(configuration: .simulated, context: BackendContext(journalPath: journal))
        let result = try await takeFee(cents: 1300, bookingID: "booking-\(UUID().uuidString)", registry: registry)
        #expect(result.outcome == .approved && result.amountCents == 1300)
        #expect(try await registry.receiptPrinter("receipt").statistics.operationCount >= 1)
    }
}
