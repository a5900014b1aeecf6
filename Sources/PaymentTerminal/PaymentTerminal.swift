public import DeviceCore

/// A card payment terminal (the ECR side of ZVT): the API a kiosk application programs against.
///
/// Every command that moves money goes through ``perform(_:display:)`` (the convenience methods
/// below build the ``PaymentOperation``). A real terminal journals each one durably before its
/// first byte and refuses it while another entry on that terminal is unresolved; a connection
/// lost after the command may have reached the terminal ends as ``PaymentOutcome/inDoubt``, never
/// as declined. ``recoverInDoubtPayments()`` settles such entries with the terminal.
///
/// Payment commands need `claim()`; status, diagnosis and repeat receipt need only `open()`.
public protocol PaymentTerminal: Device {
    /// Asks the terminal for its state (ZVT Status Enquiry `05 01`).
    func statusEnquiry() async throws(DeviceError) -> TerminalStatus
    /// Runs the terminal's self-diagnosis, including its link to the payment host (ZVT Diagnosis `06 70`).
    func diagnosis() async throws(DeviceError) -> TerminalStatus
    /// Runs a payment command and returns its result; `display` gets each intermediate status the
    /// terminal shows meanwhile (what the kiosk screen should say). Throws when the command could
    /// not start (not claimed, journal refused it, terminal unreachable before anything was sent).
    func perform(_ operation: PaymentOperation, display: PaymentDisplayHandler?) async throws(DeviceError) -> PaymentResult
    /// Asks the terminal to abort the running command (ZVT Abort `06 B0`); the running payment
    /// then ends as aborted.
    func abort() async throws(DeviceError)
    /// The terminal's last transaction again, with its receipts (ZVT Repeat Receipt `06 20`).
    func repeatReceipt() async throws(DeviceError) -> PaymentResult
    /// Settles this terminal's journal entries left pending or in doubt by asking the terminal
    /// for its last transaction; books nothing. Throws only when the journal fails.
    func recoverInDoubtPayments() async throws(DeviceError) -> [PaymentRecovery.Resolution]
}

extension PaymentTerminal {
    /// Runs a payment command without following the terminal's displays.
    public func perform(_ operation: PaymentOperation) async throws(DeviceError) -> PaymentResult {
        try await perform(operation, display: nil)
    }

    /// Authorization `06 01`: charges `amountCents` to the citizen's card.
    public func authorize(amountCents: Int, requestID: String, currencyCode: Int = 978,
                          display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.authorization(amountCents: amountCents, requestID: requestID, currencyCode: currencyCode), display: display)
    }

    /// Refund `06 31`: pays `amountCents` back to the card.
    public func refund(amountCents: Int, requestID: String, currencyCode: Int = 978,
                       display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.refund(amountCents: amountCents, requestID: requestID, currencyCode: currencyCode), display: display)
    }

    /// Reversal `06 30` of the payment with `receiptNumber` (same day, before end-of-day).
    public func reverse(receiptNumber: Int, requestID: String, display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.reversal(receiptNumber: receiptNumber, requestID: requestID), display: display)
    }

    /// Pre-Authorisation `06 22`: reserves `amountCents`; book it later with
    /// ``bookTotal(receiptNumber:amountCents:requestID:display:)``.
    public func preAuthorize(amountCents: Int, requestID: String, currencyCode: Int = 978,
                             display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.preAuthorization(amountCents: amountCents, requestID: requestID, currencyCode: currencyCode), display: display)
    }

    /// Book Total `06 24`: books a pre-authorisation (its receipt number), optionally with a lower amount.
    public func bookTotal(receiptNumber: Int, amountCents: Int? = nil, requestID: String,
                          display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.bookTotal(receiptNumber: receiptNumber, amountCents: amountCents, requestID: requestID), display: display)
    }

    /// Partial Reversal `06 23` of a pre-authorisation: releases `amountCents` of the reservation.
    public func partialReversal(receiptNumber: Int, amountCents: Int, requestID: String,
                                display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.partialReversal(receiptNumber: receiptNumber, amountCents: amountCents, requestID: requestID), display: display)
    }

    /// End-of-Day `06 50`: closes the terminal's batch and submits it to the host.
    public func endOfDay(requestID: String, display: PaymentDisplayHandler? = nil) async throws(DeviceError) -> PaymentResult {
        try await perform(.endOfDay(requestID: requestID), display: display)
    }
}

/// A terminal's answer to a status enquiry or diagnosis.
public struct TerminalStatus: Sendable, Hashable, Codable {
    /// Whether the terminal can take a payment now.
    public var ready: Bool
    /// The terminal id (TID), when reported.
    public var terminalID: String?
    /// The terminal's own status text (may be German).
    public var text: String

    /// Creates a status.
    public init(ready: Bool, terminalID: String? = nil, text: String) {
        self.ready = ready
        self.terminalID = terminalID
        self.text = text
    }
}
