public import DeviceCore

/// One signature capture on a pad, from ``SignaturePad/startCapture(_:)`` until it ends: pen
/// samples stream live while the signer signs; the application (or, with the prompt screen, the
/// signer on the pad) finishes, retries or cancels.
///
/// ```swift
/// let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(60)))
/// Task { for try await sample in session.samples { ink.draw(sample) } }
/// … when the clerk taps "Übernehmen":
/// if case .completed(let capture) = try await session.finish() { store(capture) }
/// ```
///
/// The session ends exactly once — completed, cancelled, timed out, or with a device error — and
/// then stops the capture on the pad, leaving it ready for the next session. Cancelling a task
/// that awaits the session (``outcome()``, ``finish()``, ``retry()``, ``cancel()`` or the
/// ``samples`` loop) ends it promptly with a ``DeviceError/Kind/cancelled`` error.
///
/// Samples are biometric data: never log or print them; report counts only.
public actor SignatureCaptureSession {
    /// The pen samples of the session as they arrive, in order, each stamped when its report
    /// arrived (time since the session started). It finishes when the session ends, throwing
    /// the `DeviceError` of a device fault. One consumer. After ``retry()`` the samples of the
    /// new attempt follow; the earlier ones are not part of the capture.
    public nonisolated let samples: AsyncThrowingStream<PenSample, any Error>
    /// The options the session was started with.
    public nonisolated let options: CaptureOptions
    /// The pad's capabilities, to scale the samples.
    public nonisolated let capabilities: SignaturePadCapabilities

    private typealias Request = (input: SignatureCaptureMachine.Input, done: CheckedContinuation<Void, Never>?)

    private let continuation: AsyncThrowingStream<PenSample, any Error>.Continuation
    private let driver: any SignatureCaptureDriver
    private let stopwatch: CaptureStopwatch
    private var machine: SignatureCaptureMachine
    private var attempt = 1
    private var requests: [Request] = []
    private var reading: Task<Result<PenSample?, DeviceError>, Never>?
    private var result: Result<SignatureCaptureOutcome, DeviceError>?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    private init(options: CaptureOptions, capabilities: SignaturePadCapabilities, driver: any SignatureCaptureDriver,
                 stopwatch: CaptureStopwatch) {
        (samples, continuation) = AsyncThrowingStream.makeStream(of: PenSample.self)
        self.options = options
        self.capabilities = capabilities
        self.driver = driver
        self.stopwatch = stopwatch
        machine = SignatureCaptureMachine(options: options, capabilities: capabilities, attemptStart: stopwatch.elapsed)
    }

    /// Starts a session for a backend: begins the first attempt on the pad through `driver`,
    /// then reads samples until the session ends. Times are on `clock`. When the first attempt
    /// cannot begin, the driver's ``SignatureCaptureDriver/end(_:)`` gets the error, which is
    /// then thrown.
    public static func start(options: CaptureOptions, capabilities: SignaturePadCapabilities, driver: any SignatureCaptureDriver,
                             clock: any Clock<Duration>) async throws(DeviceError) -> SignatureCaptureSession {
        let stopwatch = CaptureStopwatch(clock: clock)
        do {
            try await driver.beginAttempt(1)
        } catch {
            await driver.end(.failure(error))
            throw error
        }
        let session = SignatureCaptureSession(options: options, capabilities: capabilities, driver: driver, stopwatch: stopwatch)
        await session.launch()
        return session
    }

    /// Waits until the session ends by itself or by another caller, and returns how. Throws the
    /// device fault that ended it, or ``DeviceError/Kind/cancelled`` when a task awaiting it was
    /// cancelled.
    public func outcome() async throws(DeviceError) -> SignatureCaptureOutcome {
        await untilEnded()
        return try ended()
    }

    /// Accepts the signature as it is now and ends the session: ``SignatureCaptureOutcome/completed(_:)``
    /// with the samples of the current attempt, or the outcome the session already ended with.
    public func finish() async throws(DeviceError) -> SignatureCaptureOutcome {
        await submit(.finish)
        return try ended()
    }

    /// Clears the pad and starts the attempt over (the signer is asked to sign again, and the
    /// timeout starts again). Returns once the pad is ready: `true`, or `false` when the session
    /// had already ended. Throws the device fault that ended the session.
    @discardableResult
    public func retry() async throws(DeviceError) -> Bool {
        await submit(.retry)
        guard let result else { return true }
        if case .failure(let error) = result { throw error }
        return false
    }

    /// Ends the session without a signature: ``SignatureCaptureOutcome/cancelled(by:)`` the
    /// application, or the outcome the session already ended with.
    public func cancel() async throws(DeviceError) -> SignatureCaptureOutcome {
        await submit(.cancel(by: .application))
        return try ended()
    }

    // MARK: - The pump

    private func launch() {
        continuation.onTermination = { [weak self] termination in
            guard case .cancelled = termination, let self else { return }
            Task { await self.abandon() }
        }
        Task { await self.run() }
    }

    /// Reads samples and handles requests, one at a time, until the machine ends the session.
    private func run() async {
        while !machine.hasEnded {
            if !requests.isEmpty {
                let request = requests.removeFirst()
                await apply(machine.handle(request.input, at: stopwatch.elapsed))
                request.done?.resume()
                continue
            }
            let deadline = machine.deadline
            guard stopwatch.elapsed < deadline else {
                await apply(machine.handle(.quiet, at: stopwatch.elapsed))
                continue
            }
            let read = Task { [driver, stopwatch] () -> Result<PenSample?, DeviceError> in
                do throws(DeviceError) {
                    return .success(try await driver.nextSample(before: deadline, on: stopwatch))
                } catch {
                    return .failure(error)
                }
            }
            reading = read
            let result = await read.value
            reading = nil
            switch result {
            case .success(let sample?):
                await apply(machine.handle(.sample(sample), at: sample.time))
            case .success(nil):
                await apply(machine.handle(.quiet, at: stopwatch.elapsed))
            case .failure(let error) where error.kind == .cancelled && read.isCancelled:
                continue  // interrupted for a request
            case .failure(let error):
                await apply(machine.handle(.failed(error), at: stopwatch.elapsed))
            }
        }
    }

    private func apply(_ step: SignatureCaptureMachine.Step) async {
        if let sample = step.forward { continuation.yield(sample) }
        switch step.action {
        case .none:
            break
        case .restart:
            attempt += 1
            do {
                try await driver.beginAttempt(attempt)
                machine.attemptBegan(at: stopwatch.elapsed)
            } catch {
                await apply(machine.handle(.failed(error), at: stopwatch.elapsed))
            }
        case .end(let result):
            await driver.end(result)
            self.result = result
            switch result {
            case .success: continuation.finish()
            case .failure(let error): continuation.finish(throwing: error)
            }
            for waiter in waiters { waiter.resume() }
            waiters = []
            for request in requests { request.done?.resume() }
            requests = []
        }
    }

    // MARK: - Requests from callers

    /// Queues `input` for the pump, interrupts a read in progress, and waits until it is handled.
    private func submit(_ input: SignatureCaptureMachine.Input) async {
        guard result == nil else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                requests.append((input, done))
                reading?.cancel()
            }
        } onCancel: {
            Task { await self.abandon() }
        }
    }

    private func untilEnded() async {
        guard result == nil else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                if result == nil { waiters.append(waiter) } else { waiter.resume() }
            }
        } onCancel: {
            Task { await self.abandon() }
        }
    }

    /// A task awaiting the session was cancelled: end it at once.
    private func abandon() {
        guard result == nil else { return }
        requests.append((.abandon, nil))
        reading?.cancel()
    }

    private func ended() throws(DeviceError) -> SignatureCaptureOutcome {
        switch result {
        case .success(let outcome)?: return outcome
        case .failure(let error)?: throw error
        case nil:
            throw DeviceError(.other, operation: "capture signature", message: "the capture session has not ended",
                              remedy: "Report this as a BuergerHAL defect; start a new capture session.")
        }
    }
}
