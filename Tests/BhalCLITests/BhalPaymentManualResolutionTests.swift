import Foundation
import TestSupport
import Testing

/// A payment left in doubt that the terminal cannot decide (it was replaced after the crash):
/// recover leaves it in doubt, new payments are refused with the next step, and a clerk settles
/// it with `bhal payment recover --mark`.
@Suite("bhal payment recover --mark after a terminal was replaced")
struct BhalPaymentManualResolutionTests {
    @Test("in doubt, replaced terminal, refusal naming --mark, manual resolution kept in the journal, payments again")
    func replacedTerminal() async throws {
        let env = PaymentCLI.journalEnvironment("manual")
        let original = try await PaymentCLI.simulator("drop-after-status")
        let uri = original.uri
        let lost = try await Harness.runBhal(["payment", "authorize", "13,00", "--terminal", uri, "--request-id", "fee-1", "--json"], environment: env)
        #expect(lost.status == 1)
        #expect(try PaymentCLI.object(lost.stdout)["outcome"] as? String == "inDoubt")
        let before = try #require(try await PaymentCLI.journalEntries(env).first)
        let identity = (before["request"] as? [String: Any])?["identity"] as? [String: Any]
        #expect(identity?["terminalID"] as? String == "52500001", "the TID of the Status Information is next to the URI")
        #expect((identity?["endpoints"] as? [String]) == [uri])
        original.process.terminate()

        // The replacement terminal on the same address has its own TID and books its own test payment of the same amount.
        let replacement = try await PaymentCLI.simulator("approve", port: original.port, extra: ["--terminal-id", "52500002"])
        defer { replacement.process.terminate() }
        let own = try await Harness.runBhal(["payment", "authorize", "13,00", "--terminal", uri], environment: PaymentCLI.journalEnvironment("other"))
        #expect(own.status == 0, "\(own.stderr)")

        let recover = try await Harness.runBhal(["payment", "recover", "--terminal", uri, "--json"], environment: env)
        #expect(recover.status == 1)
        let line = try #require(try PaymentCLI.objects(recover.stdout).first)
        #expect(line["requestID"] as? String == "fee-1" && line["status"] as? String == "inDoubt")
        let reason = line["reason"] as? String ?? ""
        #expect(reason.contains("52500002") && reason.contains("52500001"), "not taken for the lost payment: \(reason)")
        #expect(recover.stderr.contains("bhal payment recover --mark fee-1 approved|declined|aborted --reason TEXT"), "\(recover.stderr)")

        let refused = try await Harness.runBhal(["payment", "authorize", "5,00", "--terminal", uri, "--request-id", "fee-2"], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("fee-1") && refused.stderr.contains("still in doubt"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--mark fee-1 approved|declined|aborted --reason TEXT"), "the refusal says what to do next: \(refused.stderr)")
        #expect(try await PaymentCLI.journalEntries(env).count == 1, "fee-2 was never begun")

        let wrongTerminal = try await Harness.runBhal(["payment", "recover", "--mark", "fee-1", "approved", "--reason", "receipt",
                                                 "--terminal", "zvt+tcp://127.0.0.1:1"], environment: env)
        #expect(wrongTerminal.status == 1)
        #expect(wrongTerminal.stderr.contains("ran on"), "\(wrongTerminal.stderr)")

        let marked = try await Harness.runBhal(["payment", "recover", "--mark", "fee-1", "approved", "--reason", "merchant receipt 0001 found",
                                          "--json"], environment: env)
        #expect(marked.status == 0, "\(marked.stderr)")
        let markedLine = try #require(try PaymentCLI.objects(marked.stdout).first)
        #expect(markedLine["outcome"] as? String == "approved" && markedLine["manual"] as? Bool == true)

        let entry = try #require(try await PaymentCLI.journalEntries(env).first)
        #expect(entry["state"] as? String == "completed")
        #expect((entry["result"] as? [String: Any])?["outcome"] as? String == "approved")
        let manual = try #require(entry["manualResolution"] as? [String: Any])
        #expect(manual["outcome"] as? String == "approved")
        #expect(manual["reason"] as? String == "merchant receipt 0001 found")
        #expect((manual["resolvedAt"] as? Double ?? 0) > 0)
        #expect((entry["doubtReason"] as? String)?.isEmpty == false, "the doubt stays on record")
        let summaries = (entry["messages"] as? [[String: Any]] ?? []).compactMap { $0["summary"] as? String }
        #expect(summaries.contains { $0.hasPrefix("04 0F") } && summaries.contains { $0.hasPrefix("06 01") }, "the recorded answers stay")
        let text = try await Harness.runBhal(["payment", "journal"], environment: env)
        #expect(text.stdout.contains("resolved by hand") && text.stdout.contains("merchant receipt 0001 found"), "\(text.stdout)")

        let next = try await Harness.runBhal(["payment", "authorize", "5,00", "--terminal", uri, "--request-id", "fee-2", "--json"], environment: env)
        #expect(next.status == 0, "\(next.stderr)")
        let again = try await Harness.runBhal(["payment", "recover", "--mark", "fee-1", "declined", "--reason", "second thoughts"], environment: env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already completed"), "\(again.stderr)")
    }

    @Test("--mark usage errors exit 2", arguments: [
        ["payment", "recover", "--mark", "fee-1", "maybe", "--reason", "x"],
        ["payment", "recover", "--mark", "fee-1", "inDoubt", "--reason", "x"],
        ["payment", "recover", "--mark", "fee-1", "approved"],
        ["payment", "recover", "--mark", "fee-1", "approved", "--reason", "  "],
        ["payment", "recover", "--mark", "fee-1", "--reason", "x"],
        ["payment", "recover", "--reason", "x", "--terminal", "zvt+tcp://127.0.0.1:1"],
    ])
    func usage(arguments: [String]) async throws {
        let run = try await Harness.runBhal(arguments)
        #expect(run.status == 2, "\(run.stderr)")
    }

    @Test("recover through another host name finds nothing there and names the entries on other URIs")
    func otherSpelling() async throws {
        let env = PaymentCLI.journalEnvironment("spelling")
        let simulator = try await PaymentCLI.simulator("drop-after-status")
        defer { simulator.process.terminate() }
        _ = try await Harness.runBhal(["payment", "authorize", "13,00", "--terminal", simulator.uri, "--request-id", "fee-1"], environment: env)
        let run = try await Harness.runBhal(["payment", "recover", "--terminal", "zvt+tcp://localhost:\(simulator.port)"], environment: env)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Nothing to recover"))
        #expect(run.stderr.contains("fee-1 on \(simulator.uri) (TID 52500001)"), "\(run.stderr)")
        // The same address spelt with a character set is the same terminal.
        let upper = try await Harness.runBhal(["payment", "recover", "--terminal", "zvt+tcp://127.0.0.1:\(simulator.port)?charset=latin1", "--json"],
                                        environment: env)
        #expect(try PaymentCLI.objects(upper.stdout).map { $0["requestID"] as? String } == ["fee-1"])
    }
}
