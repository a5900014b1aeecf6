import DeviceCore
import PaymentTerminal

/// The JSON forms of payment results and journal entries the gateway returns: chosen fields
/// only — masked PAN (never a full one, re-masked here in case), no track data, no receipts'
/// raw messages.
enum PaymentJSON {
    /// A payment result.
    static func result(_ result: PaymentResult) -> JSONValue {
        .object([
            "outcome": .string(result.outcome.rawValue), "resultCode": .optional(result.resultCode.map(Hex.byte)),
            "amountCents": .optional(result.amountCents), "receiptNumber": .optional(result.receiptNumber),
            "trace": .optional(result.trace), "terminalId": .optional(result.terminalID), "cardName": .optional(result.cardName),
            "maskedPAN": .optional(result.maskedPAN.map(CardDataRedactor.redact)), "message": .optional(result.message.map(CardDataRedactor.redact)),
            "customerReceipt": .array(result.customerReceipt.map { .string(CardDataRedactor.redact($0)) }),
        ])
    }

    /// One journal entry, read-only.
    static func entry(_ entry: JournalEntry) -> JSONValue {
        .object([
            "requestId": .string(entry.request.requestID), "kind": .string(entry.request.kind.rawValue),
            "amountCents": .optional(entry.request.amountCents), "currencyCode": .int(entry.request.currencyCode),
            "terminal": .string(entry.request.terminal), "state": .string(entry.state.rawValue),
            "outcome": .optional(entry.result?.outcome.rawValue), "maskedPAN": .optional(entry.result?.maskedPAN.map(CardDataRedactor.redact)),
            "receiptNumber": .optional(entry.result?.receiptNumber), "terminalId": .optional(entry.result?.terminalID),
            "doubtReason": .optional(entry.doubtReason.map(CardDataRedactor.redact)),
            "createdAt": .double(entry.createdAt), "updatedAt": .double(entry.updatedAt),
            "manualResolution": entry.manualResolution.map { resolution in
                .object(["outcome": .string(resolution.outcome.rawValue), "reason": .string(CardDataRedactor.redact(resolution.reason)),
                         "resolvedAt": .double(resolution.resolvedAt)])
            } ?? .null,
        ])
    }

    /// What recovery did with an earlier entry.
    static func recovery(_ status: PaymentRecovery.Resolution.Status) -> JSONValue {
        switch status {
        case .completed(let result): .string(result.outcome.rawValue)
        case .stillInDoubt: .string("inDoubt")
        case .inProgress: .string("inProgress")
        }
    }
}
