public import DeviceCore
public import Foundation

/// What became of one receipt handed to ``ReceiptPrintService``: printed (and confirmed by the
/// printer), or kept in the spool because a fault stopped it before it could have printed.
public enum PrintOutcome: Sendable {
    /// The printer took and confirmed the job.
    case printed(PrintedReceipt)
    /// A printer fault or a lost connection stopped the job before it may have printed; it is kept
    /// in the spool for ``ReceiptPrintService/resume()``, which prints it once.
    case spooled(SpooledReceipt)

    /// The job's size in bytes.
    public var byteCount: Int {
        switch self {
        case .printed(let printed): printed.byteCount
        case .spooled(let spooled): spooled.byteCount
        }
    }

    /// Characters the printer's code page lacks, each printed (or to be printed) as a stand-in;
    /// empty for raw jobs.
    public var replacements: [CharacterReplacement] {
        switch self {
        case .printed(let printed): printed.replacements
        case .spooled(let spooled): spooled.replacements
        }
    }
}

/// A receipt the printer took and confirmed.
public struct PrintedReceipt: Sendable {
    /// The job's size in bytes.
    public var byteCount: Int
    /// Characters the code page lacks and what was printed instead (empty for raw jobs).
    public var replacements: [CharacterReplacement]

    /// Creates the record of a printed receipt.
    public init(byteCount: Int, replacements: [CharacterReplacement] = []) {
        self.byteCount = byteCount
        self.replacements = replacements
    }
}

/// A receipt a fault stopped before it may have printed, and where the spool keeps it.
public struct SpooledReceipt: Sendable {
    /// The spool file holding the job (``ReceiptSpool``).
    public var file: URL
    /// Why it did not print: a printer fault (``DeviceError/Kind/hardwareFault``) or the printer
    /// offline or its connection lost before the job was confirmed (``DeviceError/Kind/offline``).
    public var error: DeviceError
    /// The job's size in bytes.
    public var byteCount: Int
    /// Characters the code page lacks and what will be printed instead (empty for raw jobs).
    public var replacements: [CharacterReplacement]

    /// Creates the record of a spooled receipt.
    public init(file: URL, error: DeviceError, byteCount: Int, replacements: [CharacterReplacement] = []) {
        self.file = file
        self.error = error
        self.byteCount = byteCount
        self.replacements = replacements
    }
}
