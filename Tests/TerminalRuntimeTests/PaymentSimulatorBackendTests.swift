import Clocks
import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import TerminalRuntime
import TestSupport
import Testing

/// The `simulator` payment backend is the real ZVT session (codecs, T3/T4, journal, recovery)
/// talking in memory to `ZVTTerminalSimulator`: payments through the registry, without sockets,
/// on an injected clock, journaled into real SQLite files.
@Suite("Payment simulator backend: the real ZVT stack in memory")
struct PaymentSimulatorBackendTests {
    /// A registry from YAML with one simulated terminal (`uri` if given), journaling into `journalPath`.
    static func registry(uri: String?, journalPath: String, clock: any Clock<Duration> = TestClock()) throws -> DeviceRegistry {
        let yaml = """
            devices:
              payment:
                family: payment
                backend: simulator

            """ + (uri.map { "    uri: \"\($0)\"\n" } ?? "")
        let configuration = try ConfigurationLoader().parse(yaml, file: "kiosk.yaml")
        return try DeviceRegistry(configuration: configuration,
                                  context: BackendContext(journalPath: journalPath, secrets: SecretSource(environment: [:]), clock: clock))
    }

    /// The opened and claimed terminal of `registry`.
    static func terminal(_ registry: DeviceRegistry) async throws -> any PaymentTerminal {
        let terminal = try registry.paymentTerminal("payment")
        try await terminal.open()
        try await terminal.claim()
        return terminal
    }

    static func reader(_ path: String) throws -> SQLitePaymentJournal { try SQLitePaymentJournal(path: path, readOnly: true) }

    @Test("an approved payment is journaled before its first byte and completed with its receipts")
    func approved() async throws {
        let path = PaymentThroughRuntimeTests.journalPath("sim-approve")
        let registry = try Self.registry(uri: nil, journalPath: path)
        let terminal = try await Self.terminal(registry)
        #expect(terminal is ZVTPaymentTerminal, "the simulator backend is the real ZVT session")
        #expect(terminal.info.backend == .simulated && terminal.info.backendName == "simulator")
        #expect(terminal.info.connection == "zvt+sim://52500001")
        let displays = DisplayLog()
        let result = try await terminal.authorize(amountCents: 1250, requestID: "sim-fee-1") { displays.append($0) }
        #expect(result.outcome == .approved, "\(result)")
        #expect(result.amountCents == 1250 && result.receiptNumber == 1 && result.terminalID == "52500001")
        #expect(result.maskedPAN == "672559******1234")
        #expect(result.customerReceipt.contains("Kundenbeleg"), "receipts decoded from Print Line messages: \(result.customerReceipt)")
        #expect(displays.prompts.contains(.insertCard) && displays.all.contains { $0.text == "PIN eingeben" },
                "04 FF decoded into typed displays: \(displays.all)")
        let statistics = await terminal.statistics
        #expect(statistics.bytesSent > 0 && statistics.bytesReceived > statistics.bytesSent, "real APDU bytes both ways: \(statistics)")
        await terminal.close()

