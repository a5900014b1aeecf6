public import DeviceCore

/// Something that can tell which transaction a payment terminal booked last, without booking
/// anything: the ZVT terminal answers through Status Enquiry (`05 01`) and Repeat Receipt (`06 20`).
///
/// ``PaymentRecovery`` calls only this method, so recovery can never start a payment.
public protocol LastTransactionSource: Sendable {
    /// The terminal's last transaction with its result fields and receipts.
    ///
    /// Return `nil` only when the terminal positively reports that it holds no transaction (for
    /// example Repeat Receipt answered that there is no receipt to repeat). Throw when the
    /// terminal cannot be reached or its answer is unclear: a thrown error keeps the entry in
    /// doubt, while `nil` resolves it as not booked.
    func lastTransaction() async throws(DeviceError) -> PaymentResult?
}
