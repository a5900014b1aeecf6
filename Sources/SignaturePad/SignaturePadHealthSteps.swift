public import DeviceCore

/// The health-check steps every signature pad shares, whatever its backend.
public enum SignaturePadHealthSteps {
    /// Internal: capabilities readable and plausible. Interactive: a signature is captured.
    /// The external level adds nothing a person would not notice beyond the internal one.
    public static func record(_ level: HealthCheckLevel, of pad: some SignaturePad, into recorder: inout HealthCheckRecorder) async {
        await recorder.step("capabilities readable") {
            let caps = try await pad.capabilities()
            guard caps.maxX > 0, caps.maxY > 0, caps.maxPressure > 0 else {
                throw DeviceError(.protocol, operation: "read capabilities", message: "the pad reports an empty coordinate range",
                                  remedy: "Reset the pad (unplug it for 10 seconds) and run the check again.")
            }
            return "\(caps.model), \(caps.screenWidth)×\(caps.screenHeight) px, pressure 0–\(caps.maxPressure)"
        }
        if level >= .interactive {
            await recorder.step("signature captured") {
                let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(60),
                                                                        completeAfterPenUp: CaptureOptions.defaultPenUpCompletion))
                let outcome = try await session.outcome()
                guard let capture = outcome.capture, capture.strokeCount > 0 else {
                    let message = if case .cancelled = outcome { "the capture was cancelled" } else { "no stroke was drawn" }
                    throw DeviceError(.timeout, operation: "capture signature", message: message,
                                      remedy: "Sign on the pad with its pen when asked, then run the check again.")
                }
                // Counts only: the samples themselves are biometric data.
                return "\(capture.strokeCount) stroke(s), \(capture.samples.count) samples"
            }
        }
    }
}
