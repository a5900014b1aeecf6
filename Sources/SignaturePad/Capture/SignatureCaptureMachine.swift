public import DeviceCore

/// The rules of a capture session without any I/O: which samples belong to the attempt, when it
/// times out or completes, what finish, retry and cancel do. ``SignatureCaptureSession`` feeds it
/// what happens and carries out the ``Step`` it returns; tests drive it directly.
///
/// Times are on the session's ``CaptureStopwatch``. The prompt screen's buttons (issue 12) become
/// inputs here (a pen-down on *OK* is ``Input/finish``, on *Nochmal* ``Input/retry``, on
/// *Abbrechen* ``Input/cancel(by:)`` with ``SignatureCaptureOutcome/Canceller/signer``).
public struct SignatureCaptureMachine: Sendable {
    /// Something that happened during the session.
    public enum Input: Sendable, Hashable {
        /// A pen report arrived, stamped when it did.
        case sample(PenSample)
        /// No report arrived until now.
        case quiet
        /// The application accepts the signature as it is.
        case finish
        /// Clear the pad and start the attempt over.
        case retry
        /// End the session without a signature.
        case cancel(by: SignatureCaptureOutcome.Canceller)
        /// The task awaiting the session was cancelled: end at once, as a `cancelled` error.
        case abandon
        /// The pad failed (removed, malformed report): end with its error.
        case failed(DeviceError)
    }

    /// What the session must do next.
    public enum Action: Sendable, Hashable {
        /// Nothing; keep reading.
        case none
        /// Clear the pad and begin the next attempt, then call ``attemptBegan(at:)``.
        case restart
        /// Stop capturing and end the session with this result.
        case end(Result<SignatureCaptureOutcome, DeviceError>)
    }

    /// The machine's answer to one input.
    public struct Step: Sendable, Hashable {
        /// A sample to hand to the live stream, if the input was one that belongs to the attempt.
        public var forward: PenSample?
        /// What to do next.
        public var action: Action

        /// Creates a step.
        public init(forward: PenSample?, action: Action) {
            self.forward = forward
            self.action = action
        }
    }

    /// The session's options.
    public let options: CaptureOptions
    /// The pad's capabilities, kept with the capture.
    public let capabilities: SignaturePadCapabilities
    /// When the current attempt began.
    public private(set) var attemptStart: Duration
    /// The samples of the current attempt, in order.
    public private(set) var samples: [PenSample] = []
    /// Whether the session has ended; later inputs change nothing.
    public private(set) var hasEnded = false
    private var lastContact: Duration?

    /// A machine whose first attempt began at `attemptStart`.
    public init(options: CaptureOptions, capabilities: SignaturePadCapabilities, attemptStart: Duration) {
        self.options = options
        self.capabilities = capabilities
        self.attemptStart = attemptStart
    }

    /// The next time the machine must hear from the session (``Input/quiet`` at the latest):
    /// the attempt's timeout, or earlier the completion after the pen was lifted.
    public var deadline: Duration {
        let timeout = attemptStart + options.timeout
        guard let completion = completionDeadline else { return timeout }
        return min(timeout, completion)
    }

    /// Records that the pad is ready for the attempt a ``Action/restart`` asked for.
    public mutating func attemptBegan(at now: Duration) {
        attemptStart = now
    }

    /// Handles `input` at `now` (for a sample: its time).
    public mutating func handle(_ input: Input, at now: Duration) -> Step {
        guard !hasEnded else { return Step(forward: nil, action: .none) }
        switch input {
        case .sample(let sample):
            if sample.time >= attemptStart + options.timeout { return end(.success(.timedOut)) }
            if !sample.inContact, let completion = completionDeadline, sample.time >= completion { return end(.success(.completed(capture))) }
            samples.append(sample)
            if sample.inContact { lastContact = sample.time }
            return Step(forward: sample, action: .none)
        case .quiet:
            if now >= attemptStart + options.timeout { return end(.success(.timedOut)) }
            if let completion = completionDeadline, now >= completion { return end(.success(.completed(capture))) }
            return Step(forward: nil, action: .none)
        case .finish:
            return end(.success(.completed(capture)))
        case .retry:
            samples = []
            lastContact = nil
            return Step(forward: nil, action: .restart)
        case .cancel(let canceller):
            return end(.success(.cancelled(by: canceller)))
        case .abandon:
            return end(.failure(.cancelled("capture signature")))
        case .failed(let error):
            return end(.failure(error))
        }
    }

    /// The capture of the current attempt.
    public var capture: SignatureCapture { SignatureCapture(capabilities: capabilities, samples: samples) }

    /// When the session completes by itself: the pause after the last pen contact, once there is one.
    private var completionDeadline: Duration? {
        guard let pause = options.completeAfterPenUp, let lastContact else { return nil }
        return lastContact + pause
    }

    private mutating func end(_ result: Result<SignatureCaptureOutcome, DeviceError>) -> Step {
        hasEnded = true
        return Step(forward: nil, action: .end(result))
    }
}
