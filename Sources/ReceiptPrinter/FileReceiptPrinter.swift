public import DeviceCore
import Foundation

/// A "printer" that appends each job to a file (`file://PATH`): for spooling to disk, a device
/// node such as `/dev/usb/lp0`, or tests. It has no status channel: it reports online while the
/// file's directory exists.
public actor FileReceiptPrinter: ReceiptPrinter, LifecycleHostingDevice {
    /// Static facts.
    public nonisolated let info: DeviceInfo
    /// The file jobs are appended to.
    public nonisolated let path: String
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    private let clock: any Clock<Duration>
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>

    /// Creates a printer writing to `path`.
    public init(logicalName: String, path: String, clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        self.path = path
        self.clock = clock
        info = DeviceInfo(logicalName: logicalName, family: .receiptPrinter, backend: .real, backendName: "file", connection: "file://" + path)
    }

    /// Online while the file's directory exists.
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.beginRead("read status")
        let directory = (path as NSString).deletingLastPathComponent
        return PrinterStatus(online: FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory))
    }

    /// Appends the job to the file (created if missing).
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(job))
        } catch {
            let failure = DeviceError(.offline, operation: "print", message: "cannot append to \(path): \(error.localizedDescription)",
                                      remedy: "Check that the directory exists and is writable.")
            lifecycle.failed(failure)
            throw failure
        }
        lifecycle.statistics.recordTraffic(sent: job.count)
        lifecycle.succeeded()
    }

    /// Internal: the directory exists. External: a test receipt is appended.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await ReceiptPrinterHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }
}
