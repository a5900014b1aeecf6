import Foundation
import TestSupport
import Testing

/// Issue 9 end to end with the real `bhal` binary: hostile and real terminals (floods, field
/// habits of text and BCD fields), a simulator with several clients, a killed payment process.
@Suite("bhal payment and zvt against real and hostile terminals")
struct BhalPaymentFieldTests {
    /// What `authorize --deadline 2` against a flooding simulator must end with.
    struct Flood: Sendable, CustomTestStringConvertible {
        var scenario: String
        var outcome: String
        var state: String
        var testDescription: String { scenario }
    }

    @Test("a flooding terminal is aborted at --deadline; the journal entry stays small", arguments: [
        Flood(scenario: "flood-status", outcome: "aborted", state: "completed"),
        Flood(scenario: "flood-unknown", outcome: "aborted", state: "completed"),
        Flood(scenario: "flood-status-information", outcome: "inDoubt", state: "inDoubt"),
    ])
    func flood(_ flood: Flood) async throws {
        let simulator = try await PaymentCLI.simulator(flood.scenario)
        defer { simulator.process.terminate() }
        let journal = PaymentCLI.journalEnvironment("flood")
        let started = ContinuousClock.now
        let run = try await Harness.runBhal(["payment", "authorize", "12.50", "--terminal", simulator.uri, "--request-id", flood.scenario,
                                       "--deadline", "2", "--json"], environment: journal)
        let elapsed = ContinuousClock.now - started
        #expect(run.status == 1, "\(run.stderr)")
        #expect(elapsed < .seconds(20), "ended by the deadline, not by a timer of minutes: \(elapsed)")
        let json = try PaymentCLI.object(run.stdout)
        #expect(json["outcome"] as? String == flood.outcome, "\(run.stdout)")
        #expect((json["message"] as? String)?.contains("overall deadline") == true, "\(run.stdout)")
        let entry = try #require(try await PaymentCLI.journalEntries(journal).first)
        #expect(entry["state"] as? String == flood.state)
        let messages = try #require(entry["messages"] as? [[String: Any]])
        #expect(messages.count <= 110, "\(messages.count) journal messages for one payment")
        let summaries = messages.compactMap { $0["summary"] as? String }
        #expect(summaries.contains { $0.hasPrefix("06 B0") }, "the Abort is journaled")
        #expect(summaries.contains { $0.contains("not recorded one by one") }, "the flood is counted: \(summaries.suffix(4))")
    }

    @Test("an idle connection to the simulator does not block a payment; an idle one is closed after --idle-timeout")
    func idleClient() async throws {
        let simulator = try await PaymentCLI.simulator("approve", extra: ["--idle-timeout", "1"])
        defer { simulator.process.terminate() }
        let idle = try LoopbackClient(port: simulator.port)
        let run = try await Harness.runBhal(["payment", "authorize", "12.50", "--terminal", simulator.uri, "--json"],
                                      environment: PaymentCLI.journalEnvironment("idle"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try PaymentCLI.object(run.stdout)["outcome"] as? String == "approved")
        #expect(idle.waitForClose(timeout: 5), "the idle connection is closed")
    }

    @Test("bhal zvt decode: an Abort with FF FF as receipt number, CR in BMP 3C, NUL after the card name, card numbers masked")
    func decodeFieldHabits() async throws {
        let abort = try await Harness.runBhal(["zvt", "decode", "06 1E 04 B8 87 FF FF"])
        #expect(abort.status == 0, "\(abort.stderr)")
        #expect(abort.stdout.contains("(no value)"), "\(abort.stdout)")
        // 04 0F: 27 00; 3C "Karte 4761739001010010\rOK"; 8B "MasterCard 676100000006\0".
        let text = Array("Karte 4761739001010010\rOK".utf8)
        let name = Array("MasterCard 676100000006".utf8) + [0]
        let data: [UInt8] = [0x27, 0x00, 0x3C, 0xF0, 0xF2, 0xF0 | UInt8(text.count % 10)] + text + [0x8B, 0xF2, 0xF0 | UInt8(name.count % 10)] + name
        let apdu = [0x04, 0x0F, UInt8(data.count)] + data
        let hex = apdu.map { String(format: "%02X", $0) }.joined(separator: " ")
        for json in [false, true] {
            let run = try await Harness.runBhal(["zvt", "decode", hex] + (json ? ["--json"] : []))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("4761739001010010") && !run.stdout.contains("676100000006"), "\(run.stdout)")
            #expect(run.stdout.contains("476173******0010") && run.stdout.contains("********0006"), "\(run.stdout)")
            #expect(!run.stdout.contains("\u{FFFD}"), "\(run.stdout)")
        }
        let line = Array("PAN 676100000006".utf8)
        let printLine = ([0x06, 0xD1, UInt8(line.count + 1), 0x00] + line).map { String(format: "%02X", $0) }.joined(separator: " ")
        let printed = try await Harness.runBhal(["zvt", "decode", printLine])
        #expect(printed.status == 0 && !printed.stdout.contains("676100000006"), "\(printed.stdout)")
    }

    @Test("a killed payment process shows in doubt in bhal payment journal, before any writing command")
    func killedProcess() async throws {
        let simulator = try await PaymentCLI.simulator("timeout")
        defer { simulator.process.terminate() }
        let journal = PaymentCLI.journalEnvironment("killed")
        let payment = try BackgroundBhal(["payment", "authorize", "12.50", "--terminal", simulator.uri, "--request-id", "killed"],
                                         environment: journal)
        defer { payment.terminate() }
        var pending = false
        for _ in 0..<300 where !pending {
            let entries = (try? await Harness.runBhal(["payment", "journal", "--json"], environment: journal)).flatMap { try? PaymentCLI.object($0.stdout) }
            pending = ((entries?["entries"] as? [[String: Any]])?.first?["state"] as? String) == "pending"
            if !pending { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(pending, "while the process runs, its payment is pending")
        payment.kill()
        let entry = try #require(try await PaymentCLI.journalEntries(journal).first)
        #expect(entry["state"] as? String == "inDoubt", "\(entry)")
        #expect(entry["doubtReason"] as? String == "process ended before the result arrived")
        let listing = try await Harness.runBhal(["payment", "journal"], environment: journal)
        #expect(listing.stdout.contains("inDoubt"), "\(listing.stdout)")
    }
}
