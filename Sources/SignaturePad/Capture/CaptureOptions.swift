/// How a capture session runs. Later options (the prompt screen with its buttons, the signing
/// area) are added here with defaults, so callers written today keep compiling.
public struct CaptureOptions: Sendable, Hashable {
    /// How long the signer has for one attempt, from the moment the pad is ready; ``SignatureCaptureSession/retry()``
    /// starts the time again. When it passes the session ends as ``SignatureCaptureOutcome/timedOut``.
    public var timeout: Duration
    /// When set, the session completes by itself once the pen has been off the surface this long
    /// after at least one stroke (for callers without an OK button: `bhal sigpad capture`, the
    /// interactive health check). `nil`: only ``SignatureCaptureSession/finish()`` completes it.
    public var completeAfterPenUp: Duration?

    /// Creates options: `timeout` per attempt (default 60 s), optional completion after the pen
    /// has been lifted for `completeAfterPenUp`.
    public init(timeout: Duration = .seconds(60), completeAfterPenUp: Duration? = nil) {
        self.timeout = timeout
        self.completeAfterPenUp = completeAfterPenUp
    }

    /// The pause after the last stroke that ends a capture without an OK button: 1.5 s, long
    /// enough for the lift between first and last name.
    public static let defaultPenUpCompletion = Duration.milliseconds(1500)
}
