public import Foundation

/// What recovery concluded for one in-doubt entry.
public enum PaymentRecoveryDecision: Sendable, Hashable {
    /// The terminal booked this request: complete the entry with this result (approved or declined).
    case booked(PaymentResult)
    /// The terminal booked nothing for this request: complete the entry as aborted, with this explanation.
    case notBooked(String)
    /// The evidence does not decide it: the entry stays in doubt and a technician must check the
    /// terminal's own journal. The string says why.
    case undecided(String)
}

/// The pure rule that decides an in-doubt entry from the terminal's last transaction.
///
/// **Matching rule.** Let *L* be the terminal's last transaction and *B* the baseline: the newest
/// completed entry for the same terminal, created before the in-doubt entry, whose result carries a
/// trace or receipt number.
/// 1. No *L* (the terminal positively holds no transaction) → not booked.
/// 2. *L* has neither trace nor receipt number, or its outcome is itself in doubt → undecided.
/// 3. *L* is *B* (every number present on both is equal) → nothing was booked after *B*: not booked.
/// 4. *L* is an older known transaction (not *B*) → the terminal's memory disagrees with the
///    journal → undecided.
/// 5. *L* is new to the journal: booked when the request has an amount and *L*'s amount equals it
///    and *L*'s date/time (when sent) is not earlier than the request minus ``clockTolerance``;
///    otherwise undecided (another booking happened at the terminal, or the clocks disagree).
///
/// Before rules 2–5: when the entry's terminal TID and *L*'s TID are both known and differ, the
/// terminal at this endpoint is not the one that ran the request (replaced after a crash) →
/// undecided. End-of-day entries are always undecided: a last transaction says nothing about
/// them. So are requests without an amount (a reversal journaled without one). An undecided entry
/// is settled by a clerk (``PaymentJournal/resolveManually(requestID:outcome:reason:)``).
///
/// **Limits.** The terminal reports only its last transaction: a second booking at the terminal
/// after ours (manual entry at the device) makes ours invisible (rule 5 then keeps it in doubt
/// unless the amounts happen to be equal). Terminals that drop their last receipt at an automatic
/// end-of-day report nothing (rule 1) although the payment was booked; the settlement report is
/// the backstop. Receipt numbers restart after end-of-day, which is why rule 3 needs every number
/// present on both sides to agree. The date check only ever keeps an entry in doubt; it never
/// decides "not booked", because terminal clocks drift.
public struct PaymentRecoveryMatcher: Sendable {
    /// How far the terminal's clock may lag the ECR's before a new transaction is no longer taken
    /// as ours, in seconds.
    public var clockTolerance: Double
    /// The time zone the terminal's date/time (`MMDD hhmmss`, no year) is in.
    public var timeZone: TimeZone

    /// Creates a matcher; the defaults allow 15 minutes of clock difference in the local time zone.
    public init(clockTolerance: Double = 900, timeZone: TimeZone = .current) {
        self.clockTolerance = clockTolerance
        self.timeZone = timeZone
    }

    /// Decides `entry` from the terminal's last transaction `last` and the journal's completed
    /// results for the same terminal (`known`, any order, excluding `entry`).
    public func decide(entry: JournalEntry, last: PaymentResult?, known: [JournalEntry]) -> PaymentRecoveryDecision {
        if entry.request.kind == .endOfDay {
            return .undecided("an end-of-day cannot be matched against the last transaction; check the terminal's end-of-day report")
        }
        guard let last else {
            return .notBooked("the terminal reports no stored transaction, so it booked nothing for this request")
        }
        if let ran = entry.request.identity.terminalID, let reporting = last.terminalID, ran != reporting {
            return .undecided("the terminal now reports TID \(reporting), but this request ran on TID \(ran) "
                              + "(terminal replaced or reconfigured?); its last transaction says nothing about this request")
        }
        guard last.trace != nil || last.receiptNumber != nil else {
            return .undecided("the terminal's last transaction carries neither trace nor receipt number")
        }
        guard last.outcome != .inDoubt else {
            return .undecided("the terminal's last transaction has no final outcome")
        }
        let earlier = known
            .filter { $0.state == .completed && $0.createdAt <= entry.createdAt && $0.request.requestID != entry.request.requestID }
            .filter { $0.result.map { $0.trace != nil || $0.receiptNumber != nil } ?? false }
            .sorted { $0.createdAt > $1.createdAt }
        if let baseline = earlier.first, let result = baseline.result, Self.sameTransaction(last, result) {
            return .notBooked("the terminal's last transaction (\(Self.numbers(last))) is the one journaled for request "
                              + "\(baseline.request.requestID); nothing was booked for this request")
        }
        if let older = earlier.dropFirst().first(where: { $0.result.map { Self.sameTransaction(last, $0) } ?? false }) {
            return .undecided("the terminal's last transaction (\(Self.numbers(last))) is the older one of request "
                              + "\(older.request.requestID), not the newest the journal knows")
        }
        guard let amount = entry.request.amountCents else {
            return .undecided("the request has no amount to compare with the terminal's last transaction")
        }
        guard last.amountCents == amount else {
            return .undecided("the terminal's last transaction (\(Self.numbers(last)), amount "
                              + "\(last.amountCents.map(String.init) ?? "none") cents) is new to the journal but not for \(amount) cents")
        }
        if let booked = terminalDate(last.terminalDateTime, near: entry.createdAt), booked < entry.createdAt - clockTolerance {
            return .undecided("the terminal's last transaction (\(Self.numbers(last))) is dated before this request was journaled")
        }
        return .booked(last)
    }

    /// Whether two results are the same terminal transaction: every number present on both agrees.
    static func sameTransaction(_ a: PaymentResult, _ b: PaymentResult) -> Bool {
        var compared = false
        if let x = a.trace, let y = b.trace { guard x == y else { return false }; compared = true }
        if let x = a.receiptNumber, let y = b.receiptNumber { guard x == y else { return false }; compared = true }
        return compared
    }

    /// `trace T, receipt R` for explanations.
    static func numbers(_ result: PaymentResult) -> String {
        [result.trace.map { "trace \($0)" }, result.receiptNumber.map { "receipt \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// The terminal's `MMDD hhmmss` as seconds since 1970, in the year that puts it closest to `reference`.
    func terminalDate(_ text: String?, near reference: Double) -> Double? {
        guard let digits = text?.filter(\.isNumber).compactMap(\.wholeNumberValue), digits.count == 10 else { return nil }
        let number = { (index: Int) in digits[index] * 10 + digits[index + 1] }
        guard (1...12).contains(number(0)), (1...31).contains(number(2)), number(4) < 24, number(6) < 60, number(8) < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let referenceYear = calendar.component(.year, from: Date(timeIntervalSince1970: reference))
        let candidates = (referenceYear - 1...referenceYear + 1).compactMap { year in
            calendar.date(from: DateComponents(year: year, month: number(0), day: number(2),
                                               hour: number(4), minute: number(6), second: number(8)))?.timeIntervalSince1970
        }
        return candidates.min { abs($0 - reference) < abs($1 - reference) }
    }
}
