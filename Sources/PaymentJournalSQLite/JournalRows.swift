import Foundation
import DeviceCore
import PaymentTerminal
internal import GRDB

/// Converts between journal values and table rows. Every text that goes in passes
/// ``CardDataRedactor`` first, except the request id, which is the caller's key (masking it would
/// merge or lose entries) and is chosen by the kiosk software, not read from a card.
enum JournalRows {
    /// The columns of `payment_requests` read back into an entry.
    static let requestColumns = """
        request_id, state, terminal, kind, amount_cents, currency_code, original_receipt_number,
        outcome, result_code, result_amount_cents, receipt_number, trace, terminal_id, vu_number, card_name,
        card_type, masked_pan, aid, terminal_date_time, customer_receipt, merchant_receipt, result_message,
        doubt_reason, created_at, updated_at, endpoint_keys, terminal_tid
        """

    /// The request with every text field redacted, the request id kept.
    static func redacted(_ request: PaymentRequest) -> PaymentRequest {
        var copy = request
        copy.terminal = CardDataRedactor.redact(request.terminal)
        copy.identity = TerminalIdentity(endpoints: request.identity.endpoints.map(CardDataRedactor.redact),
                                         terminalID: request.identity.terminalID.map(CardDataRedactor.redact))
        return copy
    }

    /// The result with every text field and receipt line redacted.
    static func redacted(_ result: PaymentResult) -> PaymentResult {
        var copy = result
        let redact = { (text: String?) in text.map(CardDataRedactor.redact) }
        copy.terminalID = redact(result.terminalID)
        copy.vuNumber = redact(result.vuNumber)
        copy.cardName = redact(result.cardName)
        copy.maskedPAN = redact(result.maskedPAN)
        copy.aid = redact(result.aid)
        copy.terminalDateTime = redact(result.terminalDateTime)
        copy.customerReceipt = result.customerReceipt.map(CardDataRedactor.redact)
        copy.merchantReceipt = result.merchantReceipt.map(CardDataRedactor.redact)
        copy.message = redact(result.message)
        return copy
    }

    /// The SET clause and arguments that store a (redacted) result.
    static func resultAssignments(_ result: PaymentResult) -> (sql: String, arguments: StatementArguments) {
        let sql = """
            outcome = ?, result_code = ?, result_amount_cents = ?, receipt_number = ?, trace = ?, terminal_id = ?,
            vu_number = ?, card_name = ?, card_type = ?, masked_pan = ?, aid = ?, terminal_date_time = ?,
            customer_receipt = ?, merchant_receipt = ?, result_message = ?
            """
        let arguments: StatementArguments = [
            result.outcome.rawValue, result.resultCode.map { Int($0) }, result.amountCents, result.receiptNumber, result.trace,
            result.terminalID, result.vuNumber, result.cardName, result.cardType, result.maskedPAN, result.aid,
            result.terminalDateTime, lines(result.customerReceipt), lines(result.merchantReceipt), result.message,
        ]
        return (sql, arguments)
    }

    /// Receipt lines as a JSON array, so empty lines and line breaks survive exactly.
    static func lines(_ lines: [String]) -> String {
        (try? JSONEncoder().encode(lines)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// An entry from a `payment_requests` row (columns ``requestColumns``) and its messages.
    static func entry(_ row: Row, messages: [JournalMessage], manualResolution: ManualResolution? = nil,
                      errors: JournalErrors) throws(DeviceError) -> JournalEntry {
        let id: String = row["request_id"]
        guard let state = JournalState(rawValue: row["state"]) else { throw errors.unreadable(id, column: "state") }
        guard let kind = PaymentKind(rawValue: row["kind"]) else { throw errors.unreadable(id, column: "kind") }
        let identity = TerminalIdentity(endpoints: try lines(row["endpoint_keys"], id: id, column: "endpoint_keys", errors: errors),
                                        terminalID: row["terminal_tid"])
        let request = PaymentRequest(requestID: id, kind: kind, amountCents: row["amount_cents"], currencyCode: row["currency_code"],
                                     originalReceiptNumber: row["original_receipt_number"], terminal: row["terminal"], identity: identity)
        var result: PaymentResult?
        if let outcomeName: String = row["outcome"] {
            guard let outcome = PaymentOutcome(rawValue: outcomeName) else { throw errors.unreadable(id, column: "outcome") }
            let code: Int? = row["result_code"]
            result = PaymentResult(
                outcome: outcome, resultCode: code.flatMap(UInt8.init(exactly:)), amountCents: row["result_amount_cents"],
                receiptNumber: row["receipt_number"], trace: row["trace"], terminalID: row["terminal_id"], vuNumber: row["vu_number"],
                cardName: row["card_name"], cardType: row["card_type"], maskedPAN: row["masked_pan"], aid: row["aid"],
                terminalDateTime: row["terminal_date_time"],
                customerReceipt: try lines(row["customer_receipt"], id: id, column: "customer_receipt", errors: errors),
                merchantReceipt: try lines(row["merchant_receipt"], id: id, column: "merchant_receipt", errors: errors),
                message: row["result_message"])
        }
        return JournalEntry(request: request, state: state, result: result, doubtReason: row["doubt_reason"],
                            createdAt: row["created_at"], updatedAt: row["updated_at"], messages: messages,
                            manualResolution: manualResolution)
    }

    /// The identity of an unresolved entry, from its `endpoint_keys` and `terminal_tid` (a row
    /// whose keys cannot be read is known by its URI's key alone).
    static func identity(_ row: Row) -> TerminalIdentity {
        let keys = (row["endpoint_keys"] as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return TerminalIdentity(uri: row["terminal"], terminalID: row["terminal_tid"]).merging(TerminalIdentity(endpoints: keys))
    }

    /// A manual resolution from a `payment_manual_resolutions` row.
    static func manualResolution(_ row: Row) -> ManualResolution? {
        guard let outcome = PaymentOutcome(rawValue: row["outcome"]) else { return nil }
        return ManualResolution(outcome: outcome, reason: row["reason"], resolvedAt: row["resolved_at"])
    }

    /// Receipt lines from their JSON array.
    private static func lines(_ text: String?, id: String, column: String, errors: JournalErrors) throws(DeviceError) -> [String] {
        guard let text else { return [] }
        guard let lines = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { throw errors.unreadable(id, column: column) }
        return lines
    }

    /// A message from a `payment_messages` row.
    static func message(_ row: Row) -> JournalMessage? {
        guard let direction = JournalMessage.Direction(rawValue: row["direction"]) else { return nil }
        return JournalMessage(direction: direction, summary: row["summary"], timestamp: row["timestamp"])
    }
}
