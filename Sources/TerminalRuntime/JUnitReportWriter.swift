import DeviceCore

/// Writes a self-test as JUnit XML, the format CI systems ingest: one `<testsuite>` per device,
/// one `<testcase>` per step, `<failure>` with the remedy, `<skipped>` with the reason.
public enum JUnitReportWriter {
    /// The report as a JUnit XML document.
    public static func xml(_ report: SelfTestReport) -> String {
        let failures = report.devices.reduce(0) { $0 + $1.steps.filter { $0.outcome.name == "failed" }.count }
        let tests = report.devices.reduce(0) { $0 + $1.steps.count }
        let total = report.devices.reduce(Duration.zero) { $0 + $1.duration }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="bhal selftest" tests="\#(tests)" failures="\#(failures)" time="\#(String(format3: total.seconds))">"#,
        ]
        for device in report.devices {
            let info = device.device
            let deviceFailures = device.steps.filter { $0.outcome.name == "failed" }.count
            let skipped = device.steps.filter { $0.outcome.name == "skipped" }.count
            lines.append(#"  <testsuite name="\#(escape(info.logicalName))" tests="\#(device.steps.count)" failures="\#(deviceFailures)" skipped="\#(skipped)" time="\#(String(format3: device.duration.seconds))">"#)
            lines.append(#"    <properties><property name="family" value="\#(info.family.rawValue)"/><property name="backend" value="\#(escape(info.backendName))"/><property name="level" value="\#(report.level.rawValue)"/></properties>"#)
            for step in device.steps {
                let open = #"    <testcase classname="bhal.\#(info.family.rawValue).\#(escape(info.logicalName))" name="\#(escape(step.name))" time="\#(String(format3: step.duration.seconds))""#
                switch step.outcome {
                case .passed:
                    lines.append(open + "/>")
                case .failed(let error):
                    lines.append(open + ">")
                    lines.append(#"      <failure type="\#(escape(error.kind.rawValue))" message="\#(escape(error.message))">\#(escape(error.description))</failure>"#)
                    lines.append("    </testcase>")
                case .skipped(let reason):
                    lines.append(open + ">")
                    lines.append(#"      <skipped message="\#(escape(reason))"/>"#)
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes XML special characters and drops control characters XML 1.0 cannot carry.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
