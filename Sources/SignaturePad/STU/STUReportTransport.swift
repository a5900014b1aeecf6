public import DeviceCore

/// What carries reports between a host and a Wacom STU pad: HID feature reports on EP0 and
/// input reports from the interrupt-IN endpoint. libusb (`SignaturePadUSB`) is one transport,
/// the in-memory channel to ``STUPadSimulator`` another; ``STUHost`` runs the same protocol
/// code over either. Buffers hold the report ID in byte 0.
public protocol STUReportTransport: Sendable {
    /// HID GET_REPORT (feature) for `id`, at most `length` bytes.
    func getFeature(_ id: STUReport.ID, length: Int) async throws(DeviceError) -> [UInt8]
    /// HID SET_REPORT (feature) with `report`.
    func setFeature(_ report: [UInt8]) async throws(DeviceError)
    /// The next input report, or `nil` when none arrived before `deadline` on `stopwatch` (it
    /// may return `nil` earlier). Returns `nil` promptly when the calling task is cancelled.
    func nextInputReport(before deadline: Duration, on stopwatch: CaptureStopwatch) async throws(DeviceError) -> [UInt8]?
}
