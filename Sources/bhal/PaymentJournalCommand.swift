import DeviceCore
import ArgumentParser
import Foundation
import PaymentJournalSQLite
import PaymentTerminal

/// `bhal payment journal [--json] [--limit N] [--journal PATH]`: lists the payment journal, newest
/// first, without changing it.
struct PaymentJournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "List the payment journal, newest first (read-only).",
        discussion: """
            Opens the journal read-only: nothing is changed. A payment pending in a process that has ended (crashed, \
            killed) shows as inDoubt ("process ended before the result arrived"), as the next writing command records it; \
            one of a running process shows as pending. Card numbers in the journal are masked (first 6 / last 4). \
            TID is the terminal id the terminal reported; entries settled with `bhal payment recover --mark` show \
            "resolved by hand", the reason and the time (JSON: manualResolution). \
            Journal: --journal PATH, else $BHAL_PAYMENT_JOURNAL, else /var/lib/buergerhal/payments.sqlite. \
            Exit codes: 0 listed, 1 the journal cannot be read, 2 usage error.
            """)

    @Flag(name: .long, help: "Print JSON: {\"path\", \"unresolved\", \"entries\": [JournalEntry]}.")
    var json = false

    @Option(name: .long, help: "Show at most N entries.")
    var limit = 20

    @Option(name: .long, help: ArgumentHelp("The journal file.", valueName: "PATH"))
    var journal: String?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let path = journal ?? SQLitePaymentJournal.defaultPath
        let entries: [JournalEntry]
        let unresolved: Int
        do {
            let journal = try SQLitePaymentJournal(path: path, readOnly: true)
            entries = try await journal.recent(limit: limit)
            unresolved = try await journal.unresolved().count
        } catch {
            FileHandle.standardError.write(Data("bhal: payment journal: \(error)\n".utf8))
            throw ExitCode(ExitStatus.failed)
        }
        if json {
            print(try JSONText.encode(PaymentJournalListing(path: path, unresolved: unresolved, entries: entries)))
            return
        }
        guard !entries.isEmpty else {
            print("No payments in the journal \(path).")
            return
        }
        print(TextTable.render([Self.header] + entries.map(Self.row)))
        if unresolved > 0 {
            print("\n\(unresolved) payment(s) pending or in doubt: run `bhal payment recover` before the next payment.")
        }
    }

    private static let header = ["CREATED", "REQUEST", "KIND", "AMOUNT", "STATE", "OUTCOME", "CODE", "RECEIPT", "TRACE", "TERMINAL", "TID", "NOTE"]

    /// One table row for an entry.
    private static func row(_ entry: JournalEntry) -> [String] {
        let result = entry.result
        return [
            timestamp(entry.createdAt),
            entry.request.requestID,
            entry.request.kind.rawValue,
            entry.request.amountCents.map { amount($0, currency: entry.request.currencyCode) } ?? "-",
            entry.state.rawValue,
            result?.outcome.rawValue ?? "-",
            result?.resultCode.map(Hex.byte) ?? "-",
            result?.receiptNumber.map(String.init) ?? "-",
            result?.trace.map(String.init) ?? "-",
            entry.request.terminal,
            entry.request.identity.terminalID ?? "-",
            note(entry),
        ]
    }

    /// The doubt reason of an open entry; for a completed one its message, or who settled it by hand.
    private static func note(_ entry: JournalEntry) -> String {
        if let manual = entry.manualResolution {
            return "resolved by hand \(timestamp(manual.resolvedAt)): \(manual.reason) (was in doubt: \(entry.doubtReason ?? "-"))"
        }
        return entry.state == .completed ? (entry.result?.message ?? "") : (entry.doubtReason ?? "")
    }

    /// `12.50 EUR` (or the numeric ISO 4217 code for other currencies).
    private static func amount(_ cents: Int, currency: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        return "\(sign)\(value / 100).\(String(format: "%02d", value % 100)) \(currency == 978 ? "EUR" : String(currency))"
    }

    /// Local time, `2026-06-12 10:15:02`.
    private static func timestamp(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

/// The JSON shape of `bhal payment journal --json`.
struct PaymentJournalListing: Encodable {
    /// The journal file.
    var path: String
    /// How many entries are pending or in doubt.
    var unresolved: Int
    /// The newest entries first.
    var entries: [JournalEntry]
}
