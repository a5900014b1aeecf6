public import DeviceCore

/// The pad-specific steps of a capture, which a backend gives its ``SignatureCaptureSession``.
/// The session owns the rules (timeouts, retry, completion, cancellation); a driver only talks
/// to the pad. The Wacom STU driver is ``STUCaptureDriver``; a vendor SDK adapter would be another.
public protocol SignatureCaptureDriver: Sendable {
    /// Prepares the pad for attempt `number` (1, then one more per retry): clears the screen and
    /// starts capturing, and tells the signer to sign.
    func beginAttempt(_ number: Int) async throws(DeviceError)
    /// The next pen sample, stamped on `stopwatch` when its report arrived, or `nil` when none
    /// arrived before `deadline` on `stopwatch` (it may return `nil` earlier; the session asks
    /// again). Returns `nil` promptly when the calling task is cancelled.
    func nextSample(before deadline: Duration, on stopwatch: CaptureStopwatch) async throws(DeviceError) -> PenSample?
    /// Stops capturing, leaves the pad ready for the next session and tells the backend how the
    /// session ended. Called exactly once per session, after the last ``nextSample(before:on:)``.
    func end(_ result: Result<SignatureCaptureOutcome, DeviceError>) async
}
