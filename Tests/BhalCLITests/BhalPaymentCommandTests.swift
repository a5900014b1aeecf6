import Foundation
import TestSupport
import Testing

/// `bhal simulate payment` and `bhal payment …` end to end: two processes talking ZVT over loopback TCP.
@Suite("bhal payment against bhal simulate payment", .serialized)
struct BhalPaymentCommandTests {
    /// Starts `bhal simulate payment --listen 127.0.0.1:0 --scenario NAME` and returns it with its URI.
    func simulator(_ scenario: String) async throws -> (BackgroundBhal, String) {
        let simulator = try await PaymentCLI.simulator(scenario)
        return (simulator.process, simulator.uri)
    }

    @Test("authorize 12.50 --json prints an approved result with receipts and exits 0")
    func authorizeApproved() async throws {
        let (simulator, uri) = try await simulator("approve")
        defer { simulator.terminate() }
        let run = try await Harness.runBhal(["payment", "authorize", "12.50", "--terminal", uri, "--request-id", "cli-1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["outcome"] as? String == "approved")
        #expect(json["resultCode"] as? String == "00")
        #expect(json["amountCents"] as? Int == 1250)
        #expect(json["receiptNumber"] as? Int == 1)
        #expect(json["trace"] as? Int == 1)
        #expect(json["terminalId"] as? String == "52500001")
        #expect(json["cardName"] as? String == "girocard")
        #expect(json["maskedPAN"] as? String == "672559******1234")
        #expect((json["customerReceipt"] as? [String])?.contains("Kundenbeleg") == true)
        #expect((json["merchantReceipt"] as? [String])?.contains("Händlerbeleg") == true)
    }

    @Test("authorize over zvt+serial through a socat pty pair against simulate payment --serial")
    func authorizeOverSerial() async throws {
        let pty = try PtyPair()
        defer { pty.stop() }
        let simulator = try await PaymentCLI.serialSimulator("approve-latin1", on: pty)
        defer { simulator.terminate() }
        let ecr = pty.ecr
        let run = try await Harness.runBhal(["payment", "authorize", "12.50", "--terminal", "zvt+serial://\(ecr)?baud=9600&charset=latin1", "--json"])
        #expect(run.status == 0, "\(run.stderr) \(simulator.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["outcome"] as? String == "approved")
        #expect((json["customerReceipt"] as? [String])?.first == "Bürgeramt Musterstadt")
    }

    @Test("a payment whose result was lost stays in doubt and blocks the next until recover resolves it; a request id is never sent twice")
    func inDoubtThenRecover() async throws {
        let (simulator, uri) = try await simulator("drop-after-status")
        defer { simulator.terminate() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-indoubt-\(UUID().uuidString).sqlite").path
        let env = ["BHAL_PAYMENT_JOURNAL": journal]

        let lost = try await Harness.runBhal(["payment", "authorize", "13,00", "--terminal", uri, "--request-id", "fee-1", "--json"], environment: env)
        #expect(lost.status == 1)
        let lostJSON = try #require(try JSONSerialization.jsonObject(with: Data(lost.stdout.utf8)) as? [String: Any])
        #expect(lostJSON["outcome"] as? String == "inDoubt")

        let listing = try await Harness.runBhal(["payment", "journal", "--json"], environment: env)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any])
        #expect(listed["unresolved"] as? Int == 1)

        let recovered = try await Harness.runBhal(["payment", "recover", "--terminal", uri, "--json"], environment: env)
        #expect(recovered.status == 0, "\(recovered.stdout) \(recovered.stderr)")
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(recovered.stdout.utf8)) as? [[String: Any]])
        #expect(lines.first?["requestID"] as? String == "fee-1")
        #expect(lines.first?["outcome"] as? String == "approved")

