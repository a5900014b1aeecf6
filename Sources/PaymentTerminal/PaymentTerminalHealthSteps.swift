public import DeviceCore

/// The health-check steps every payment terminal shares, whatever its transport.
public enum PaymentTerminalHealthSteps {
    /// Internal: status enquiry answers and the terminal is ready. External: diagnosis succeeds.
    public static func record(_ level: HealthCheckLevel, of terminal: some PaymentTerminal, into recorder: inout HealthCheckRecorder) async {
        await recorder.step("status enquiry") {
            let status = try await terminal.statusEnquiry()
            guard status.ready else {
                throw DeviceError(.busy, operation: "status enquiry", message: "the terminal is not ready: \(status.text)",
                                  remedy: "Wait until the terminal shows its idle screen, then retry.")
            }
            return [status.terminalID.map { "TID \($0)" }, status.text].compactMap { $0 }.joined(separator: ", ")
        }
        if level >= .external {
            await recorder.step("diagnosis") {
                let status = try await terminal.diagnosis()
                guard status.ready else {
                    throw DeviceError(.offline, operation: "diagnosis", message: "diagnosis failed: \(status.text)",
                                      remedy: "The terminal cannot reach its payment host: check its network, then run the diagnosis again.")
                }
                return status.text
            }
        }
    }
}