        let entry = try #require(try await Self.reader(path).entry(requestID: "sim-fee-1"), "journaled like the zvt backend")
        #expect(entry.state == .completed && entry.result == result)
        let first = try #require(entry.messages.first)
        #expect(first.direction == .sent && first.summary.hasPrefix("06 01"))
        #expect(entry.createdAt <= first.timestamp)
        #expect(entry.request.identity.endpoints == ["zvt+sim://52500001"])
    }

    @Test("a decline scenario ends declined with its result code, completed in the journal")
    func declined() async throws {
        let path = PaymentThroughRuntimeTests.journalPath("sim-decline")
        let terminal = try await Self.terminal(try Self.registry(uri: "sim:?scenario=decline-05", journalPath: path))
        let result = try await terminal.authorize(amountCents: 990, requestID: "sim-declined")
        await terminal.close()
        #expect(result.outcome == .declined, "\(result)")
        #expect(result.resultCode == 0x05)
        let entry = try #require(try await Self.reader(path).entry(requestID: "sim-declined"))
        #expect(entry.state == .completed && entry.result?.outcome == .declined && entry.result?.resultCode == 0x05)
    }

    @Test("dropped after the Status Information: in doubt, the next payment refused, recovery resolves it from Repeat Receipt")
    func dropAfterStatusInformation() async throws {
        let path = PaymentThroughRuntimeTests.journalPath("sim-drop")
        let terminal = try await Self.terminal(try Self.registry(uri: "sim:?scenario=drop-after-status", journalPath: path))
        let first = try await terminal.authorize(amountCents: 1250, requestID: "sim-drop-1")
        #expect(first.outcome == .inDoubt, "\(first)")
        let reader = try Self.reader(path)
        let entry = try #require(try await reader.entry(requestID: "sim-drop-1"))
        #expect(entry.state == .inDoubt)
        #expect(entry.request.identity.terminalID == "52500001", "the TID from the Status Information was recorded")
        #expect(entry.doubtReason?.contains("closed") == true, "\(String(describing: entry.doubtReason))")

        await #expect {
            _ = try await terminal.authorize(amountCents: 700, requestID: "sim-drop-2")
        } throws: { error in
            (error as? DeviceError)?.kind == .busy
        }
        #expect(try await reader.entry(requestID: "sim-drop-2") == nil, "refused before anything was journaled or sent")

        let resolutions = try await terminal.recoverInDoubtPayments()
        #expect(resolutions.map(\.requestID) == ["sim-drop-1"])
        let resolved = try #require(try await reader.entry(requestID: "sim-drop-1"))
        #expect(resolved.state == .completed)
        #expect(resolved.result?.outcome == .approved && resolved.result?.amountCents == 1250 && resolved.result?.receiptNumber == 1)
        #expect(try await reader.unresolved().isEmpty)
        await terminal.close()
    }

    @Test("T3 runs on the injected clock: a terminal that never acknowledges ends the payment in doubt when the clock passes 5 s")
    func acknowledgementTimeoutOnTestClock() async throws {
        let path = PaymentThroughRuntimeTests.journalPath("sim-t3")
        let clock = TestClock()
        let terminal = try await Self.terminal(try Self.registry(uri: "sim:?scenario=no-ack", journalPath: path, clock: clock))
        let payment = Task { try await terminal.authorize(amountCents: 1250, requestID: "sim-t3") }
        // Real time passes while the command goes out (journal first); none of it counts for T3.
        var sent = false
        for _ in 0..<500 where !sent {
            // The file exists once the session has begun the entry.
            if let reader = try? Self.reader(path) {
                sent = (try? await reader.entry(requestID: "sim-t3"))?.messages.contains { $0.direction == .sent } == true
            }
            if !sent { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(sent, "the command was journaled as sent")
        try await Task.sleep(for: .milliseconds(100))
        #expect(await terminal.state == .busy, "no real time makes T3 expire")
        await clock.advance(by: .seconds(4))
        try await Task.sleep(for: .milliseconds(100))
        #expect(await terminal.state == .busy, "T3 is 5 s")
        // Then T3 runs out (advanced in steps, in case the timer was armed after the first advance).
        for _ in 0..<100 where await terminal.state == .busy {
            await clock.advance(by: .seconds(1))
            try await Task.sleep(for: .milliseconds(20))
        }
        let result = try await payment.value
        #expect(result.outcome == .inDoubt)
        #expect(result.message?.contains("T3") == true, "\(String(describing: result.message))")
        #expect(try await Self.reader(path).entry(requestID: "sim-t3")?.state == .inDoubt)
        await terminal.close()
    }

    @Test("a malformed reply from the simulated terminal is the same typed DeviceError as from `bhal simulate payment` over loopback TCP")
    func malformedReplyAsOverTCP() async throws {
        let scenario = "malformed-completion"
        let inMemory = try await Self.terminal(try Self.registry(uri: "sim:?scenario=\(scenario)",
                                                                 journalPath: PaymentThroughRuntimeTests.journalPath("sim-malformed")))
        let (process, port) = try await PaymentThroughRuntimeTests.simulator(scenario)
        defer { process.terminate() }
        let overTCP = try PaymentThroughRuntimeTests.registry(port: port, journalPath: PaymentThroughRuntimeTests.journalPath("tcp-malformed"))
            .paymentTerminal("payment")
        try await overTCP.open()
        try await overTCP.claim()

        let simulated = try #require(await #expect(throws: DeviceError.self) { _ = try await inMemory.statusEnquiry() })
        let real = try #require(await #expect(throws: DeviceError.self) { _ = try await overTCP.statusEnquiry() })
        #expect(simulated.kind == .protocol)
        #expect(simulated.message.hasPrefix("the terminal sent malformed ZVT data (offset "), "\(simulated)")
        #expect(simulated.backendCode?.domain == "ZVT" && simulated.backendCode?.name == "truncated", "\(simulated)")
        #expect(simulated.kind == real.kind)
        #expect(simulated.operation == real.operation)
        #expect(simulated.message == real.message)
        #expect(simulated.remedy == real.remedy)
        #expect(simulated.backendCode == real.backendCode)

        // In a payment the same bytes (the 06 0F after an approving 04 0F) leave it in doubt, for the same reason.
        let paidInMemory = try await inMemory.authorize(amountCents: 500, requestID: "malformed-memory")
        let paidOverTCP = try await overTCP.authorize(amountCents: 500, requestID: "malformed-tcp")
        #expect(paidInMemory.outcome == .inDoubt && paidOverTCP.outcome == .inDoubt)
        #expect(paidInMemory.message == paidOverTCP.message, "\(String(describing: paidInMemory.message))")
        await inMemory.close()
        await overTCP.close()
    }

    @Test("the self-test of the simulated configuration runs the status enquiry and diagnosis through ZVT")
    func selfTestThroughZVT() async throws {
        let registry = try DeviceRegistry(configuration: .simulated,
                                          context: BackendContext(journalPath: PaymentThroughRuntimeTests.journalPath("sim-selftest")))
        let report = await SelfTestRunner().run(registry.devices, level: .external)
        let payment = try #require(report.devices.first { $0.device.family == .paymentTerminal })
        #expect(payment.passed)
        #expect(payment.steps.map(\.name) == ["connection", "status enquiry", "diagnosis"])
        #expect(payment.steps.contains { $0.detail == "TID 52500001, ready (software BHAL-SIM 1.0)" },
                "the detail comes from the decoded 06 0F: \(payment.steps.map(\.detail))")
    }

    @Test("simulator URIs are checked at load time; unknown parameters and scenarios name file:line:column")
    func uriErrors() throws {
        let cases: [(uri: String, expected: String)] = [
            ("sim:?scenario=nope", "kiosk.yaml:5:10: devices.payment.uri: \"sim:?scenario=nope\" is not a valid simulator URI: unknown scenario \"nope\""),
            ("sim:?scenario=approve&delay=5", "kiosk.yaml:5:10: devices.payment.uri: \"sim:?scenario=approve&delay=5\" is not a valid simulator URI: unknown parameter \"delay\""),
            ("zvt+tcp://10.0.0.5", "kiosk.yaml:5:10: devices.payment.uri: \"zvt+tcp://10.0.0.5\" is not a valid simulator URI: expected sim:"),
        ]
        for (uri, expected) in cases {
            #expect {
                _ = try Self.registry(uri: uri, journalPath: "/nonexistent/never-opened.sqlite")
            } throws: { error in
                (error as? ConfigurationError)?.description.hasPrefix(expected) == true
            }
        }
        let parsed = try ConfigurationLoader().parse("devices:\n  payment:\n    family: payment\n    backend: simulator\n    uri: \"sim:?scenario=Decline-05\"\n")
        #expect(parsed.devices.first?.endpoint?.key == "sim:?scenario=decline-05", "parsed once, kept on the entry")
    }
}