        let again = try await Harness.runBhal(["payment", "authorize", "13,00", "--terminal", uri, "--request-id", "fee-1"], environment: env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("fee-1"), "\(again.stderr)")
        let after = try await Harness.runBhal(["payment", "journal", "--json"], environment: env)
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(entries.count == 1, "one journal entry: the repeated request id was not sent again")
    }

    @Test("without --terminal the zvt terminal comes from the configuration; a configuration without one exits 2")
    func terminalFromConfiguration() async throws {
        let (simulator, uri) = try await simulator("approve")
        defer { simulator.terminate() }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-payment-\(UUID().uuidString).yaml")
        try "devices:\n  payment:\n    family: payment\n    backend: zvt\n    uri: \"\(uri)\"\n".write(to: config, atomically: true, encoding: .utf8)
        let status = try await Harness.runBhal(["payment", "status", "--config", config.path])
        #expect(status.status == 0, "\(status.stderr)")

        let noTerminal = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-nopay-\(UUID().uuidString).yaml")
        try "devices:\n  reader:\n    family: smartcard\n    backend: simulator\n".write(to: noTerminal, atomically: true, encoding: .utf8)
        let missing = try await Harness.runBhal(["payment", "status", "--config", noTerminal.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("names no payment terminal"), "\(missing.stderr)")
    }

    @Test("killing the client after the Status Information leaves the payment in doubt; recover resolves it without a second authorization",
          .timeLimit(.minutes(2)))
    func killedClientThenRecover() async throws {
        // 200 ms before each terminal message: time to kill the client between the Status
        // Information and the Completion (receipt lines come in between).
        let started = try await PaymentCLI.simulator("approve", extra: ["--delay-ms", "200"])
        let (simulator, uri) = (started.process, started.uri)
        defer { simulator.terminate() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-killed-\(UUID().uuidString).sqlite").path
        let env = ["BHAL_PAYMENT_JOURNAL": journal]
        let client = try BackgroundBhal(["payment", "authorize", "13,00", "--terminal", uri, "--request-id", "fee-kill"], environment: env)

        // Wait until the journal holds the terminal's Status Information, then kill the client hard.
        var statusInformationSeen = false
        for _ in 0..<300 where !statusInformationSeen {
            let listing = try await Harness.runBhal(["payment", "journal", "--json"], environment: env)
            statusInformationSeen = listing.stdout.contains("04 0F Status Information")
            if !statusInformationSeen { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(statusInformationSeen)
        client.kill()

        let recovered = try await Harness.runBhal(["payment", "recover", "--terminal", uri, "--json"], environment: env)
        #expect(recovered.status == 0, "\(recovered.stdout) \(recovered.stderr)")
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(recovered.stdout.utf8)) as? [[String: Any]])
        #expect(lines.map { $0["requestID"] as? String } == ["fee-kill"])
        #expect(lines.first?["outcome"] as? String == "approved")
        let after = try await Harness.runBhal(["payment", "journal", "--json"], environment: env)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        #expect(document["unresolved"] as? Int == 0)
        let entries = try #require(document["entries"] as? [[String: Any]])
        #expect(entries.count == 1, "one authorization in the journal")
        let sent = (entries.first?["messages"] as? [[String: Any]] ?? []).filter { $0["direction"] as? String == "sent" }
        #expect(sent.filter { ($0["summary"] as? String)?.hasPrefix("06 01") == true }.count == 1, "Authorization sent once: \(sent)")
    }

    @Test("a decline exits 1 with the result code; status and diagnosis exit 0")
    func declineAndStatus() async throws {
        let (simulator, uri) = try await simulator("decline-6a")
        defer { simulator.terminate() }
        let declined = try await Harness.runBhal(["payment", "authorize", "5,00", "--terminal", uri, "--json"])
        #expect(declined.status == 1)
        #expect(declined.stdout.contains("\"resultCode\" : \"6A\""))
        #expect(try await Harness.runBhal(["payment", "status", "--terminal", uri]).status == 0)
        #expect(try await Harness.runBhal(["payment", "diagnosis", "--terminal", uri]).status == 0)
    }

    @Test("usage errors exit 2", arguments: [["payment", "authorize", "1300c", "--terminal", "zvt+tcp://127.0.0.1:1"],
                                             ["payment", "authorize", "12.505", "--terminal", "zvt+tcp://127.0.0.1:1"],
                                             ["payment", "authorize", "12.50", "--terminal", "http://x"],
                                             ["simulate", "payment", "--scenario", "approve"]])
    func usage(arguments: [String]) async throws {
        #expect(try await Harness.runBhal(arguments).status == 2)
    }

    @Test("an unreachable terminal exits 1 with a message naming what to check")
    func unreachable() async throws {
        let run = try await Harness.runBhal(["payment", "status", "--terminal", "zvt+tcp://127.0.0.1:1"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refused"))
    }
}
