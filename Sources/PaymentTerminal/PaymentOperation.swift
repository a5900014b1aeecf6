/// One command that moves money or closes a period, as an application asks for it: the kind,
/// the caller's request id and the values the kind needs. The terminal turns it into a journaled
/// ``PaymentRequest`` (adding its own connection and identity) before anything is sent.
///
/// Build one with the static functions (``authorization(amountCents:requestID:currencyCode:)``,
/// …); ``PaymentTerminal/perform(_:display:)`` runs it.
public struct PaymentOperation: Sendable, Hashable {
    /// The command.
    public var kind: PaymentKind
    /// The caller's idempotency key: one request id is sent to a terminal at most once.
    public var requestID: String
    /// The amount in cents, for commands that carry one.
    public var amountCents: Int?
    /// ISO 4217 numeric currency code (978 = EUR).
    public var currencyCode: Int
    /// The receipt number of the original payment (reversal, book total, partial reversal).
    public var originalReceiptNumber: Int?

    /// Creates an operation; prefer the static functions, which ask for exactly what a kind needs.
    public init(kind: PaymentKind, requestID: String, amountCents: Int? = nil, currencyCode: Int = 978,
                originalReceiptNumber: Int? = nil) {
        self.kind = kind
        self.requestID = requestID
        self.amountCents = amountCents
        self.currencyCode = currencyCode
        self.originalReceiptNumber = originalReceiptNumber
    }

    /// Authorization (ZVT `06 01`): charge `amountCents` to the citizen's card.
    public static func authorization(amountCents: Int, requestID: String, currencyCode: Int = 978) -> PaymentOperation {
        PaymentOperation(kind: .authorization, requestID: requestID, amountCents: amountCents, currencyCode: currencyCode)
    }

    /// Refund (ZVT `06 31`): pay `amountCents` back to a card.
    public static func refund(amountCents: Int, requestID: String, currencyCode: Int = 978) -> PaymentOperation {
        PaymentOperation(kind: .refund, requestID: requestID, amountCents: amountCents, currencyCode: currencyCode)
    }

    /// Reversal (ZVT `06 30`) of today's payment with `receiptNumber`, before end-of-day.
    public static func reversal(receiptNumber: Int, requestID: String) -> PaymentOperation {
        PaymentOperation(kind: .reversal, requestID: requestID, originalReceiptNumber: receiptNumber)
    }

    /// Pre-authorisation (ZVT `06 22`): reserve `amountCents`; book it later with
    /// ``bookTotal(receiptNumber:amountCents:requestID:)``.
    public static func preAuthorization(amountCents: Int, requestID: String, currencyCode: Int = 978) -> PaymentOperation {
        PaymentOperation(kind: .preAuthorization, requestID: requestID, amountCents: amountCents, currencyCode: currencyCode)
    }

    /// Book total (ZVT `06 24`) of the pre-authorisation with `receiptNumber`, optionally for a
    /// lower amount than was reserved.
    public static func bookTotal(receiptNumber: Int, amountCents: Int? = nil, requestID: String) -> PaymentOperation {
        PaymentOperation(kind: .bookTotal, requestID: requestID, amountCents: amountCents, originalReceiptNumber: receiptNumber)
    }

    /// Partial reversal (ZVT `06 23`) of the pre-authorisation with `receiptNumber`: release
    /// `amountCents` of the reservation.
    public static func partialReversal(receiptNumber: Int, amountCents: Int, requestID: String) -> PaymentOperation {
        PaymentOperation(kind: .partialReversal, requestID: requestID, amountCents: amountCents, originalReceiptNumber: receiptNumber)
    }

    /// End-of-day (ZVT `06 50`): close the terminal's batch and submit it to the payment host.
    public static func endOfDay(requestID: String) -> PaymentOperation {
        PaymentOperation(kind: .endOfDay, requestID: requestID)
    }

    /// The journal's record of this operation on the terminal at `terminal` (its URI).
    public func request(terminal: String, identity: TerminalIdentity? = nil) -> PaymentRequest {
        PaymentRequest(requestID: requestID, kind: kind, amountCents: amountCents, currencyCode: currencyCode,
                       originalReceiptNumber: originalReceiptNumber, terminal: terminal, identity: identity)
    }
}
