public import DeviceCore

/// A signature pad in process, shaped like a Wacom STU-540. A capture returns a scripted
/// signature (by default a synthetic two-stroke scribble) at the pad's 200 samples per second,
/// timed on the injected clock.
public actor SimulatedSignaturePad: SignaturePad {
    /// Static facts about the simulated pad.
    public nonisolated let info: DeviceInfo
    private var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private let clock: any Clock<Duration>
    private let padCapabilities = SignaturePadCapabilities(model: "STU-540 (simulated)", maxX: 9600, maxY: 6000,
                                                           maxPressure: 1023, screenWidth: 800, screenHeight: 480)
    private var nextSignature: [PenSample]

    /// Creates a simulated pad.
    public init(logicalName: String, clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .signaturePad, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated STU-540")
        self.clock = clock
        nextSignature = Self.syntheticScribble()
    }

    /// The lifecycle state.
    public var state: DeviceState { lifecycle.state }
    /// Whether this handle has exclusive access.
    public var isClaimed: Bool { lifecycle.isClaimed }
    /// Counters since creation.
    public var statistics: DeviceStatistics { lifecycle.statistics }

    /// Opens the simulated pad.
    public func open() async throws(DeviceError) { lifecycle.opened() }
    /// Claims the simulated pad.
    public func claim() async throws(DeviceError) { try lifecycle.claimed() }
    /// Releases the claim.
    public func release() async { lifecycle.released() }
    /// Closes the simulated pad.
    public func close() async { lifecycle.closed() }

    /// Sets the samples the next capture returns (an empty array simulates a signer who never signs).
    public func scriptNextSignature(_ samples: [PenSample]) { nextSignature = samples }

    /// The STU-540-like capabilities.
    public func capabilities() async throws(DeviceError) -> SignaturePadCapabilities {
        try lifecycle.requireOpen("read capabilities")
        return padCapabilities
    }

    /// Asks for a signature, then returns the scripted samples after their duration on the clock.
    public func captureSignature(timeout: Duration) async throws(DeviceError) -> SignatureCapture {
        try lifecycle.begin("capture signature", needsClaim: false)
        lifecycle.emit(.userActionRequired(UserAction(code: .sign, prompt: "Bitte unterschreiben Sie auf dem Unterschriftenpad")))
        let samples = nextSignature
        nextSignature = Self.syntheticScribble()
        let length = min(samples.last?.time ?? .zero, timeout)
        try? await clock.sleep(for: length)
        lifecycle.statistics.recordTraffic(received: samples.count * 7)  // one 7-byte pen report per sample
        lifecycle.succeeded()
        return SignatureCapture(capabilities: padCapabilities, samples: samples.filter { $0.time <= timeout })
    }

    /// Internal: capabilities. Interactive: a (scripted) signature.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await SignaturePadHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    /// Two strokes of 100 samples each with a hover gap, 5 ms apart (200 reports per second).
    private static func syntheticScribble() -> [PenSample] {
        (0..<220).map { index in
            let inContact = index < 100 || index >= 120
            return PenSample(x: 1000 + index * 30, y: 3000 + (index % 20) * 50, pressure: inContact ? 400 + index % 200 : 0,
                             inContact: inContact, time: .milliseconds(index * 5))
        }
    }
}
