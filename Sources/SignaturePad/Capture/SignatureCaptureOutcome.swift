/// How a capture session ended, when it ended without a device fault (faults are thrown as
/// `DeviceError`). What the signer chose is an outcome, never an error.
public enum SignatureCaptureOutcome: Sendable, Hashable {
    /// Who cancelled a session.
    public enum Canceller: String, Sendable, Hashable, Codable {
        /// The signer, on the pad (the *Abbrechen* button of the prompt screen).
        case signer
        /// The application, with ``SignatureCaptureSession/cancel()``.
        case application
    }

    /// The signature was given: the samples of the last attempt.
    case completed(SignatureCapture)
    /// The session was cancelled before a signature was accepted.
    case cancelled(by: Canceller)
    /// The attempt's ``CaptureOptions/timeout`` passed before the signature was complete.
    case timedOut

    /// A stable machine name: `completed`, `cancelledBySigner`, `cancelledByApplication`, `timedOut`.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .cancelled(by: .signer): "cancelledBySigner"
        case .cancelled(by: .application): "cancelledByApplication"
        case .timedOut: "timedOut"
        }
    }

    /// The capture when the session completed, else `nil`.
    public var capture: SignatureCapture? {
        if case .completed(let capture) = self { capture } else { nil }
    }
}
