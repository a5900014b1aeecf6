/// How a payment command ended, as far as the ECR knows.
public enum PaymentOutcome: String, Sendable, Hashable, Codable {
    /// The terminal approved (result code 00).
    case approved
    /// The terminal declined; see the result code.
    case declined
    /// Aborted before a booking (citizen cancelled, timeout before the card was read).
    case aborted
    /// The terminal may have booked it but the ECR did not get the result (connection lost,
    /// process died). Must be resolved before the next payment.
    case inDoubt
}

/// The result of a payment command: the fields of the terminal's Status Information (`04 0F`)
/// and the receipts. Holds no full PAN, track data or password: `maskedPAN` shows at most the
/// first 6 and last 4 digits.
public struct PaymentResult: Sendable, Hashable, Codable {
    /// The outcome.
    public var outcome: PaymentOutcome
    /// The ZVT result code (BMP 27), when the terminal sent one.
    public var resultCode: UInt8?
    /// The booked amount in cents.
    public var amountCents: Int?
    /// The terminal's receipt number (BMP 87).
    public var receiptNumber: Int?
    /// The trace number (BMP 0B).
    public var trace: Int?
    /// The terminal id (BMP 29).
    public var terminalID: String?
    /// The VU number (BMP 2A).
    public var vuNumber: String?
    /// The card's name (BMP 8B), e.g. "girocard".
    public var cardName: String?
    /// The card type (BMP 8A).
    public var cardType: Int?
    /// The PAN masked to first 6 / last 4 at most.
    public var maskedPAN: String?
    /// The application id (BMP 3B / TLV), when sent.
    public var aid: String?
    /// Date and time as the terminal reported them (`MMDD hhmmss`).
    public var terminalDateTime: String?
    /// The customer receipt, one string per printed line.
    public var customerReceipt: [String]
    /// The merchant receipt, one string per printed line.
    public var merchantReceipt: [String]
    /// A short explanation in English (declines, aborts, doubt).
    public var message: String?

    /// Creates a result.
    public init(outcome: PaymentOutcome, resultCode: UInt8? = nil, amountCents: Int? = nil, receiptNumber: Int? = nil,
                trace: Int? = nil, terminalID: String? = nil, vuNumber: String? = nil, cardName: String? = nil,
                cardType: Int? = nil, maskedPAN: String? = nil, aid: String? = nil, terminalDateTime: String? = nil,
                customerReceipt: [String] = [], merchantReceipt: [String] = [], message: String? = nil) {
        self.outcome = outcome
        self.resultCode = resultCode
        self.amountCents = amountCents
        self.receiptNumber = receiptNumber
        self.trace = trace
        self.terminalID = terminalID
        self.vuNumber = vuNumber
        self.cardName = cardName
        self.cardType = cardType
        self.maskedPAN = maskedPAN
        self.aid = aid
        self.terminalDateTime = terminalDateTime
        self.customerReceipt = customerReceipt
        self.merchantReceipt = merchantReceipt
        self.message = message
    }
}
