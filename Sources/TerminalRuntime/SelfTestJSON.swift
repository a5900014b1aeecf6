import Foundation
import DeviceCore

/// The machine-readable form of a self-test: one JSON document with, per device, `name`,
/// `family`, `backend`, `passed` and `steps`.
public enum SelfTestJSON {
    struct Document: Encodable {
        var tool = "bhal"
        var version = BuergerHAL.version
        var level: String
        var passed: Bool
        var devices: [DeviceEntry]
    }

    struct DeviceEntry: Encodable {
        var name: String
        var family: String
        var backend: String
        var backendName: String
        var connection: String?
        var vendor: String?
        var model: String?
        var passed: Bool
        var durationMs: Double
        var steps: [StepEntry]
    }

    struct StepEntry: Encodable {
        var name: String
        var outcome: String
        var durationMs: Double
        var detail: String?
        var skippedReason: String?
        var error: DeviceError?
    }

    /// The report as pretty-printed JSON with sorted keys.
    public static func encode(_ report: SelfTestReport) -> String {
        let document = Document(level: report.level.rawValue, passed: report.passed, devices: report.devices.map { device in
            DeviceEntry(
                name: device.device.logicalName, family: device.device.family.rawValue, backend: device.device.backend.rawValue,
                backendName: device.device.backendName, connection: device.device.connection, vendor: device.device.vendor,
                model: device.device.model, passed: device.passed, durationMs: device.duration.milliseconds,
                steps: device.steps.map { step in
                    var entry = StepEntry(name: step.name, outcome: step.outcome.name, durationMs: step.duration.milliseconds,
                                          detail: step.detail.isEmpty ? nil : step.detail)
                    switch step.outcome {
                    case .failed(let error): entry.error = error
                    case .skipped(let reason): entry.skippedReason = reason
                    case .passed: break
                    }
                    return entry
                })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
