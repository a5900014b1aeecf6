public import DeviceCore

extension ZVTPaymentTerminal: LastTransactionSource {
    /// The terminal's last transaction, from Repeat Receipt (`06 20`); books nothing.
    ///
    /// Only an answer that names a transaction (receipt or trace number) is returned. Any other
    /// answer throws, which keeps an in-doubt entry in doubt: `nil` ("nothing booked") would
    /// resolve it as not booked, and a terminal's silence is not proof of that.
    public func lastTransaction() async throws(DeviceError) -> PaymentResult? {
        let result = try await repeatReceipt()
        guard result.receiptNumber != nil || result.trace != nil else {
            throw DeviceError(.protocol, operation: "repeat receipt",
                              message: "the terminal's answer names no transaction (outcome \(result.outcome.rawValue))",
                              remedy: "Check the merchant receipt, the terminal's own journal or the acquirer's portal against `bhal payment journal`, "
                                  + "then record the outcome: `bhal payment recover --mark REQUEST_ID approved|declined|aborted --reason TEXT`.")
        }
        return result
    }

    /// Resolves this terminal's payments left pending or in doubt in its journal, asking the
    /// terminal through ``lastTransaction()``; books nothing. Without a journal there is nothing
    /// to resolve. Throws only when the journal fails.
    public func recoverInDoubtPayments() async throws(DeviceError) -> [PaymentRecovery.Resolution] {
        guard let journal else { return [] }
        return try await PaymentRecovery(journal: journal, identity: await identity(), source: self).run()
    }
}
