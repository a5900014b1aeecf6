import Foundation
import TestSupport
import Testing

/// `bhal simulate payment` in the background and what the payment CLI tests read back.
enum PaymentCLI {
    /// A running `bhal simulate payment --listen 127.0.0.1:PORT --scenario NAME` (port 0: a free one).
    struct Simulator {
        /// The process.
        let process: BackgroundBhal
        /// The port it listens on.
        let port: UInt16
        /// `zvt+tcp://127.0.0.1:PORT`.
        var uri: String { "zvt+tcp://127.0.0.1:\(port)" }
    }

    /// Starts the simulator over TCP and waits (up to 5 s) for the line naming its port.
    static func simulator(_ scenario: String, port: UInt16 = 0, extra: [String] = []) async throws -> Simulator {
        let process = try BackgroundBhal(["simulate", "payment", "--listen", "127.0.0.1:\(port)", "--scenario", scenario] + extra)
        for _ in 0..<500 {
            if let line = process.output.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
               let text = line.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber), let bound = UInt16(text) {
                return Simulator(process: process, port: bound)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let output = process.output
        process.terminate()
        throw SimulatorDidNotStart(output: output)
    }

    /// Starts the simulator on the terminal end of a pty pair and waits (up to 3 s) until it serves.
    static func serialSimulator(_ scenario: String, on pty: PtyPair) async throws -> BackgroundBhal {
        let process = try BackgroundBhal(["simulate", "payment", "--serial", pty.terminal, "--scenario", scenario])
        for _ in 0..<300 where !process.output.contains("ZVT terminal simulator on") {
            try await Task.sleep(for: .milliseconds(10))
        }
        return process
    }

    /// The simulator printed no listening line.
    struct SimulatorDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "bhal simulate payment did not start: \(output)" }
    }

    /// A fresh journal path and the environment that points `bhal` at it.
    static func journalEnvironment(_ name: String) -> [String: String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-\(name)-\(UUID().uuidString).sqlite").path
        return ["BHAL_PAYMENT_JOURNAL": path]
    }

    /// The JSON object `text` holds (fails the test otherwise).
    static func object(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)", sourceLocation: sourceLocation)
    }

    /// The JSON array of objects `text` holds (fails the test otherwise).
    static func objects(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text)", sourceLocation: sourceLocation)
    }

    /// The entries of `bhal payment journal --json`, newest first.
    static func journalEntries(_ environment: [String: String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [[String: Any]] {
        let listing = try await Harness.runBhal(["payment", "journal", "--json"], environment: environment)
        #expect(listing.status == 0, "\(listing.stderr)", sourceLocation: sourceLocation)
        return try #require(try object(listing.stdout, sourceLocation: sourceLocation)["entries"] as? [[String: Any]], sourceLocation: sourceLocation)
    }
}
