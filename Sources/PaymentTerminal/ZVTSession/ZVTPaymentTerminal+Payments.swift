public import DeviceCore

extension ZVTPaymentTerminal {
    /// Runs a payment command and returns its outcome.
    ///
    /// With a journal: after connecting (no byte sent yet) it calls `journal.begin(request)`, with
    /// this handle's ``identity()`` added to the request's; if
    /// that throws (the request id exists, or an unresolved entry blocks the terminal) nothing is
    /// sent and the error is rethrown. Every message is then recorded; the end is
    /// `journal.complete` (approved, declined, aborted) or `journal.markInDoubt` (the connection
    /// or a timer failed after the command may have reached the terminal, or a payment completed
    /// without Status Information; the returned result has outcome ``PaymentOutcome/inDoubt``). A
    /// command that provably never reached the terminal is completed as aborted and its error is thrown.
    ///
    /// Cancelling the calling task stops the wait within one receive slice (50 ms). Before the
    /// command went out that throws a ``DeviceError/Kind/cancelled`` error (the entry is completed
    /// as aborted: nothing was sent); after it went out the terminal may have booked the payment,
    /// so the entry is left in doubt and the result is ``PaymentOutcome/inDoubt`` with a message
    /// naming the cancellation and the recovery, never aborted. The connection is closed; the next
    /// command reconnects.
    public func perform(_ request: PaymentRequest) async throws(DeviceError) -> PaymentResult {
        let operation = request.kind.rawValue
        let command = try command(for: request)
        guard !inFlight else { throw Self.busy(operation) }
        try lifecycle.begin(operation, needsClaim: true)
        inFlight = true
        defer {
            inFlight = false
            journaledRequestID = nil
            journaledTerminalID = nil
        }
        var request = request
        request.identity = request.identity.merging(await identity())
        do { try await link.connect() } catch {
            lifecycle.failed(error)
            throw error
        }
        if let journal {
            do { _ = try await journal.begin(request) } catch {
                await finishConnection()
                lifecycle.failed(error)
                throw error
            }
            journaledRequestID = request.requestID
            journaledTerminalID = request.identity.terminalID
        }
        var flow = makeFlow()
        do {
            try await exchange(command, flow: &flow)
        } catch {
            await finishConnection()
            lifecycle.failed(error.error)
            guard error.commandMayHaveArrived else {
                await journalFinish(request.requestID, PaymentResult(outcome: .aborted, message: "not sent: \(error.error)"))
                throw error.error
            }
            let result = ZVTPaymentResultBuilder.inDoubt(flow, reason: error.error.description)
            await journalMarkInDoubt(request.requestID, reason: error.error.description)
            return result
        }
        await finishConnection()
        let result = ZVTPaymentResultBuilder.result(of: flow, requiresStatusInformation: request.kind != .endOfDay)
        if result.outcome == .inDoubt {
            await journalMarkInDoubt(request.requestID, reason: result.message ?? "no Status Information")
        } else {
            await journalFinish(request.requestID, result)
        }
        lifecycle.succeeded()
        return result
    }

    /// Runs `operation` as a journaled ``PaymentRequest`` on this terminal (its endpoint named as
    /// the request's terminal), handing each intermediate status to `display`.
    public func perform(_ operation: PaymentOperation, display: PaymentDisplayHandler?) async throws(DeviceError) -> PaymentResult {
        guard !inFlight else { throw Self.busy(operation.kind.rawValue) }
        displayHandler = display
        defer { displayHandler = nil }
        return try await perform(operation.request(terminal: configuration.endpoint.description))
    }

    /// The ZVT command for a request; throws before anything is journaled or sent.
    func command(for request: PaymentRequest) throws(DeviceError) -> ZVTMessage {
        let operation = request.kind.rawValue
        let password = configuration.password
        let currency: Int? = request.currencyCode == 978 ? nil : request.currencyCode
        func amount() throws(DeviceError) -> Int {
            guard let cents = request.amountCents, cents > 0 else {
                throw DeviceError(.other, operation: operation, message: "the request has no positive amount",
                                  remedy: "Pass the amount in cents (greater than 0).")
            }
            return cents
        }
        func receipt() throws(DeviceError) -> Int {
            guard let number = request.originalReceiptNumber else {
                throw DeviceError(.other, operation: operation, message: "the request names no receipt number",
                                  remedy: "Pass the receipt number of the original payment (printed on its receipt).")
            }
            return number
        }
        switch request.kind {
        case .authorization:
            let cents = try amount()
            return try Self.build(operation) { () throws(ZVTEncodingError) in try ZVTRequest.authorization(amountCents: cents, currency: currency) }
        case .refund:
            let cents = try amount()
            return try Self.build(operation) { () throws(ZVTEncodingError) in try ZVTRequest.refund(password: password, amountCents: cents, currency: currency) }
        case .reversal:
            let number = try receipt()
            return try Self.build(operation) { () throws(ZVTEncodingError) in try ZVTRequest.reversal(password: password, receiptNumber: number) }
        case .preAuthorization:
            let cents = try amount()
            return try Self.build(operation) { () throws(ZVTEncodingError) in try ZVTRequest.preAuthorization(amountCents: cents, currency: currency) }
        case .bookTotal:
            let number = try receipt()
            let cents = request.amountCents
            return try Self.build(operation) { () throws(ZVTEncodingError) in try ZVTRequest.bookTotal(receiptNumber: number, amountCents: cents) }
        case .partialReversal:
            let number = try receipt()
            let cents = try amount()
            return try Self.build(operation) { () throws(ZVTEncodingError) in
                ZVTMessage(type: .partialReversal, fields: [try ZVTField.receiptNumber(number), try ZVTField.amount(cents)])
            }
        case .endOfDay:
            return try Self.build(operation) { () throws(ZVTEncodingError) in try ZVTRequest.endOfDay(password: password) }
        }
    }

    private func journalFinish(_ requestID: String, _ result: PaymentResult) async {
        guard let journal, journaledRequestID == requestID else { return }
        do { try await journal.complete(requestID: requestID, result: result) } catch { lifecycle.emit(.error(error)) }
    }

    private func journalMarkInDoubt(_ requestID: String, reason: String) async {
        guard let journal, journaledRequestID == requestID else { return }
        do { try await journal.markInDoubt(requestID: requestID, reason: reason) } catch { lifecycle.emit(.error(error)) }
    }
}
