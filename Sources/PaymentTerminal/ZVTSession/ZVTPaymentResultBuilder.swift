/// Builds ``PaymentResult``s from what a command cycle brought: the Status Information `04 0F`
/// fields (PAN masked to first 6 / last 4 at most), the receipts and the way the cycle ended.
/// Receipt lines and the card name pass ``CardDataRedactor``: a terminal that prints the full card
/// number puts it on no receipt, output or journal of ours.
enum ZVTPaymentResultBuilder {
    /// The outcome a result code stands for (technical codes mean the payment did not happen).
    static func outcome(of code: ZVTResultCode) -> PaymentOutcome {
        switch code.outcome {
        case .success: .approved
        case .aborted: .aborted
        case .declined, .technical: .declined
        }
    }

    /// The result of a finished cycle. With `requiresStatusInformation` (payments), a Completion
    /// without Status Information is in doubt rather than approved: the ECR never saw the booking;
    /// and an Abort or refusal after a Status Information that approved the payment is in doubt
    /// rather than aborted: the terminal said it booked the payment.
    static func result(of flow: ZVTCommandFlow, requiresStatusInformation: Bool = false) -> PaymentResult {
        let reported = flow.statusInformation?.resultCode
        let approvedBefore = requiresStatusInformation && reported == .success
        switch flow.end {
        case .terminalAbort(let code)? where approvedBefore, .refused(let code)? where approvedBefore:
            // The Status Information approved the payment and our acknowledgement committed it
            // (PA00P015 §2.2.8); an abort after that may mean an auto-reversal or nothing at all.
            // Reporting "aborted" would invite a second payment for a booked one.
            return inDoubt(flow, reason: "the terminal approved the payment in its Status Information, then ended with "
                           + "\(code.description) / \(code.germanText); it may be booked")
        case .terminalAbort(let code)?:
            return result(flow, outcome: outcome(of: code), code: code, message: "\(code.description) / \(code.germanText)")
        case .refused(let code)?:
            return result(flow, outcome: outcome(of: code), code: code,
                          message: "the terminal refused the command: \(code.description) / \(code.germanText)")
        case .completion?, .acknowledged?:
            if requiresStatusInformation && flow.statusInformation == nil {
                return inDoubt(flow, reason: "the terminal completed without sending Status Information")
            }
            let code = reported ?? .success
            let message = code == .success ? nil : "\(code.description) / \(code.germanText)"
            return result(flow, outcome: outcome(of: code), code: code, message: message)
        case nil:
            return inDoubt(flow, reason: "the command did not finish")
        }
    }

    /// The result when the terminal may have booked the payment but the cycle did not finish.
    static func inDoubt(_ flow: ZVTCommandFlow, reason: String) -> PaymentResult {
        result(flow, outcome: .inDoubt, code: flow.statusInformation?.resultCode,
               message: "outcome unknown: \(reason); resolve with Repeat Receipt / Status Enquiry before the next payment")
    }

    private static func result(_ flow: ZVTCommandFlow, outcome: PaymentOutcome, code: ZVTResultCode?, message: String?) -> PaymentResult {
        var message = message
        if flow.abortedAtDeadline {
            message = (message.map { $0 + "; " } ?? "") + "the ECR sent Abort 06 B0 when the overall deadline passed"
        }
        var result = PaymentResult(outcome: outcome, resultCode: code?.rawValue,
                                   customerReceipt: flow.receipts.customer.map(CardDataRedactor.redact),
                                   merchantReceipt: flow.receipts.merchant.map(CardDataRedactor.redact), message: message)
        if let information = flow.statusInformation { fill(&result, from: information) }
        return result
    }

    /// Copies the fields of a Status Information into `result`.
    static func fill(_ result: inout PaymentResult, from message: ZVTMessage) {
        result.amountCents = message.amountCents
        for field in message.fields {
            switch (field.bmp, field.value) {
            case (.traceNumber?, .number(let number)): result.trace = number
            case (.receiptNumber?, .number(let number)): result.receiptNumber = number
            case (.terminalID?, .digits(let digits)): result.terminalID = digits
            case (.vuNumber?, .text(let text)): result.vuNumber = text.trimmingSpaces()
            case (.cardName?, .text(let text)): result.cardName = CardDataRedactor.redact(text.trimmingSpaces())
            case (.cardType?, .cardType(let type)): result.cardType = Int(type.rawValue)
            case (.pan?, .pan(let pan)): result.maskedPAN = pan.isEmpty ? nil : pan.masked
            case (.aid?, .binary(let bytes)): result.aid = ZVTBCD.hex(bytes).replacingSpaces()
            default: break
            }
        }
        var dateTime: [String] = []
        if case .date(let month, let day)? = message.field(.date)?.value { dateTime.append(two(month) + two(day)) }
        if case .time(let hour, let minute, let second)? = message.field(.time)?.value { dateTime.append(two(hour) + two(minute) + two(second)) }
        if !dateTime.isEmpty { result.terminalDateTime = dateTime.joined(separator: " ") }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

extension String {
    /// Without leading and trailing spaces (fixed-width ZVT text fields are space-padded).
    fileprivate func trimmingSpaces() -> String {
        var characters = Substring(self)
        while characters.first == " " { characters = characters.dropFirst() }
        while characters.last == " " { characters = characters.dropLast() }
        return String(characters)
    }

    /// Without spaces (`"A0 00 00"` → `"A00000"`).
    fileprivate func replacingSpaces() -> String { filter { $0 != " " } }
}
