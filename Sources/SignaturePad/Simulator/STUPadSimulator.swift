public import DeviceCore

/// A Wacom STU pad in process (an STU-540 by default): the device side of the STU protocol.
/// It answers the Information, Capability and Status feature reports, takes the capture
/// commands a host sets (``STUCommand``), and during a capture sends the pen reports of its
/// track, encoded as a real pad encodes them (``STUPenReport``), each when its time has come on
/// the injected clock.
///
/// ``SimulatedSignaturePad`` drives it through ``STUHost`` over an in-memory report channel, so
/// the simulator runs the protocol code the USB backend runs.
public actor STUPadSimulator {
    /// A fault the pad shows once, for tests of the host's error paths.
    public enum Fault: Sendable, Hashable {
        /// After `afterReports` pen reports of a capture, one report is cut to 4 bytes.
        case truncatedPenReport(afterReports: Int)
    }

    /// The STU-540's ranges: 9600 × 6000 tablet units, pressure 0–1023, an 800 × 480 screen.
    public static let stu540 = SignaturePadCapabilities(model: "STU-540", maxX: 9600, maxY: 6000, maxPressure: 1023,
                                                        screenWidth: 800, screenHeight: 480)

    /// What the pad's Capability report says (the model name is in its Information report).
    public nonisolated let capabilities: SignaturePadCapabilities
    private let clock: any Clock<Duration>
    private var track: [PenSample]
    private var state = STUStatus.State.ready
    private var lastResult = STUStatus.LastResult.none
    private var fault: Fault?
    /// Whether the pad draws ink itself (InkingMode).
    public private(set) var isInking = false
    /// The commands the host has set, in order (capture IDs included; no pen data).
    public private(set) var receivedCommands: [STUCommand] = []
    private var capture: (id: UInt32, watch: CaptureStopwatch, generation: Int)?
    private var generation = 0
    private var nextReport = 0
    private var reportsSent = 0

    /// A pad with `capabilities` whose captures play `track` (times after StartCapture), on `clock`.
    public init(capabilities: SignaturePadCapabilities = stu540, track: [PenSample] = SyntheticSignature.scribble,
                clock: any Clock<Duration> = ContinuousClock()) {
        self.capabilities = capabilities
        self.track = track
        self.clock = clock
    }

    /// Plays `track` in the following captures (an empty track: a signer who never signs).
    public func play(_ track: [PenSample]) {
        self.track = track
    }

    /// Shows `fault` once.
    public func inject(_ fault: Fault) {
        self.fault = fault
    }

    /// The pad's state as its Status report says it.
    public var status: STUStatus { STUStatus(state: state, lastResult: lastResult) }

    /// Answers GET_REPORT for `id` (at most `length` bytes). Reports the pad does not have
    /// stall, as on a real pad.
    public func getFeature(_ id: STUReport.ID, length: Int) throws(DeviceError) -> [UInt8] {
        guard [.information, .capability, .status].contains(id) else {
            lastResult = .wrongReportID
            throw Self.stall("read report 0x\(Hex.byte(id.rawValue))")
        }
        let report: [UInt8]
        do throws(STUReport.ParseError) {
            switch id {
            case .information: report = try STUReport.informationReport(model: capabilities.model, firmwareMajor: 1, firmwareMinor: 7)
            case .capability: report = try STUReport.capabilityReport(capabilities, reportRate: 200, resolution: 2540, encodings: 0x0F)
            default: report = status.bytes
            }
        } catch {
            throw DeviceError(.other, operation: "read report", message: "the simulated pad cannot encode its report (\(error))",
                              remedy: "Give the simulated pad a model name of at most 9 ASCII characters and ranges up to 65535.")
        }
        return Array(report.prefix(max(0, length)))
    }

    /// Takes SET_REPORT `report` from the host. A report the pad does not take, or one it may not
    /// take in its state, stalls and sets the Status report's last result.
    public func setFeature(_ report: [UInt8]) throws(DeviceError) {
        let command: STUCommand
        do throws(STUReport.ParseError) {
            command = try STUCommand(decoding: report)
        } catch {
            lastResult = error.offset == 0 ? .wrongReportID : .badParameter
            throw Self.stall("set report (\(error))")
        }
        receivedCommands.append(command)
        lastResult = .none
        switch command {
        case .clearScreen:
            guard state == .ready else { return refuseInThisState() }
        case .inkingMode(let on):
            isInking = on
        case .startCapture(let id):
            guard state == .ready else { return refuseInThisState() }
            generation += 1
            capture = (id, CaptureStopwatch(clock: clock), generation)
            nextReport = 0
            reportsSent = 0
            state = .capture
        case .endCapture:
            capture = nil
            generation += 1
            if state == .capture { state = .ready }
        }
    }

    /// The next input report of the capture, sent when its time has come; `nil` when none is due
    /// before `deadline` on the host's `stopwatch` or the task is cancelled (the report then
    /// stays due). Silent when no capture runs.
    public func nextInputReport(before deadline: Duration, on stopwatch: CaptureStopwatch) async -> [UInt8]? {
        guard let capture else {
            try? await stopwatch.sleep(untilElapsed: deadline)
            return nil
        }
        // Both watches read without a suspension in between: the host's deadline on the pad's watch.
        let padDeadline = deadline - stopwatch.elapsed + capture.watch.elapsed
        guard nextReport < track.count, track[nextReport].time <= padDeadline else {
            try? await capture.watch.sleep(untilElapsed: padDeadline)
            return nil
        }
        do { try await capture.watch.sleep(untilElapsed: track[nextReport].time) } catch { return nil }
        guard self.capture?.generation == capture.generation, nextReport < track.count else { return nil }
        let sample = track[nextReport]
        nextReport += 1
        guard var report = try? STUPenReport(sample: sample).bytes else { return nil }  // a track point the report cannot carry
        if case .truncatedPenReport(let after)? = fault, reportsSent >= after {
            fault = nil
            report = Array(report.prefix(4))
        }
        reportsSent += 1
        return report
    }

    /// A command the pad does not take in its state: it says so in its next Status report.
    private func refuseInThisState() {
        lastResult = .wrongState
    }

    private static func stall(_ operation: String) -> DeviceError {
        DeviceError(.protocol, operation: operation, message: "the pad stalled the request",
                    remedy: "Reset the pad (unplug it for 10 seconds) and try again.")
    }
}
