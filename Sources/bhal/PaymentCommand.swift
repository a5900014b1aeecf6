import ArgumentParser
import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import TerminalRuntime

/// `bhal payment`: take and manage card payments through a ZVT terminal.
struct PaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment",
        abstract: "Take card payments through a ZVT payment terminal.",
        discussion: """
            Every subcommand takes --terminal URI (or finds the zvt terminal in the configuration): zvt+tcp://HOST[:PORT] (default port 20007) or \
            zvt+serial:///dev/ttyS0?baud=9600, optionally with charset=cp437|latin1 and deadline=SECONDS (the overall \
            deadline of a command, default 300; --deadline overrides it). The terminal's ZVT password \
            is read from the first line of the file $BHAL_ZVT_PASSWORD_FILE names, else from $BHAL_ZVT_PASSWORD (default 000000), \
            never from the command line. \
            Payments are journaled before the first byte is sent (--journal PATH, else $BHAL_PAYMENT_JOURNAL, \
            else /var/lib/buergerhal/payments.sqlite); payments left in doubt are resolved with the terminal \
            before a new one is sent, and a request id is never sent twice. \
            Exit codes: 0 approved / done, 1 declined, aborted, in doubt or failed, 2 usage error.
            """,
        subcommands: [PaymentAuthorizeCommand.self, PaymentRefundCommand.self, PaymentReverseCommand.self,
                      PaymentEndOfDayCommand.self, PaymentDiagnosisCommand.self, PaymentStatusCommand.self, PaymentAbortCommand.self,
                      PaymentRecoverCommand.self, PaymentJournalCommand.self])
}

/// The options every `bhal payment` subcommand shares.
struct PaymentTerminalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The terminal: zvt+tcp://HOST[:PORT] or zvt+serial:///dev/DEVICE?baud=9600 (default: the zvt payment terminal of the configuration).", valueName: "URI"))
    var terminal: String?

    @Option(name: .long, help: ArgumentHelp("Configuration file naming the terminal, when --terminal is not given.", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The payment journal (SQLite).", valueName: "PATH"))
    var journal: String?

    @Option(name: .long, help: ArgumentHelp("""
        Overall deadline of one terminal command in seconds (1-3600; default: the URI's deadline=SECONDS, else 300). \
        When it passes the kiosk sends Abort; a payment the terminal may have booked ends in doubt.
        """, valueName: "SECONDS"))
    var deadline: Int?

    /// Checks a given --terminal or --config now (usage errors before anything is opened); the
    /// configuration at the default places is read when a command needs the terminal, so
    /// `recover --mark` works without one.
    func validate() throws {
        if let deadline, !ZVTTerminalConfiguration.transactionDeadlineSeconds.contains(deadline) {
            throw ValidationError("--deadline must be a whole number of seconds from 1 to 3600")
        }
        if terminal != nil || config != nil { _ = try device() }
    }

    /// The journal file: --journal, else $BHAL_PAYMENT_JOURNAL, else the system default.
    var journalPath: String { journal ?? SQLitePaymentJournal.defaultPath }

    /// The terminal's device entry, its URI parsed once: --terminal, else the first `zvt` payment
    /// terminal in the configuration (--config, $BHAL_CONFIG, /etc/buergerhal/bhal.yaml).
    func device() throws -> DeviceConfiguration {
        if let terminal {
            let parsed: ZVTTerminalConfiguration
            do { parsed = try ZVTTerminalConfiguration(uri: terminal) } catch { throw ValidationError("--terminal: \(error)") }
            return withDeadline(DeviceConfiguration(logicalName: "payment", family: .paymentTerminal, backend: "zvt", uri: terminal,
                                                    endpoint: .zvt(parsed)))
        }
        let path = config ?? ProcessInfo.processInfo.environment["BHAL_CONFIG"] ?? ConfigurationOptions.defaultPath
        let devices = try ConfigurationLoader().load(path: path).devices
        guard let entry = devices.first(where: { $0.family == .paymentTerminal && $0.backend == "zvt" }), entry.uri != nil else {
            throw ValidationError("no --terminal given and \(path) names no payment terminal with backend zvt")
        }
        return withDeadline(entry)
    }

    /// `entry` with --deadline, when given, as its terminal's overall deadline.
    private func withDeadline(_ entry: DeviceConfiguration) -> DeviceConfiguration {
        guard let deadline, case .zvt(var parsed)? = entry.endpoint else { return entry }
        var entry = entry
        parsed.transactionDeadline = .seconds(deadline)
        entry.endpoint = .zvt(parsed)
        return entry
    }

    /// Runs a command that moves money: earlier payments in doubt are resolved first, then the
    /// result is printed and the command fails with exit code 1 unless it was approved.
    func pay(_ body: (any PaymentTerminal) async throws(DeviceError) -> PaymentResult) async throws {
        try PaymentOutput.finish(try await withTerminal(recoverFirst: true, body), json: json)
    }

    /// Opens the journal, gets the terminal from a registry of that one device (the runtime path
    /// every application takes: the catalog gives it the journal and the password from
    /// $BHAL_ZVT_PASSWORD_FILE or $BHAL_ZVT_PASSWORD), opens and claims it, runs `body`, and closes the terminal again.
    /// With `recoverFirst` (every command that moves money), entries left in doubt for this
    /// terminal are resolved with it first; one that stays in doubt makes the journal refuse the
    /// new payment.
    func withTerminal<T: Sendable>(recoverFirst: Bool = false, _ body: (any PaymentTerminal) async throws(DeviceError) -> T) async throws -> T {
        let device = try device()  // usage errors before the journal file is touched
        let journal: SQLitePaymentJournal
        do {
            journal = try SQLitePaymentJournal(path: journalPath)
        } catch {
            throw CommandFailure("payment journal \(journalPath): \(error)")
        }
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: [device]),
                                          context: BackendContext(paymentJournal: journal))
        let terminal = try registry.paymentTerminal(device.logicalName)
        do {
            try await terminal.open()
            try await terminal.claim()
            if recoverFirst {
                // One left in doubt makes the journal refuse the payment below, saying what to do next.
                for resolution in try await terminal.recoverInDoubtPayments() {
                    FileHandle.standardError.write(Data("bhal: earlier payment \(resolution.requestID): \(PaymentRecoveryText.describe(resolution))\n".utf8))
                }
            }
            let value = try await body(terminal)
            await terminal.close()
            return value
        } catch {
            await terminal.close()
            throw CommandFailure("\(error)")
        }
    }
}

