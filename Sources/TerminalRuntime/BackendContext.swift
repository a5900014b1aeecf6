public import Foundation
public import Logging
public import PaymentTerminal
import PaymentJournalSQLite

/// What the catalog's factories need besides a device's own configuration: the payment journal,
/// where secrets come from, the receipt spool, the clock and a logger.
///
/// One context serves a whole ``DeviceRegistry``: every ZVT terminal it builds journals into
/// ``paymentJournal``, so a payment taken through the library is journaled exactly as one taken
/// with `bhal payment`.
public struct BackendContext: Sendable {
    /// The journal every real payment terminal records into before its first byte.
    public var paymentJournal: any PaymentJournal
    /// Where the ZVT password comes from (never a URI or the command line).
    public var secrets: SecretSource
    /// The root of the receipt spools: one directory per printer, named by its normalised endpoint.
    public var spoolDirectory: URL
    /// The clock every device's timers run on.
    public var clock: any Clock<Duration>
    /// Where the runtime logs what it builds (never secrets or card data).
    public var logger: Logger

    /// A context journaling into `paymentJournal`.
    public init(paymentJournal: any PaymentJournal, secrets: SecretSource = .environment(),
                spoolDirectory: URL = BackendContext.defaultSpoolDirectory, clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "buergerhal.runtime")) {
        self.paymentJournal = paymentJournal
        self.secrets = secrets
        self.spoolDirectory = spoolDirectory
        self.clock = clock
        self.logger = logger
    }

    /// A context journaling into the SQLite journal at `journalPath` (default `$BHAL_PAYMENT_JOURNAL`,
    /// else `/var/lib/buergerhal/payments.sqlite`). The file is opened on the first journal call,
    /// on a thread of its own, so a registry that takes no payment never touches it; a journal
    /// that cannot be opened makes that payment fail before anything is sent.
    public init(journalPath: String = BackendContext.defaultJournalPath, secrets: SecretSource = .environment(),
                spoolDirectory: URL = BackendContext.defaultSpoolDirectory, clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "buergerhal.runtime")) {
        self.init(paymentJournal: DeferredSQLitePaymentJournal(path: journalPath), secrets: secrets,
                  spoolDirectory: spoolDirectory, clock: clock, logger: logger)
    }

    /// `$BHAL_PAYMENT_JOURNAL`, else `/var/lib/buergerhal/payments.sqlite`.
    public static var defaultJournalPath: String { SQLitePaymentJournal.defaultPath }

    /// `$BHAL_SPOOL_DIR`, else `/var/spool/buergerhal`.
    public static var defaultSpoolDirectory: URL {
        let value = ProcessInfo.processInfo.environment["BHAL_SPOOL_DIR"] ?? ""
        return URL(fileURLWithPath: value.isEmpty ? "/var/spool/buergerhal" : value, isDirectory: true)
    }
}
