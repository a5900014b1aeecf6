public import DeviceCore
public import Foundation

/// Prints receipts on one printer with its spool, under the rules `bhal print` follows: what an
/// application uses to print, rather than ``ReceiptPrinter/printRaw(_:)`` alone.
///
/// - A receipt is encoded with the printer's ``profile``; characters its code page lacks are
///   reported in the ``PrintOutcome`` (the service writes nothing to any log or stream).
/// - A job stopped by a printer fault (``DeviceError/Kind/hardwareFault``: paper out, cover open)
///   or by the printer being offline or losing the connection before it confirmed the job
///   (``DeviceError/Kind/offline``) has not printed: it is kept in the spool and returned as
///   ``PrintOutcome/spooled(_:)``.
/// - A job that may have printed (a ``DeviceError/Kind/timeout`` once it may have been sent) is
///   never spooled, so it cannot print twice; it fails with ``ReceiptPrintError/notPrinted(_:)``,
///   whose error says not to simply resend it.
/// - ``resume()`` prints each kept job once, oldest first, removes it only after the printer
///   confirmed it, and stops at the first failure, leaving that job and the later ones; a job
///   whose resend timed out may have printed and is kept aside (``interruptedJobs``), not resent.
///
/// The service borrows the printer (the ``ReceiptPrinter`` handle's owner, e.g. the
/// `DeviceRegistry`, opens and closes it); every method needs it open. One actor: its prints and
/// resumes run one at a time.
public actor ReceiptPrintService {
    /// The printer the jobs go to.
    public nonisolated let printer: any ReceiptPrinter
    /// Where jobs a fault stopped are kept: the printer's spool, keyed on its normalised endpoint
    /// (`tcp://h` and `tcp://h:9100` share one).
    public nonisolated let spool: ReceiptSpool
    /// The printer model receipts are encoded for (code pages, paper width, dialect).
    public nonisolated let profile: PrinterProfile

    /// A service printing on `printer`, keeping faulted jobs in `spool`, encoding for `profile`.
    public init(printer: any ReceiptPrinter, spool: ReceiptSpool, profile: PrinterProfile = .default) {
        self.printer = printer
        self.spool = spool
        self.profile = profile
    }

    /// The bytes of `receipt` for this printer's ``profile``, with the replacements and warnings
    /// of the encoding. Pure: nothing is sent.
    public nonisolated func encode(_ receipt: Receipt) throws(ReceiptError) -> EncodedReceipt {
        try ESCPOSEncoder(profile: profile).encode(receipt)
    }

    /// Encodes `receipt` for the printer's profile and prints it (see the type's rules).
    public func print(_ receipt: Receipt) async throws(ReceiptPrintError) -> PrintOutcome {
        let encoded: EncodedReceipt
        do { encoded = try encode(receipt) } catch { throw .invalidReceipt(error) }
        return try await print(encoded)
    }

    /// Prints a receipt encoded earlier (``encode(_:)``); its replacements come back in the outcome.
    public func print(_ encoded: EncodedReceipt) async throws(ReceiptPrintError) -> PrintOutcome {
        try await send(encoded.bytes, replacements: encoded.replacements)
    }

    /// Prints raw printer bytes (ESC/POS or Star Line Mode) under the same rules.
    public func printRaw(_ job: [UInt8]) async throws(ReceiptPrintError) -> PrintOutcome {
        try await send(job, replacements: [])
    }

    /// The printer's current condition.
    public func status() async throws(DeviceError) -> PrinterStatus {
        try await printer.status()
    }

    /// The jobs waiting in the spool, oldest first.
    public nonisolated var pendingJobs: [URL] { spool.pending() }

    /// Jobs whose sending was interrupted (the process stopped mid-job): they may have printed, so
    /// ``resume()`` never resends them; a technician checks the printer and deletes them, or
    /// renames them to `.job` to print them.
    public nonisolated var interruptedJobs: [URL] { spool.interrupted() }

    /// Prints every job waiting in the spool, oldest first, each once; returns how many printed.
    /// Stops at the first failure: that job and the later ones stay in the spool.
    public func resume() async throws(SpoolResumeFailure) -> Int {
        let printer = self.printer
        var printed = 0
        do {
            return try await spool.resume { bytes throws(DeviceError) in
                try await printer.printRaw(bytes)
                printed += 1
            }
        } catch {
            throw SpoolResumeFailure(error: error, printed: printed, remaining: spool.pending().count)
        }
    }

    /// Whether a job that failed with `error` has not printed and is to be kept in the spool.
    public static func keepsInSpool(_ error: DeviceError) -> Bool {
        ReceiptSpool.hasNotPrinted(after: error)
    }

    private func send(_ job: [UInt8], replacements: [CharacterReplacement]) async throws(ReceiptPrintError) -> PrintOutcome {
        do throws(DeviceError) {
            try await printer.printRaw(job)
        } catch {
            guard Self.keepsInSpool(error) else { throw .notPrinted(error) }
            let file: URL
            do { file = try spool.add(job) } catch let spoolError {
                throw .notSpooled(error, spoolFailure: spoolError.localizedDescription)
            }
            return .spooled(SpooledReceipt(file: file, error: error, byteCount: job.count, replacements: replacements))
        }
        return .printed(PrintedReceipt(byteCount: job.count, replacements: replacements))
    }
}
