/// The outcome of one step of a health check.
public enum HealthOutcome: Sendable, Hashable {
    /// The step did what it should.
    case passed
    /// The step ran and found a fault.
    case failed(DeviceError)
    /// The step did not run, with the reason (not needed at this level, an earlier step failed).
    case skipped(String)

    /// `"passed"`, `"failed"` or `"skipped"`.
    public var name: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .skipped: "skipped"
        }
    }
}

/// One named step of a health check with its outcome and how long it took.
public struct HealthStep: Sendable, Hashable {
    /// What was checked, in words (`"PC/SC service reachable"`).
    public var name: String
    /// Whether it passed.
    public var outcome: HealthOutcome
    /// Time the step took, measured on the device's clock.
    public var duration: Duration
    /// What the step saw (reader names, printer state); never personal data.
    public var detail: String

    /// Creates a step.
    public init(name: String, outcome: HealthOutcome, duration: Duration, detail: String = "") {
        self.name = name
        self.outcome = outcome
        self.duration = duration
        self.detail = detail
    }
}

/// The result of `checkHealth(_:)` on one device: data, not an exception.
public struct HealthReport: Sendable, Hashable {
    /// The device checked.
    public var device: DeviceInfo
    /// The level the check ran at.
    public var level: HealthCheckLevel
    /// The steps in the order they ran.
    public var steps: [HealthStep]

    /// Creates a report.
    public init(device: DeviceInfo, level: HealthCheckLevel, steps: [HealthStep]) {
        self.device = device
        self.level = level
        self.steps = steps
    }

    /// True when no step failed and at least one step passed.
    public var passed: Bool {
        !steps.contains { if case .failed = $0.outcome { true } else { false } }
            && steps.contains { $0.outcome == .passed }
    }

    /// The summed duration of all steps.
    public var duration: Duration {
        steps.reduce(.zero) { $0 + $1.duration }
    }

    /// The health text (UnifiedPOS `CheckHealthText`): one line per step.
    public var text: String {
        steps.map { step in
            switch step.outcome {
            case .passed: "\(step.name): passed" + (step.detail.isEmpty ? "" : " (\(step.detail))")
            case .failed(let error): "\(step.name): FAILED: \(error)"
            case .skipped(let reason): "\(step.name): skipped: \(reason)"
            }
        }.joined(separator: "\n")
    }
}
