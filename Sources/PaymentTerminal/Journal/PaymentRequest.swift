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
    /// Partial reversal (`06 25`) of a pre-authorisation.
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
    /// The terminal's connection URI (`zvt+tcp://10.0.0.5:20007`).
    public var terminal: String

    /// Creates a request.
    public init(requestID: String, kind: PaymentKind, amountCents: Int? = nil, currencyCode: Int = 978,
                originalReceiptNumber: Int? = nil, terminal: String) {
        self.requestID = requestID
        self.kind = kind
        self.amountCents = amountCents
        self.currencyCode = currencyCode
        self.originalReceiptNumber = originalReceiptNumber
        self.terminal = terminal
    }
}
