public import DeviceCore
import Foundation

/// Resolves a terminal's in-doubt journal entries by asking the terminal for its last transaction.
///
/// Run it on start and from `bhal payment recover`, before any new payment on that terminal. It
/// talks to the terminal only through ``LastTransactionSource``, so it can never start a payment.
/// Each in-doubt entry ends in one of three ways (rule: ``PaymentRecoveryMatcher``):
/// - the terminal booked it → completed with the terminal's result (approved or declined);
/// - the terminal booked nothing for it → completed as aborted, with the explanation as message;
/// - the terminal is unreachable, or the evidence does not decide it → stays in doubt, until a
///   clerk who checked the merchant receipt or the acquirer settles it
///   (``PaymentJournal/resolveManually(requestID:outcome:reason:)``, `bhal payment recover --mark`).
///
/// "This terminal's entries" follows ``TerminalIdentity``'s rule (normalised endpoint or TID).
///
/// Pending entries are left alone: after the journal has been opened, a pending entry belongs to a
/// session that is still running (the journal turns a dead process's pending entries in doubt).
/// When more than one entry of the terminal is in doubt, none is decided automatically, because
/// one last transaction cannot tell them apart.
public struct PaymentRecovery: Sendable {
    /// What recovery did with one unresolved entry.
    public struct Resolution: Sendable, Hashable {
        /// What became of the entry.
        public enum Status: Sendable, Hashable {
            /// Completed with this result (booked: approved or declined; not booked: aborted).
            case completed(PaymentResult)
            /// Still in doubt, for this reason (terminal unreachable, evidence undecided).
            case stillInDoubt(String)
            /// Pending: a running session owns it; recovery did not touch it.
            case inProgress
        }

        /// The entry's request id.
        public var requestID: String
        /// What became of it.
        public var status: Status

        /// Creates a resolution.
        public init(requestID: String, status: Status) {
            self.requestID = requestID
            self.status = status
        }
    }

    /// The journal to resolve.
    public var journal: any PaymentJournal
    /// The terminal asked; entries of other terminals are ignored (rule: ``TerminalIdentity``).
    public var terminal: TerminalIdentity
    /// Asks the terminal for its last transaction.
    public var source: any LastTransactionSource
    /// The matching rule.
    public var matcher: PaymentRecoveryMatcher
    /// How many recent journal entries are searched for the baseline transaction.
    public var historyLimit: Int
    /// The current time in seconds since 1970, for the audit messages recovery records (default: the system clock).
    public var now: @Sendable () -> Double

    /// Creates a recovery for the terminal with connection URI `terminal` (compared by its key).
    public init(journal: any PaymentJournal, terminal: String, source: any LastTransactionSource,
                matcher: PaymentRecoveryMatcher = PaymentRecoveryMatcher(), historyLimit: Int = 500,
                now: (@Sendable () -> Double)? = nil) {
        self.init(journal: journal, identity: TerminalIdentity(uri: terminal), source: source, matcher: matcher,
                  historyLimit: historyLimit, now: now)
    }

    /// Creates a recovery for one terminal.
    public init(journal: any PaymentJournal, identity terminal: TerminalIdentity, source: any LastTransactionSource,
                matcher: PaymentRecoveryMatcher = PaymentRecoveryMatcher(), historyLimit: Int = 500,
                now: (@Sendable () -> Double)? = nil) {
        self.journal = journal
        self.terminal = terminal
        self.source = source
        self.matcher = matcher
        self.historyLimit = historyLimit
        self.now = now ?? { Date().timeIntervalSince1970 }
    }

    /// Resolves every unresolved entry of the terminal, oldest first, and says what became of each.
    /// Asks the terminal at most once, and not at all when nothing is in doubt. Throws only when the
    /// journal fails; an unreachable terminal is a ``Resolution/Status/stillInDoubt(_:)``.
    public func run() async throws(DeviceError) -> [Resolution] {
        let unresolved = try await journal.unresolved().filter { $0.request.identity.isSameTerminal(as: terminal) }
        let inDoubt = unresolved.filter { $0.state == .inDoubt }
        guard !inDoubt.isEmpty else {
            return unresolved.map { Resolution(requestID: $0.request.requestID, status: .inProgress) }
        }
        let last: PaymentResult?
        do {
            last = try await source.lastTransaction()
        } catch {
            let reason = "the terminal could not be asked for its last transaction: \(error)"
            return await unresolved.asyncMap { entry in
                guard entry.state == .inDoubt else { return Resolution(requestID: entry.request.requestID, status: .inProgress) }
                await note(entry, "recovery: " + reason)
                return Resolution(requestID: entry.request.requestID, status: .stillInDoubt(reason))
            }
        }
        let known = try await journal.recent(limit: historyLimit).filter { $0.request.identity.isSameTerminal(as: terminal) && $0.state == .completed }
        var resolutions: [Resolution] = []
        for entry in unresolved {
            guard entry.state == .inDoubt else {
                resolutions.append(Resolution(requestID: entry.request.requestID, status: .inProgress))
                continue
            }
            let decision = inDoubt.count > 1
                ? .undecided("\(inDoubt.count) entries of this terminal are in doubt; one last transaction cannot tell them apart")
                : matcher.decide(entry: entry, last: last, known: known)
            resolutions.append(try await apply(decision, to: entry, last: last))
        }
        return resolutions
    }

    /// Records the evidence on the entry and completes it when the decision allows.
    private func apply(_ decision: PaymentRecoveryDecision, to entry: JournalEntry, last: PaymentResult?) async throws(DeviceError) -> Resolution {
        let id = entry.request.requestID
        await note(entry, "recovery: terminal's last transaction: " + Self.describe(last))
        switch decision {
        case .booked(let result):
            var recovered = result
            recovered.message = "recovered from the terminal's last transaction after the result was lost"
                + (result.message.map { ": " + $0 } ?? "")
            try await journal.complete(requestID: id, result: recovered)
            return Resolution(requestID: id, status: .completed(recovered))
        case .notBooked(let explanation):
            let result = PaymentResult(outcome: .aborted, message: "recovery: " + explanation)
            try await journal.complete(requestID: id, result: result)
            return Resolution(requestID: id, status: .completed(result))
        case .undecided(let reason):
            await note(entry, "recovery: still in doubt: " + reason)
            return Resolution(requestID: id, status: .stillInDoubt(reason))
        }
    }

    /// Appends an audit message to the entry; a journal that refuses it does not stop recovery.
    private func note(_ entry: JournalEntry, _ summary: String) async {
        let message = JournalMessage(direction: .received, summary: summary, timestamp: now())
        try? await journal.record(requestID: entry.request.requestID, message: message)
    }

    /// `approved, 1250 cents, trace 17, receipt 42` or `none`.
    static func describe(_ result: PaymentResult?) -> String {
        guard let result else { return "none" }
        return ([result.outcome.rawValue, result.amountCents.map { "\($0) cents" }]
                + [PaymentRecoveryMatcher.numbers(result)]).compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

extension Array {
    /// The elements transformed one after another by an async function.
    fileprivate func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var output: [T] = []
        for element in self { output.append(await transform(element)) }
        return output
    }
}