/// Parses and prints payment results.
enum PaymentOutput {
    /// Prints `result` as JSON or text and fails with exit code 1 unless it was approved.
    static func finish(_ result: PaymentResult, json: Bool) throws {
        if json {
            print(try JSONText.encode(PaymentResultJSON(result)))
        } else {
            print(text(result))
        }
        guard result.outcome == .approved else { throw ExitCode(ExitStatus.failed) }
    }

    /// A few lines for a technician: outcome, amount, receipt number, card, then the receipts.
    static func text(_ result: PaymentResult) -> String {
        var head = [result.outcome.rawValue]
        if let cents = result.amountCents { head.append("EUR \(PaymentAmount.format(cents))") }
        if let code = result.resultCode { head.append("result \(PaymentResultJSON.hex(code))") }
        if let receipt = result.receiptNumber { head.append("receipt \(receipt)") }
        if let trace = result.trace { head.append("trace \(trace)") }
        if let tid = result.terminalID { head.append("TID \(tid)") }
        if let card = result.cardName { head.append(card) }
        if let pan = result.maskedPAN { head.append(pan) }
        var lines = [head.joined(separator: ", ")]
        if let message = result.message { lines.append(message) }
        if !result.customerReceipt.isEmpty { lines += ["", "Customer receipt:"] + result.customerReceipt }
        if !result.merchantReceipt.isEmpty { lines += ["", "Merchant receipt:"] + result.merchantReceipt }
        return lines.joined(separator: "\n")
    }
}

/// The `--json` form of a payment result: fixed keys, `null` where the terminal sent nothing,
/// the result code as two hex digits (`"00"`, `"6C"`) as in the ZVT tables.
struct PaymentResultJSON: Encodable {
    let result: PaymentResult

    init(_ result: PaymentResult) { self.result = result }

    private enum Key: String, CodingKey {
        case outcome, resultCode, amountCents, receiptNumber, trace, terminalId, cardName, maskedPAN
        case customerReceipt, merchantReceipt, message, vuNumber, terminalDateTime
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(result.outcome.rawValue, forKey: .outcome)
        try container.encode(result.resultCode.map(Self.hex), forKey: .resultCode)
        try container.encode(result.amountCents, forKey: .amountCents)
        try container.encode(result.receiptNumber, forKey: .receiptNumber)
        try container.encode(result.trace, forKey: .trace)
        try container.encode(result.terminalID, forKey: .terminalId)
        try container.encode(result.cardName, forKey: .cardName)
        try container.encode(result.maskedPAN, forKey: .maskedPAN)
        try container.encode(result.customerReceipt, forKey: .customerReceipt)
        try container.encode(result.merchantReceipt, forKey: .merchantReceipt)
        try container.encode(result.message, forKey: .message)
        try container.encode(result.vuNumber, forKey: .vuNumber)
        try container.encode(result.terminalDateTime, forKey: .terminalDateTime)
    }

    /// `0x6C` → `"6C"`.
    static func hex(_ code: UInt8) -> String {
        Hex.byte(code)
    }
}
