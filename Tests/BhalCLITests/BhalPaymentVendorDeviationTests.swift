import Foundation
import TestSupport
import Testing

/// The vendor deviations of the field, end to end: `bhal payment authorize --json` against
/// `bhal simulate payment --scenario NAME`, over loopback TCP and a socat pty pair.
@Suite("bhal payment against the simulator's vendor deviations")
struct BhalPaymentVendorDeviationTests {
    /// What one scenario must produce in `--json` and as exit code.
    struct Expected: Sendable, CustomTestStringConvertible {
        var scenario: String
        var uriSuffix = ""
        var status: Int32 = 0
        var outcome = "approved"
        var resultCode = "00"
        var maskedPAN: String? = "672559******1234"
        var cardName: String? = "girocard"
        var receipt: [String] = ["Bürgeramt Musterstadt", "Kundenbeleg"]
        var testDescription: String { scenario }
    }

    static let expectations: [Expected] = [
        Expected(scenario: "unknown-status"),
        Expected(scenario: "refuse-1e-6c", status: 1, outcome: "aborted", resultCode: "6C", maskedPAN: nil, cardName: nil, receipt: []),
        Expected(scenario: "refuse-1e-late-6c", status: 1, outcome: "aborted", resultCode: "6C", maskedPAN: nil, cardName: nil, receipt: []),
        Expected(scenario: "refuse-1e-late-05", status: 1, outcome: "declined", resultCode: "05", maskedPAN: nil, cardName: nil, receipt: []),
        Expected(scenario: "approve-latin1-lines", uriSuffix: "?charset=latin1", receipt: ["Bürgeramt Musterstadt", "Gebühr bezahlt - Danke"]),
        Expected(scenario: "approve-latin1", uriSuffix: "?charset=latin1", receipt: ["Bürgeramt Musterstadt", "Gebühr bezahlt - Danke"]),
        Expected(scenario: "empty-pan", maskedPAN: nil),
        Expected(scenario: "no-card-name", cardName: nil),
        Expected(scenario: "unmasked-pan", maskedPAN: "476173******0010", receipt: ["girocard 476173******0010"]),
    ]

    /// Checks one `authorize --json` run against the expectation, and the journal entry it left.
    func check(_ run: BhalRun, _ expected: Expected, journal: [String: String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(run.status == expected.status, "\(run.stderr)", sourceLocation: sourceLocation)
        let json = try PaymentCLI.object(run.stdout, sourceLocation: sourceLocation)
        #expect(json["outcome"] as? String == expected.outcome, sourceLocation: sourceLocation)
        #expect(json["resultCode"] as? String == expected.resultCode, sourceLocation: sourceLocation)
        #expect(json["amountCents"] as? Int == (expected.status == 0 ? 1250 : nil), sourceLocation: sourceLocation)
        if let pan = expected.maskedPAN {
            #expect(json["maskedPAN"] as? String == pan, sourceLocation: sourceLocation)
        } else {
            #expect(json["maskedPAN"] is NSNull, "absent, not garbage: \(String(describing: json["maskedPAN"]))", sourceLocation: sourceLocation)
        }
        if let name = expected.cardName {
            #expect(json["cardName"] as? String == name, sourceLocation: sourceLocation)
        } else {
            #expect(json["cardName"] is NSNull, sourceLocation: sourceLocation)
        }
        let receipt = json["customerReceipt"] as? [String] ?? []
        #expect(expected.receipt.allSatisfy(receipt.contains), "\(receipt)", sourceLocation: sourceLocation)
        if expected.receipt.isEmpty { #expect(receipt.isEmpty, sourceLocation: sourceLocation) }
        #expect(!run.stdout.contains("4761739001010010") && !run.stderr.contains("4761739001010010"), sourceLocation: sourceLocation)
        let entries = try await PaymentCLI.journalEntries(journal, sourceLocation: sourceLocation)
        #expect(entries.count == 1, sourceLocation: sourceLocation)
        #expect(entries.first?["state"] as? String == "completed", sourceLocation: sourceLocation)
        #expect((entries.first?["result"] as? [String: Any])?["outcome"] as? String == expected.outcome, sourceLocation: sourceLocation)
    }

    @Test("over TCP: outcome, result code, masked PAN, card name, receipts and exit code", arguments: expectations)
    func overTCP(_ expected: Expected) async throws {
        let simulator = try await PaymentCLI.simulator(expected.scenario)
        defer { simulator.process.terminate() }
        let journal = PaymentCLI.journalEnvironment("vendor")
        let run = try await Harness.runBhal(["payment", "authorize", "12.50", "--terminal", simulator.uri + expected.uriSuffix,
                                       "--request-id", expected.scenario, "--json"], environment: journal)
        try await check(run, expected, journal: journal)
        let listing = try await Harness.runBhal(["payment", "journal", "--json"], environment: journal)
        #expect(!listing.stdout.contains("4761739001010010"), "no full card number in the journal listing")
    }

    @Test("over a socat pty pair: 84 1E after the acknowledgement, ISO 8859-1 print lines, empty PAN",
          arguments: expectations.filter { ["refuse-1e-late-6c", "approve-latin1-lines", "empty-pan"].contains($0.scenario) })
    func overSerial(_ expected: Expected) async throws {
        let pty = try PtyPair()
        defer { pty.stop() }
        let simulator = try await PaymentCLI.serialSimulator(expected.scenario, on: pty)
        defer { simulator.terminate() }
        let journal = PaymentCLI.journalEnvironment("vendor-serial")
        let suffix = expected.uriSuffix.isEmpty ? "?baud=9600" : expected.uriSuffix + "&baud=9600"
        let run = try await Harness.runBhal(["payment", "authorize", "12.50", "--terminal", "zvt+serial://\(pty.ecr)\(suffix)", "--json"],
                                      environment: journal)
        try await check(run, expected, journal: journal)
    }

    @Test("simulate payment --help lists every scenario; an unknown one is a usage error naming them")
    func scenarioNames() async throws {
        let help = try await Harness.runBhal(["simulate", "payment", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for name in ["unknown-status", "refuse-1e-HH", "refuse-1e-late-HH", "approve-latin1-lines", "empty-pan", "no-card-name", "unmasked-pan", "approve-then-abort-HH"] {
            #expect(text.contains(name), "\(name) missing from the help")
        }
        let unknown = try await Harness.runBhal(["simulate", "payment", "--listen", "127.0.0.1:0", "--scenario", "refuse-1e-zz"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("refuse-1e-late-HH"), "\(unknown.stderr)")
    }
}
