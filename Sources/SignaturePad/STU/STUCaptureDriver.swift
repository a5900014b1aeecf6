public import DeviceCore

/// The ``SignatureCaptureDriver`` of Wacom STU pads, shared by the USB backend and the simulated
/// pad: each attempt clears the pad and starts a capture with the backend's capture ID; samples
/// come from ``STUHost/nextSample(before:on:)``.
public struct STUCaptureDriver: SignatureCaptureDriver {
    /// The protocol code and its transport.
    public let host: STUHost
    /// The capture ID sent with StartCapture (chosen by the backend, one per session).
    public let captureID: UInt32
    private let events: DeviceEventChannel
    private let ended: @Sendable (Result<SignatureCaptureOutcome, DeviceError>) async -> Void

    /// A driver sending `captureID`, telling the signer what to do on `events`, and calling
    /// `ended` once the pad has stopped capturing.
    public init(host: STUHost, captureID: UInt32, events: DeviceEventChannel,
                ended: @escaping @Sendable (Result<SignatureCaptureOutcome, DeviceError>) async -> Void) {
        self.host = host
        self.captureID = captureID
        self.events = events
        self.ended = ended
    }

    /// Attempt 1 starts the capture; a retry ends the running one first, then starts again.
    /// Emits ``UserAction/signOnPad`` or ``UserAction/signAgainOnPad`` once the pad is ready.
    public func beginAttempt(_ number: Int) async throws(DeviceError) {
        if number > 1 { await host.endCapture() }
        try await host.beginCapture(id: captureID)
        events.send(.userActionRequired(number == 1 ? .signOnPad : .signAgainOnPad))
    }

    /// The next decoded pen sample.
    public func nextSample(before deadline: Duration, on stopwatch: CaptureStopwatch) async throws(DeviceError) -> PenSample? {
        try await host.nextSample(before: deadline, on: stopwatch)
    }

    /// Ends the capture on the pad, then tells the backend.
    public func end(_ result: Result<SignatureCaptureOutcome, DeviceError>) async {
        await host.endCapture()
        await ended(result)
    }
}
