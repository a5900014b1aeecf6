import DeviceCore
import TerminalRuntime

/// The JSON form of a device event on `/v1/events`.
enum DeviceEventJSON {
    static func value(_ event: DeviceEvent) -> JSONValue {
        switch event {
        case .stateChanged(let state): .object(["kind": .string("stateChanged"), "state": .string(state.rawValue)])
        case .statusChanged(let status):
            .object(["kind": .string("statusChanged"), "code": .string(status.code.rawValue), "active": .bool(status.active),
                     "detail": .optional(status.detail)])
        case .userActionRequired(let action):
            .object(["kind": .string("userActionRequired"), "code": .string(action.code.rawValue), "prompt": .string(action.prompt)])
        case .removed: .object(["kind": .string("removed")])
        case .error(let error):
            .object(["kind": .string("error"), "errorKind": .string(error.kind.rawValue), "detail": .string(error.message),
                     "remedy": .string(error.remedy)])
        }
    }
}

/// Self-test and health reports as JSON (steps with outcome and detail, as `bhal selftest --json`).
enum SelfTestJSONValue {
    static func report(_ report: SelfTestReport) -> JSONValue {
        .object(["level": .string(report.level.rawValue), "passed": .bool(report.passed),
                 "devices": .array(report.devices.map(Self.report))])
    }

    static func report(_ report: HealthReport) -> JSONValue {
        .object([
            "device": .string(report.device.logicalName), "family": .string(report.device.family.rawValue),
            "passed": .bool(report.passed), "busy": .bool(false), "leasedBy": .null,
            "steps": .array(report.steps.map { step in
                .object(["name": .string(step.name), "outcome": .string(step.outcome.name), "detail": .string(step.detail)])
            }),
        ])
    }
}
