public import DeviceCore

/// The host side of the Wacom STU protocol over any ``STUReportTransport``: the one code path
/// the USB backend and the simulated pad share for reading capabilities, starting and ending a
/// capture and decoding pen reports.
public struct STUHost: Sendable {
    /// What carries the reports.
    public let transport: any STUReportTransport
    private let clock: any Clock<Duration>

    /// How often the Status report is read while the pad is busy after a command.
    static let statusPollInterval = Duration.milliseconds(10)
    /// How long the pad may stay busy after a command (clearing a colour screen takes up to
    /// 600 ms on an STU-520).
    static let readyLimit = Duration.seconds(2)

    /// A host talking over `transport`; status polls wait on `clock`.
    public init(transport: any STUReportTransport, clock: any Clock<Duration>) {
        self.transport = transport
        self.clock = clock
    }

    /// The model and ranges from the Information (08) and Capability (09) reports.
    public func readCapabilities() async throws(DeviceError) -> SignaturePadCapabilities {
        let operation = "read capabilities"
        let information = try await transport.getFeature(.information, length: STUReport.ID.information.length)
        let capability = try await transport.getFeature(.capability, length: STUReport.ID.capability.length)
        do throws(STUReport.ParseError) {
            return try STUReport.parseCapability(capability, model: try STUReport.parseInformation(information).model)
        } catch {
            throw Self.malformed(error, operation: operation)
        }
    }

    /// The pad's Status report (03).
    public func status(_ operation: String) async throws(DeviceError) -> STUStatus {
        let report = try await transport.getFeature(.status, length: STUReport.ID.status.length)
        do throws(STUReport.ParseError) {
            return try STUStatus(decoding: report)
        } catch {
            throw Self.malformed(error, operation: operation)
        }
    }

    /// Reads Status until the pad is ready, for at most ``readyLimit``.
    public func waitUntilReady(_ operation: String) async throws(DeviceError) {
        var waited = Duration.zero
        while true {
            let status = try await status(operation)
            if status.state == .ready { return }
            guard waited < Self.readyLimit else {
                throw DeviceError(.hardwareFault, operation: operation, message: "the pad stayed busy (state \(status))",
                                  remedy: "Reset the pad (unplug it for 10 seconds) and try again.")
            }
            do { try await clock.sleep(for: Self.statusPollInterval) } catch { throw .cancelled(operation) }
            waited += Self.statusPollInterval
        }
    }

    /// Prepares a capture: ClearScreen (20), Status until ready, InkingMode on (21),
    /// StartCapture (15) with `id`.
    public func beginCapture(id: UInt32) async throws(DeviceError) {
        try await transport.setFeature(STUCommand.clearScreen.bytes)
        try await waitUntilReady("start capture")
        try await transport.setFeature(STUCommand.inkingMode(on: true).bytes)
        try await transport.setFeature(STUCommand.startCapture(id: id).bytes)
    }

    /// Ends a capture: EndCapture (16) and InkingMode off; best effort, so a pad that is gone
    /// does not hide the error that ended the capture.
    public func endCapture() async {
        try? await transport.setFeature(STUCommand.endCapture.bytes)
        try? await transport.setFeature(STUCommand.inkingMode(on: false).bytes)
    }

    /// The next pen sample, stamped on `stopwatch` when its report arrived; `nil` when no
    /// report arrived before `deadline` or the report was not pen data. A malformed pen report
    /// is a ``DeviceError/Kind/protocol`` error naming the offset.
    public func nextSample(before deadline: Duration, on stopwatch: CaptureStopwatch) async throws(DeviceError) -> PenSample? {
        guard let report = try await transport.nextInputReport(before: deadline, on: stopwatch) else { return nil }
        let time = stopwatch.elapsed  // measured at each report, never counted
        do throws(STUReport.ParseError) {
            switch try STUInputReport(decoding: report) {
            case .pen(let pen): return pen.sample(at: time)
            case .other: return nil
            }
        } catch {
            throw Self.malformed(error, operation: "read pen data")
        }
    }

    /// The error for a report that does not parse: the same for every transport. Names the
    /// offset and reason, never the report's content.
    public static func malformed(_ error: STUReport.ParseError, operation: String) -> DeviceError {
        DeviceError(.protocol, operation: operation, message: "the pad sent a malformed report (\(error))",
                    remedy: "Reset the pad (unplug it for 10 seconds) and try again; if it persists, update its firmware.")
    }
}
