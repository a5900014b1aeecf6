import ArgumentParser
import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal

/// `bhal payment recover [--mark REQUEST_ID OUTCOME --reason TEXT]`: resolves payments left in
/// doubt with the terminal, booking nothing; or records the outcome a clerk established by hand.
struct PaymentRecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Resolve payments left pending or in doubt with the terminal (Repeat Receipt); never books anything.",
        discussion: """
            Without --mark, asks the terminal for its last transaction and completes each entry in doubt that it decides. \
            An entry the terminal cannot decide (no matching transaction, a replaced terminal, several entries in doubt) \
            stays in doubt and blocks new payments on that terminal. Then check the merchant receipt, the terminal's own \
            journal or the acquirer's portal and record what you found: \
            --mark REQUEST_ID approved|declined|aborted --reason TEXT. That completes the entry as a manual resolution \
            (reason and time kept; the recorded terminal messages stay) without contacting the terminal; --terminal is then \
            optional and, when given, must be the entry's terminal. \
            Exit codes: 0 nothing left in doubt / marked, 1 an entry is still in doubt or the terminal/journal failed, 2 usage.
            """)

    @OptionGroup var options: PaymentTerminalOptions

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Settle an in-doubt entry by hand: its request id and approved, declined or aborted.",
                               valueName: "REQUEST_ID OUTCOME"))
    var mark: [String] = []

    @Option(name: .long, help: ArgumentHelp("With --mark: what you checked (receipt, terminal journal, acquirer portal).", valueName: "TEXT"))
    var reason: String?

    /// One line of the output.
    struct Line: Encodable {
        var requestID: String
        var status: String
        var outcome: String?
        var receiptNumber: Int?
        var reason: String?
        /// Set for entries completed by a clerk's `--mark`.
        var manual: Bool?
    }

    /// The outcomes a clerk may record.
    static let markOutcomes: [PaymentOutcome] = [.approved, .declined, .aborted]

    func validate() throws {
        if mark.isEmpty {
            guard reason == nil else { throw ValidationError("--reason goes with --mark REQUEST_ID OUTCOME") }
            return
        }
        guard mark.count == 2 else { throw ValidationError("--mark takes two values: the request id and approved, declined or aborted") }
        _ = try markOutcome()
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--mark needs --reason TEXT: say what you checked (merchant receipt, terminal journal, acquirer portal)")
        }
    }

    /// The outcome named by `--mark`.
    func markOutcome() throws -> PaymentOutcome {
        guard let name = mark.last, let outcome = PaymentOutcome(rawValue: name), Self.markOutcomes.contains(outcome) else {
            throw ValidationError("--mark: \"\(mark.last ?? "")\" is not an outcome; use approved, declined or aborted")
        }
        return outcome
    }

    func run() async throws {
        if let requestID = mark.first {
            try await markByHand(requestID, outcome: try markOutcome(), reason: reason ?? "")
            return
        }
        let lines = try await options.withTerminal(recoverFirst: false) { terminal throws(DeviceError) -> [Line] in
            try await terminal.recoverInDoubtPayments().map(Self.line)
        }
        if lines.isEmpty, let note = await elsewhereNote() {
            FileHandle.standardError.write(Data((note + "\n").utf8))
        }
        if options.json {
            print(try JSONText.encode(lines))
        } else if lines.isEmpty {
            print("Nothing to recover: no payment is pending or in doubt for this terminal.")
        } else {
            print(TextTable.render([["REQUEST", "STATUS", "OUTCOME", "RECEIPT", "NOTE"]] + lines.map {
                [$0.requestID, $0.status, $0.outcome ?? "-", $0.receiptNumber.map(String.init) ?? "-", $0.reason ?? ""]
            }))
        }
        let inDoubt = lines.filter { $0.status == "inDoubt" }.map(\.requestID)
        if !inDoubt.isEmpty {
            FileHandle.standardError.write(Data((PaymentRecoveryText.nextStep(inDoubt) + "\n").utf8))
        }
        if lines.contains(where: { $0.status != "completed" }) { throw ExitCode(ExitStatus.failed) }
    }

    /// The output line for one resolution.
    static func line(_ resolution: PaymentRecovery.Resolution) -> Line {
        switch resolution.status {
        case .completed(let result):
            Line(requestID: resolution.requestID, status: "completed", outcome: result.outcome.rawValue,
                 receiptNumber: result.receiptNumber, reason: result.message)
        case .stillInDoubt(let reason):
            Line(requestID: resolution.requestID, status: "inDoubt", reason: reason)
        case .inProgress:
            Line(requestID: resolution.requestID, status: "inProgress", reason: "another process is running this payment")
        }
    }

    /// When nothing is open for this terminal but entries of other terminals are: which, so a
    /// terminal named another way (`localhost` for `127.0.0.1`) is not mistaken for a clean one.
    private func elsewhereNote() async -> String? {
        guard let journal = try? SQLitePaymentJournal(path: options.journalPath, readOnly: true),
              let open = try? await journal.unresolved(), !open.isEmpty else { return nil }
        let list = open.map { entry in
            "\(entry.request.requestID) on \(entry.request.terminal)" + (entry.request.identity.terminalID.map { " (TID \($0))" } ?? "")
        }
        return "bhal: note: \(open.count) payment(s) pending or in doubt on other terminal URIs: \(list.joined(separator: "; ")). "
            + "Host names are not resolved (localhost is not 127.0.0.1): run recover with that entry's --terminal."
    }

    /// Records a clerk's resolution in the journal; the terminal is not contacted.
    private func markByHand(_ requestID: String, outcome: PaymentOutcome, reason: String) async throws {
        let entry: JournalEntry
        do {
            let journal = try SQLitePaymentJournal(path: options.journalPath)
            if let terminal = options.terminal {
                guard let existing = try await journal.entry(requestID: requestID) else {
                    throw DeviceError(.other, operation: "resolve payment by hand", message: "no journal entry for request \(requestID)",
                                      remedy: "Check the request id with `bhal payment journal`.")
                }
                guard existing.request.identity.isSameTerminal(as: TerminalIdentity(uri: terminal)) else {
                    throw DeviceError(.other, operation: "resolve payment by hand",
                                      message: "request \(requestID) ran on \(existing.request.terminal), not on \(terminal)",
                                      remedy: "Give that entry's terminal with --terminal, or leave --terminal out.")
                }
            }
            entry = try await journal.resolveManually(requestID: requestID, outcome: outcome, reason: reason)
        } catch {
            FileHandle.standardError.write(Data("bhal: \(error)\n".utf8))
            throw ExitCode(ExitStatus.failed)
        }
        let line = Line(requestID: requestID, status: entry.state.rawValue, outcome: entry.result?.outcome.rawValue,
                        reason: entry.manualResolution?.reason, manual: true)
        if options.json {
            print(try JSONText.encode([line]))
        } else {
            print("\(requestID): recorded as \(outcome.rawValue) by hand (\(line.reason ?? "")); "
                  + "\(entry.request.terminal) takes new payments again.")
        }
    }
}

/// What to tell a technician about recovery results.
enum PaymentRecoveryText {
    /// One readable line for a resolution (`completed: approved, receipt 1`, `still in doubt: …`).
    static func describe(_ resolution: PaymentRecovery.Resolution) -> String {
        switch resolution.status {
        case .completed(let result):
            "completed as \(result.outcome.rawValue)" + (result.receiptNumber.map { ", receipt \($0)" } ?? "")
        case .stillInDoubt(let reason):
            "still in doubt: \(reason)"
        case .inProgress:
            "still running in another process"
        }
    }

    /// What to do about entries the terminal could not decide.
    static func nextStep(_ requestIDs: [String]) -> String {
        "bhal: \(requestIDs.joined(separator: ", ")) still in doubt: the terminal cannot tell. Check the merchant receipt, "
            + "the terminal's own journal or the acquirer's portal, then record the outcome: "
            + "bhal payment recover --mark \(requestIDs.count == 1 ? requestIDs[0] : "REQUEST_ID") approved|declined|aborted --reason TEXT"
    }
}
