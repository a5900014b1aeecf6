import DeviceCore
import Foundation
import PaymentTerminal
import PaymentJournalSQLite
import Synchronization

/// A fresh directory for one test's journal files, removed by ``remove()``.
struct TemporaryJournalDirectory {
    /// The directory.
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-journal-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a journal file in the directory.
    var journalPath: String { url.appendingPathComponent("payments.sqlite").path }

    /// Opens the journal file of this directory.
    func open(readOnly: Bool = false) throws -> SQLitePaymentJournal {
        try SQLitePaymentJournal(path: journalPath, readOnly: readOnly)
    }

    /// Every byte of the journal's files (database and WAL), for leak checks.
    func allBytes() throws -> Data {
        try FileManager.default.contentsOfDirectory(atPath: url.path).reduce(into: Data()) { data, name in
            data.append(try Data(contentsOf: url.appendingPathComponent(name)))
        }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Test values.
enum Sample {
    static let terminal = "zvt+tcp://127.0.0.1:20007"

    static func authorization(_ id: String, cents: Int = 1250, terminal: String = Sample.terminal) -> PaymentRequest {
        PaymentRequest(requestID: id, kind: .authorization, amountCents: cents, terminal: terminal)
    }

    static func approved(cents: Int = 1250, trace: Int = 17, receipt: Int = 42) -> PaymentResult {
        PaymentResult(outcome: .approved, resultCode: 0, amountCents: cents, receiptNumber: receipt, trace: trace,
                      terminalID: "52500038", vuNumber: "455600012345", cardName: "girocard", cardType: 5,
                      maskedPAN: "672559******1234", aid: "A0000003591010", terminalDateTime: "0612 101502",
                      customerReceipt: ["Kundenbeleg", "", "Betrag EUR 12,50"], merchantReceipt: ["Händlerbeleg"],
                      message: nil)
    }
}

/// A terminal that answers Status Enquiry / Repeat Receipt from a script, and counts the calls.
final class ScriptedLastTransactionSource: LastTransactionSource {
    enum Answer: Sendable {
        case transaction(PaymentResult?)
        case unreachable
    }

    private let answer: Answer
    private let calls = Mutex(0)

    init(_ answer: Answer) { self.answer = answer }

    /// How often the terminal was asked.
    var callCount: Int { calls.withLock { $0 } }

    func lastTransaction() async throws(DeviceError) -> PaymentResult? {
        calls.withLock { $0 += 1 }
        switch answer {
        case .transaction(let result): return result
        case .unreachable:
            throw DeviceError(.offline, operation: "status enquiry", message: "connection refused", remedy: "Switch the terminal on.")
        }
    }
}
