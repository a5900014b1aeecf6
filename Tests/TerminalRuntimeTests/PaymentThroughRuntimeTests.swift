import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import TerminalRuntime
import TestSupport
import Testing

/// The money rule through the library: a kiosk application opens its terminal from a
/// configuration with `DeviceRegistry` (no CLI) and pays against `bhal simulate payment` over
/// loopback TCP; the payment journal is a real SQLite file.
@Suite("Payments through the runtime registry", .serialized)
struct PaymentThroughRuntimeTests {
    /// `bhal simulate payment --listen 127.0.0.1:0 --scenario NAME`, and the port it bound.
    static func simulator(_ scenario: String) async throws -> (BackgroundBhal, UInt16) {
        let process = try BackgroundBhal(["simulate", "payment", "--listen", "127.0.0.1:0", "--scenario", scenario])
        var bound: UInt16?
        _ = await process.waitUntil { process in
            guard let line = process.lines.first(where: { $0.contains("listening on 127.0.0.1:") }),
                  let text = line.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber) else { return false }
            bound = UInt16(text)
            return bound != nil
        }
        guard let bound else {
            let output = process.output
            process.terminate()
            throw SimulatorDidNotStart(output: output)
        }
        return (process, bound)
    }

    struct SimulatorDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "bhal simulate payment did not start: \(output)" }
    }

    /// A registry built the way an application builds one: YAML text through the loader, the
    /// journal at `journalPath`, no password in the environment.
    static func registry(port: UInt16, journalPath: String) throws -> DeviceRegistry {
        let yaml = """
            devices:
              payment:
                family: payment
                backend: zvt
                uri: "zvt+tcp://127.0.0.1:\(port)"
            """
        let configuration = try ConfigurationLoader().parse(yaml, file: "kiosk.yaml")
        return try DeviceRegistry(configuration: configuration,
                                  context: BackendContext(journalPath: journalPath, secrets: SecretSource(environment: [:])))
    }

    static func journalPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("runtime-\(name)-\(UUID().uuidString).sqlite").path
    }

    @Test("journaled before the first byte, in doubt when the line drops after the Status Information, refused while in doubt, resolved by recovery")
    func inDoubtPaymentThroughRegistry() async throws {
        let (simulator, port) = try await Self.simulator("drop-after-status")
        defer { simulator.terminate() }
        let path = Self.journalPath("drop")
        let registry = try Self.registry(port: port, journalPath: path)
        let terminal = try registry.paymentTerminal("payment")
        try await terminal.open()
        try await terminal.claim()

        let displays = DisplayLog()
        let first = try await terminal.authorize(amountCents: 1250, requestID: "fee-1") { displays.append($0) }
        #expect(first.outcome == .inDoubt, "\(first)")
        #expect(displays.prompts.contains(.insertCard), "the kiosk saw the terminal's displays as typed values: \(displays.all)")

        // The journal file, read by a second connection as `bhal payment journal` would.
        let reader = try SQLitePaymentJournal(path: path, readOnly: true)
        let entry = try #require(try await reader.entry(requestID: "fee-1"), "a payment through the registry is journaled")
        #expect(entry.state == .inDoubt)
        let sent = try #require(entry.messages.first)
        #expect(sent.direction == .sent && sent.summary.hasPrefix("06 01"), "the entry was begun before the command went out: \(entry.messages)")
        #expect(entry.createdAt <= sent.timestamp)
        #expect(entry.messages.contains { $0.direction == .received && $0.summary.hasPrefix("04 0F") }, "the Status Information was recorded")
        #expect(entry.request.identity.terminalID == "52500001")

        // Another payment on this terminal is refused by the journal, before anything is sent.
        await #expect {
            _ = try await terminal.authorize(amountCents: 700, requestID: "fee-2")
        } throws: { error in
            (error as? DeviceError)?.kind == .busy
        }
        #expect(try await reader.entry(requestID: "fee-2") == nil, "the refused payment has no entry")

        // Recovery asks the terminal (Repeat Receipt) and completes the entry with the booking it reports.
        let resolutions = try await terminal.recoverInDoubtPayments()
        #expect(resolutions.map(\.requestID) == ["fee-1"])
        let resolved = try #require(try await reader.entry(requestID: "fee-1"))
        #expect(resolved.state == .completed)
        #expect(resolved.result?.outcome == .approved)
        #expect(resolved.result?.amountCents == 1250, "the booking of fee-1, not of a fee-2 that was never sent")
        #expect(resolved.result?.receiptNumber == 1, "the terminal booked exactly one payment")
        #expect(try await reader.unresolved().isEmpty)

        // With nothing unresolved the terminal takes payments again.
        let next = try await terminal.authorize(amountCents: 300, requestID: "fee-3")
        #expect(next.outcome == .inDoubt, "this scenario drops every payment after its Status Information")
        #expect(try await reader.entry(requestID: "fee-3")?.state == .inDoubt)
        await terminal.close()
    }

    @Test("an approved payment through the registry is completed in the journal with its receipts")
    func approvedPaymentThroughRegistry() async throws {
        let (simulator, port) = try await Self.simulator("approve")
        defer { simulator.terminate() }
        let path = Self.journalPath("approve")
        let registry = try Self.registry(port: port, journalPath: path)
        let terminal = try registry.paymentTerminal("payment")
        try await terminal.open()
        try await terminal.claim()
        let result = try await terminal.perform(.authorization(amountCents: 1300, requestID: "fee-ok"))
        await terminal.close()

        #expect(result.outcome == .approved)
        #expect(result.maskedPAN == "672559******1234")
        #expect(!result.customerReceipt.isEmpty)
        let entry = try #require(try await SQLitePaymentJournal(path: path, readOnly: true).entry(requestID: "fee-ok"))
        #expect(entry.state == .completed && entry.result == result)
    }

    @Test("a journal that cannot be opened stops the payment before the terminal is asked anything")
    func unopenableJournalSendsNothing() async throws {
        let (simulator, port) = try await Self.simulator("approve")
        defer { simulator.terminate() }
        // A directory where the journal file should be: SQLite cannot open it.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let terminal = try Self.registry(port: port, journalPath: path).paymentTerminal("payment")
        try await terminal.open()
        try await terminal.claim()
        await #expect(throws: DeviceError.self) {
            _ = try await terminal.authorize(amountCents: 1300, requestID: "fee-nojournal")
        }
        // The terminal booked nothing: its Repeat Receipt has no transaction to show.
        let last = try await terminal.repeatReceipt()
        #expect(last.receiptNumber == nil && last.outcome != .approved, "\(last)")
        await terminal.close()
    }
}

/// The displays a payment handed to its `display` closure, in order.
final class DisplayLog: @unchecked Sendable {
    private let lock = NSLock()
    private var displays: [PaymentDisplay] = []

    func append(_ display: PaymentDisplay) {
        lock.withLock { displays.append(display) }
    }

    var all: [PaymentDisplay] { lock.withLock { displays } }
    var prompts: [PaymentDisplay.Prompt] { all.compactMap(\.prompt) }
}
