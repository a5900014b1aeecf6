/// Runs the steps of a health check one after another, timing each on an injected clock and
/// turning thrown ``DeviceError``s into failed steps.
///
/// Once a step fails, later steps that depend on it are recorded as skipped (see ``step(_:requires:_:)``).
public struct HealthCheckRecorder: Sendable {
    private let clock: any Clock<Duration>
    /// The steps recorded so far.
    public private(set) var steps: [HealthStep] = []

    /// Creates a recorder that times steps on `clock`.
    public init(clock: any Clock<Duration>) {
        self.clock = clock
    }

    /// Whether any recorded step failed.
    public var hasFailure: Bool {
        steps.contains { if case .failed = $0.outcome { true } else { false } }
    }

    /// Runs `body` as a step named `name`. The returned string becomes the step's detail.
    ///
    /// With `requires: true` (the default) the step is skipped when an earlier step failed.
    /// Errors that are not ``DeviceError`` are recorded as failures of kind ``DeviceError/Kind/other``.
    public mutating func step(
        _ name: String, requires previous: Bool = true, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> String
    ) async {
        if previous && hasFailure {
            steps.append(HealthStep(name: name, outcome: .skipped("an earlier step failed"), duration: .zero))
            return
        }
        var outcome = HealthOutcome.passed
        var detail = ""
        let start = Self.now(clock)
        do {
            detail = try await body()
        } catch let error as DeviceError {
            outcome = .failed(error)
        } catch {
            outcome = .failed(DeviceError(.other, operation: name, message: String(describing: error),
                                          remedy: "Run the check again and report the message."))
        }
        let duration = start.elapsed(Self.now(clock))
        steps.append(HealthStep(name: name, outcome: outcome, duration: duration, detail: detail))
    }

    /// Records a step that did not run, with the reason.
    public mutating func skip(_ name: String, reason: String) {
        steps.append(HealthStep(name: name, outcome: .skipped(reason), duration: .zero))
    }

    /// A reading of `clock` that can be compared with a later one without knowing the clock's type.
    private struct Reading: Sendable {
        let elapsed: @Sendable (Reading) -> Duration
        let instant: any InstantProtocol<Duration>
    }

    private static func now<C: Clock<Duration>>(_ clock: C) -> Reading {
        let instant = clock.now
        return Reading(elapsed: { later in
            guard let end = later.instant as? C.Instant else { return .zero }
            return instant.duration(to: end)
        }, instant: instant)
    }

    /// The finished report.
    public func report(for device: DeviceInfo, level: HealthCheckLevel) -> HealthReport {
        HealthReport(device: device, level: level, steps: steps)
    }
}
