/// The kinds of payment commands the ECR sends that move money or close a period, and so are
/// journaled before the first byte goes to the terminal.
public enum PaymentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Authorization (`06 01`): charge the card.
    case authorization
    /// Refund (`06 31`).
    case refund
    /// Reversal (`06 30`) of an earlier payment by receipt number.
    case reversal
    /// Pre-authorisation (`06 22`).
    case preAuthorization
    /// Book total (`06 24`) of a pre-authorisation.
    case bookTotal
    /// Partial reversal (`06 23`) of a pre-authorisation.
    case partialReversal
    /// End-of-day (`06 50`).
    case endOfDay
}

/// What the caller asked for, recorded durably before anything is sent.
///
/// `requestID` is the caller's idempotency key: one request id is sent to a terminal at most once.
public struct PaymentRequest: Sendable, Hashable, Codable {
    /// The caller's unique id for this payment (e.g. the fee booking's id).
    public var requestID: String
    /// The command.
    public var kind: PaymentKind
    /// The amount in cents, for commands that carry one.
    public var amountCents: Int?
    /// ISO 4217 numeric currency code (978 = EUR).
    public var currencyCode: Int
    /// The receipt number of the payment to reverse, for reversals.
    public var originalReceiptNumber: Int?
    /// The terminal's connection URI (`zvt+tcp://10.0.0.5:20007`), as the caller named it.
    public var terminal: String
    /// The terminal's endpoint keys and TID, by which the journal tells terminals apart (rule:
    /// ``TerminalIdentity``). The journal always adds the key of ``terminal`` and records the TID
    /// from the terminal's answers (``PaymentJournal/recordTerminalID(requestID:terminalID:)``).
    public var identity: TerminalIdentity

    /// Creates a request. Without `identity`, the terminal is known by the key of `terminal`.
    public init(requestID: String, kind: PaymentKind, amountCents: Int? = nil, currencyCode: Int = 978,
                originalReceiptNumber: Int? = nil, terminal: String, identity: TerminalIdentity? = nil) {
        self.requestID = requestID
        self.kind = kind
        self.amountCents = amountCents
        self.currencyCode = currencyCode
        self.originalReceiptNumber = originalReceiptNumber
        self.terminal = terminal
        self.identity = TerminalIdentity(uri: terminal).merging(identity ?? TerminalIdentity(endpoints: []))
    }
}
