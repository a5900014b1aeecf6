public import DeviceCore

/// A signature pad in process that runs the real STU protocol code: ``STUHost`` sends and
/// decodes reports over an in-memory report channel to an ``STUPadSimulator`` (an STU-540 by
/// default), which encodes its pen track as a real pad does. A capture plays the pad's track
/// (by default ``SyntheticSignature/scribble``) at its report rate on the injected clock.
public actor SimulatedSignaturePad: SignaturePad, LifecycleHostingDevice {
    /// Static facts about the simulated pad.
    public nonisolated let info: DeviceInfo
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    /// The pad at the other end of the report channel, for scripting tracks and faults.
    public nonisolated let pad: STUPadSimulator
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    private let clock: any Clock<Duration>
    private var cachedCapabilities: SignaturePadCapabilities?
    private var session: SignatureCaptureSession?
    private var capturing = false
    private var captureID: UInt32 = 0
    private var scriptedForOneSession = false

    /// Creates a simulated pad talking to `pad` (by default a new STU-540 on `clock`).
    public init(logicalName: String, clock: any Clock<Duration> = ContinuousClock(), pad: STUPadSimulator? = nil) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .signaturePad, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated STU-540")
        self.clock = clock
        self.pad = pad ?? STUPadSimulator(clock: clock)
    }

    /// Cancels a running capture session, then closes the simulated pad.
    public func closeConnection() async {
        if let session { _ = try? await session.cancel() }
        cachedCapabilities = nil
    }

    /// Sets the track the next capture session plays (an empty array simulates a signer who
    /// never signs); later sessions play the default track again.
    public func scriptNextSignature(_ samples: [PenSample]) async {
        await pad.play(samples)
        scriptedForOneSession = true
    }

    /// The pad's model and ranges, read from its Information and Capability reports.
    public func capabilities() async throws(DeviceError) -> SignaturePadCapabilities {
        try lifecycle.requireOpen("read capabilities")
        if let cachedCapabilities { return cachedCapabilities }
        let capabilities = try await host.readCapabilities()
        cachedCapabilities = capabilities
        return capabilities
    }

    /// Starts a capture session on the simulated pad (see ``SignaturePad/startCapture(_:)``).
    public func startCapture(_ options: CaptureOptions) async throws(DeviceError) -> SignatureCaptureSession {
        let operation = "capture signature"
        guard !capturing else { throw Self.busy(operation) }
        try lifecycle.begin(operation, needsClaim: false)
        capturing = true
        do {
            let capabilities = try await capabilities()
            captureID &+= 1
            let driver = STUCaptureDriver(host: host, captureID: captureID, events: lifecycle.events) { [weak self] result in
                await self?.captureEnded(result)
            }
            let session = try await SignatureCaptureSession.start(options: options, capabilities: capabilities, driver: driver, clock: clock)
            if capturing { self.session = session }
            return session
        } catch {
            if capturing { await captureEnded(.failure(error)) }
            throw error
        }
    }

    /// Internal: capabilities. Interactive: a signature (the pad's track).
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await SignaturePadHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    private func captureEnded(_ result: Result<SignatureCaptureOutcome, DeviceError>) async {
        guard capturing else { return }
        capturing = false
        session = nil
        switch result {
        case .success: lifecycle.succeeded()
        case .failure(let error): lifecycle.failed(error)
        }
        if scriptedForOneSession {
            scriptedForOneSession = false
            await pad.play(SyntheticSignature.scribble)
        }
    }

    private static func busy(_ operation: String) -> DeviceError {
        DeviceError(.busy, operation: operation, message: "a capture session is already running on this pad",
                    remedy: "Finish or cancel the running session before starting another.")
    }

    // MARK: - The in-memory report channel

    private var host: STUHost { STUHost(transport: ReportChannel(host: self), clock: clock) }

    /// The host's end of the report channel: forwards each report to the simulated pad and counts
    /// its bytes, as the USB backend counts what crosses the bus.
    private struct ReportChannel: STUReportTransport {
        let host: SimulatedSignaturePad

        func getFeature(_ id: STUReport.ID, length: Int) async throws(DeviceError) -> [UInt8] {
            let reply = try await host.pad.getFeature(id, length: length)
            await host.count(received: reply.count)
            return reply
        }

        func setFeature(_ report: [UInt8]) async throws(DeviceError) {
            await host.count(sent: report.count)
            try await host.pad.setFeature(report)
        }

        func nextInputReport(before deadline: Duration, on stopwatch: CaptureStopwatch) async throws(DeviceError) -> [UInt8]? {
            let report = await host.pad.nextInputReport(before: deadline, on: stopwatch)
            if let report { await host.count(received: report.count) }
            return report
        }
    }

    private func count(sent: Int = 0, received: Int = 0) {
        lifecycle.statistics.recordTraffic(sent: sent, received: received)
    }
}
