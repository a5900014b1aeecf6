import Synchronization

/// A transaction the simulator booked, kept so Repeat Receipt can report the last one.
public struct ZVTSimulatedTransaction: Sendable, Hashable {
    /// The command that booked it (`06 01` authorization, `06 31` refund, ...).
    public var command: ZVTMessageType
    /// The amount in cents.
    public var amountCents: Int
    /// The receipt number (BMP 87).
    public var receiptNumber: Int
    /// The trace number (BMP 0B).
    public var trace: Int
    /// Whether a later Reversal cancelled it.
    public var reversed: Bool

    /// Creates a record.
    public init(command: ZVTMessageType, amountCents: Int, receiptNumber: Int, trace: Int, reversed: Bool = false) {
        self.command = command
        self.amountCents = amountCents
        self.receiptNumber = receiptNumber
        self.trace = trace
        self.reversed = reversed
    }
}

/// The simulator's shared state, guarded by a mutex: its server threads and the API read and
/// write it concurrently. The records it keeps are bounded (the newest ``keptRecords``), so a
/// long run or a hostile client cannot grow it without end.
final class ZVTSimulatorState: Sendable {
    /// How many transactions and received commands are kept (the newest).
    static let keptRecords = 10_000

    private struct Values {
        var scenario: ZVTSimulatorScenario
        var transactions: [ZVTSimulatedTransaction] = []
        var commands: [ZVTMessageType] = []
        var stopped = false
        var runningThreads = 0
        var nextReceipt = 1
        var nextTrace = 1
        var activeConnections = 0
        var refusedConnections = 0
        var idleClosedConnections = 0
        var sentMessages = 0
    }

    private let values: Mutex<Values>
    /// The terminal id the simulator reports.
    let terminalID: String

    init(scenario: ZVTSimulatorScenario, terminalID: String) {
        values = Mutex(Values(scenario: scenario))
        self.terminalID = terminalID
    }

    var scenario: ZVTSimulatorScenario {
        get { values.withLock { $0.scenario } }
        set { values.withLock { $0.scenario = newValue } }
    }

    var transactions: [ZVTSimulatedTransaction] { values.withLock { $0.transactions } }
    var commands: [ZVTMessageType] { values.withLock { $0.commands } }
    var isStopped: Bool { values.withLock { $0.stopped } }
    var runningThreads: Int { values.withLock { $0.runningThreads } }

    var activeConnections: Int { values.withLock { $0.activeConnections } }
    var refusedConnections: Int { values.withLock { $0.refusedConnections } }
    var idleClosedConnections: Int { values.withLock { $0.idleClosedConnections } }
    var sentMessages: Int { values.withLock { $0.sentMessages } }

    func recordCommand(_ type: ZVTMessageType) {
        values.withLock { values in
            values.commands.append(type)
            if values.commands.count > Self.keptRecords { values.commands.removeFirst(values.commands.count - Self.keptRecords) }
        }
    }

    func recordSentMessage() { values.withLock { $0.sentMessages += 1 } }
    func recordIdleClose() { values.withLock { $0.idleClosedConnections += 1 } }

    /// Takes a connection slot when fewer than `limit` are in use; else counts a refusal.
    func openConnection(limit: Int) -> Bool {
        values.withLock { values in
            guard values.activeConnections < limit else {
                values.refusedConnections += 1
                return false
            }
            values.activeConnections += 1
            return true
        }
    }

    func closeConnection() { values.withLock { $0.activeConnections -= 1 } }
    func stop() { values.withLock { $0.stopped = true } }
    func threadStarted() { values.withLock { $0.runningThreads += 1 } }
    func threadFinished() { values.withLock { $0.runningThreads -= 1 } }

    /// Books a transaction with the next receipt and trace numbers.
    func book(_ command: ZVTMessageType, amountCents: Int) -> ZVTSimulatedTransaction {
        values.withLock { values in
            let transaction = ZVTSimulatedTransaction(command: command, amountCents: amountCents,
                                                      receiptNumber: values.nextReceipt, trace: values.nextTrace)
            values.nextReceipt = values.nextReceipt % 9999 + 1
            values.nextTrace = values.nextTrace % 999_999 + 1
            values.transactions.append(transaction)
            if values.transactions.count > Self.keptRecords {
                values.transactions.removeFirst(values.transactions.count - Self.keptRecords)
            }
            return transaction
        }
    }

    /// The booked transaction with `receiptNumber`, if any.
    func transaction(receiptNumber: Int) -> ZVTSimulatedTransaction? {
        values.withLock { $0.transactions.last { $0.receiptNumber == receiptNumber } }
    }

    /// Marks the transaction with `receiptNumber` reversed.
    func markReversed(receiptNumber: Int) {
        values.withLock { values in
            if let index = values.transactions.lastIndex(where: { $0.receiptNumber == receiptNumber }) {
                values.transactions[index].reversed = true
            }
        }
    }

    /// The last booked transaction.
    var lastTransaction: ZVTSimulatedTransaction? { values.withLock { $0.transactions.last } }
}
