public import DeviceCore
public import Foundation

/// Receipts kept for one printer because a fault (paper out, cover open, offline) stopped them,
/// to be printed once the fault is cleared: each exactly once, oldest first.
///
/// One directory per printer URI. A job is `<time>-<id>.job`; while it is being sent it is renamed
/// `.sending`, deleted after success and renamed back after a failure. A `.sending` file left by a
/// crash may have printed, so ``resume(_:)`` never resends it by itself: it is reported instead.
public struct ReceiptSpool: Sendable {
    /// The printer's spool directory.
    public let directory: URL

    /// The spool of the printer at `printerURI` under `root` (e.g. `/var/spool/buergerhal`).
    public init(root: URL, printerURI: String) {
        let name = String(printerURI.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        directory = root.appendingPathComponent(name, isDirectory: true)
    }

    /// Moves the receipts kept in `other` (the same printer's spool under another spelling of its
    /// URI, such as the one an earlier version keyed it on) into this spool, so that none is
    /// forgotten; job names keep their time stamps, so the order stays oldest first. Returns the
    /// number moved; a file that cannot be moved stays where it was and is named in the error.
    @discardableResult
    public func adopt(_ other: ReceiptSpool) throws(DeviceError) -> Int {
        guard other.directory.standardizedFileURL != directory.standardizedFileURL else { return 0 }
        let waiting = other.pending() + other.interrupted()
        guard !waiting.isEmpty else { return 0 }
        var moved = 0
        for file in waiting {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try FileManager.default.moveItem(at: file, to: directory.appendingPathComponent(file.lastPathComponent))
                moved += 1
            } catch {
                throw DeviceError(.other, operation: "adopt spooled receipts", message: "cannot move \(file.path) into \(directory.path): \(error.localizedDescription)",
                                  remedy: "Check the permissions of both spool directories, or move the file by hand.")
            }
        }
        return moved
    }

    /// Keeps `job` and returns its file.
    @discardableResult
    public func add(_ job: [UInt8]) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stamp = String(format: "%.6f", Date().timeIntervalSince1970)
        let file = directory.appendingPathComponent("\(stamp)-\(UUID().uuidString).job")
        try Data(job).write(to: file, options: .withoutOverwriting)
        return file
    }

    /// The jobs waiting, oldest first.
    public func pending() -> [URL] { files(withExtension: "job") }

    /// Whether a job that failed with `error` has certainly not printed: a printer fault
    /// (paper out, cover open) or the printer offline or gone before it confirmed taking the job.
    /// Any other failure (a timeout above all, and ``DeviceError/Kind/cancelled``: a caller that
    /// cancelled may have stopped waiting after the job went out) may have printed the job.
    public static func hasNotPrinted(after error: DeviceError) -> Bool {
        error.kind == .hardwareFault || error.kind == .offline
    }

    /// Jobs whose sending was interrupted: they may have printed.
    public func interrupted() -> [URL] { files(withExtension: "sending") }

    /// Sends every waiting job, oldest first, with `send`; stops at the first failure (that job
    /// and the later ones stay). Returns how many printed.
    public func resume(_ send: ([UInt8]) async throws(DeviceError) -> Void) async throws(DeviceError) -> Int {
        var printed = 0
        for file in pending() {
            let sending = file.deletingPathExtension().appendingPathExtension("sending")
            let bytes: [UInt8]
            do {
                try FileManager.default.moveItem(at: file, to: sending)
                bytes = Array(try Data(contentsOf: sending))
            } catch {
                throw DeviceError(.other, operation: "resume", message: "cannot read spooled receipt \(file.path): \(error.localizedDescription)",
                                  remedy: "Check the permissions of \(directory.path).")
            }
            do {
                try await send(bytes)
            } catch {
                // Only a job the printer refused (fault, offline, connection lost before it took the
                // job) goes back into the queue. After a timeout it may have printed: it stays
                // `.sending` (``interrupted()``), never resent by the next resume.
                guard Self.hasNotPrinted(after: error) else {
                    var kept = error
                    kept.message += "; the receipt may have printed, so it is not resent: it is kept as \(sending.path)"
                    kept.remedy = "Check the printer's paper for it; delete the file if it printed, rename it to .job if not. " + kept.remedy
                    throw kept
                }
                try? FileManager.default.moveItem(at: sending, to: file)
                throw error
            }
            try? FileManager.default.removeItem(at: sending)
            printed += 1
        }
        return printed
    }

    private func files(withExtension suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }
}
