public import DeviceCore

/// Why ``ReceiptPrintService`` could not print a receipt and did not keep it in the spool.
public enum ReceiptPrintError: Error, Sendable, CustomStringConvertible {
    /// The receipt cannot be printed on this printer's profile (the error's path names the
    /// element); nothing was sent.
    case invalidReceipt(ReceiptError)
    /// The printer failed in a way that is not kept in the spool. With ``mayHavePrinted`` (a
    /// timeout or a cancellation: the job may have been sent and printed) it must not simply be resent; the
    /// printer's error says so. Otherwise (the printer is closed, busy, …) nothing printed.
    case notPrinted(DeviceError)
    /// A fault stopped the job before it may have printed, and the spool could not keep it
    /// (`spoolFailure` says why): the receipt is lost unless printed again by hand.
    case notSpooled(DeviceError, spoolFailure: String)

    /// The printer's error, unless the receipt itself was invalid.
    public var deviceError: DeviceError? {
        switch self {
        case .invalidReceipt: nil
        case .notPrinted(let error), .notSpooled(let error, _): error
        }
    }

    /// Whether the job may have printed although the print failed (a timeout once it may have been
    /// sent, or a cancelled print: the caller may have stopped waiting after the job went out):
    /// check the printer's output before printing it again.
    public var mayHavePrinted: Bool {
        guard case .notPrinted(let error) = self else { return false }
        return error.kind == .timeout || error.kind == .cancelled
    }

    /// One technician-readable text: the printer's error and, when the spool failed, why.
    public var description: String {
        switch self {
        case .invalidReceipt(let error): "\(error)"
        case .notPrinted(let error): "\(error)"
        case .notSpooled(let error, let failure): "\(error)\nand the receipt could not be spooled: \(failure)"
        }
    }
}

/// Why ``ReceiptPrintService/resume()`` stopped: the job that failed stays in the spool with every
/// later one.
public struct SpoolResumeFailure: Error, Sendable, CustomStringConvertible {
    /// The printer's error (or the spool's, when a kept job could not be read).
    public var error: DeviceError
    /// Jobs printed, and removed from the spool, before the failure.
    public var printed: Int
    /// Jobs still waiting in the spool, the failed one included.
    public var remaining: Int

    /// Creates a resume failure.
    public init(error: DeviceError, printed: Int, remaining: Int) {
        self.error = error
        self.printed = printed
        self.remaining = remaining
    }

    /// The printer's error and how many receipts stay in the spool.
    public var description: String { "\(error)\n\(remaining) receipt(s) stay in the spool" }
}
