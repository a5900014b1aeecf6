import DeviceCore

/// Renders a self-test as the table a technician reads: one row per check with its duration, and
/// under each failure what went wrong and what to do.
public struct SelfTestTableFormatter: Sendable {
    /// Creates a formatter.
    public init() {}

    /// The table as text, ending with a summary line.
    public func format(_ report: SelfTestReport) -> String {
        let header = ["DEVICE", "FAMILY", "BACKEND", "CHECK", "RESULT", "TIME"]
        var rows: [[String]] = []
        var notes: [Int: [String]] = [:]  // row index → lines printed under it
        for device in report.devices {
            let info = device.device
            for (index, step) in device.steps.enumerated() {
                let first = index == 0
                rows.append([
                    first ? info.logicalName : "", first ? info.family.description : "",
                    first ? "\(info.backendName) (\(info.backend))" : "",
                    step.name, step.outcome.name.uppercased(), step.duration.humanReadable,
                ])
                switch step.outcome {
                case .failed(let error):
                    notes[rows.count - 1] = ["    problem: \(error.operation) failed: \(error.message)" + (error.backendCode.map { " [\($0)]" } ?? ""),
                                             "    next:    \(error.remedy)"]
                case .skipped(let reason):
                    notes[rows.count - 1] = ["    skipped: \(reason)"]
                case .passed:
                    if !step.detail.isEmpty { notes[rows.count - 1] = ["    \(step.detail)"] }
                }
            }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.paddedRight(to: $1) }.joined(separator: "  ")
                .trimmingTrailingSpaces()
        }
        var lines = ["BuergerHAL self-test, level \(report.level)", line(header)]
        for (index, row) in rows.enumerated() {
            lines.append(line(row))
            lines += notes[index] ?? []
        }
        let failed = report.devices.filter { !$0.passed }
        lines.append("")
        lines.append("\(report.devices.count) device(s): \(report.devices.count - failed.count) passed, \(failed.count) failed"
                     + (failed.isEmpty ? "" : " (\(failed.map(\.device.logicalName).joined(separator: ", ")))"))
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    func paddedRight(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
