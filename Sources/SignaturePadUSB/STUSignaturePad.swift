public import DeviceCore
public import SignaturePad

/// A Wacom STU signature pad over libusb (HID feature reports on EP0, pen data on interrupt IN),
/// running the STU protocol code the simulated pad runs (``STUHost``, ``STUCaptureDriver``).
/// Untested on hardware so far.
///
/// `usb://056A:00A8` selects a model; `usb:` takes the first supported pad. Runs on its own
/// thread because libusb's synchronous transfers block.
public actor STUSignaturePad: SignaturePad, LifecycleHostingDevice {
    /// Static facts about the pad.
    public nonisolated let info: DeviceInfo
    private let wanted: (vendorID: UInt16, productID: UInt16)?
    private let clock: any Clock<Duration>
    private let executor: DedicatedThreadExecutor
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private var session: STUUSBConnection?
    private var cachedCapabilities: SignaturePadCapabilities?
    private var captureID: UInt32 = 1
    private var capturing = false
    private var activeSession: SignatureCaptureSession?

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a pad driver for `vendorID:productID`, or for the first supported pad when `nil`.
    public init(logicalName: String, vendorID: UInt16? = nil, productID: UInt16? = nil, clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        if let vendorID, let productID {
            wanted = (vendorID, productID)
        } else {
            wanted = nil
        }
        let model = wanted.flatMap { SignaturePadModel.matching(vendorID: $0.vendorID, productID: $0.productID) }
        let uri = wanted.map { "usb://" + Hex.word($0.vendorID) + ":" + Hex.word($0.productID) } ?? "usb:"
        info = DeviceInfo(logicalName: logicalName, family: .signaturePad, backend: .real, backendName: "usb", connection: uri,
                          vendor: model?.vendor, model: model?.model)
        self.clock = clock
        executor = DedicatedThreadExecutor(name: "usb:\(logicalName)")
    }

    /// Initialises libusb (`libusb_init`). Finding and opening the pad happens on first use, so a
    /// health check can report a missing pad as a failed step.
    public func openConnection() async throws(DeviceError) {
        do { session = try STUUSBConnection() } catch { throw error.deviceError("open", device: .signaturePad) }
    }

    /// Cancels a running capture session, then releases the USB interface and libusb
    /// (`libusb_close`, `libusb_exit`).
    public func closeConnection() async {
        if let activeSession { _ = try? await activeSession.cancel() }
        session = nil
        cachedCapabilities = nil
    }

    /// The pad's model and ranges from its Information (08) and Capability (09) feature reports,
    /// parsed by ``STUHost`` as for the simulated pad.
    public func capabilities() async throws(DeviceError) -> SignaturePadCapabilities {
        if let cachedCapabilities { return cachedCapabilities }
        _ = try attachedSession("read capabilities")
        let capabilities = try await host.readCapabilities()
        cachedCapabilities = capabilities
        return capabilities
    }

    /// Starts a capture session (see ``SignaturePad/startCapture(_:)``): ClearScreen, Status until
    /// ready, InkingMode on and StartCapture with a new capture ID; pen reports are then read from
    /// the interrupt-IN endpoint, at most 20 ms per blocking read on this pad's thread so that a
    /// cancelled session stops promptly, and stamped on the injected clock as each arrives.
    public func startCapture(_ options: CaptureOptions) async throws(DeviceError) -> SignatureCaptureSession {
        let operation = "capture signature"
        guard !capturing else {
            throw DeviceError(.busy, operation: operation, message: "a capture session is already running on this pad",
                              remedy: "Finish or cancel the running session before starting another.")
        }
        let capabilities = try await capabilities()
        _ = try attachedSession(operation)
        try lifecycle.begin(operation, needsClaim: false)
        capturing = true
        captureID &+= 1
        let driver = STUCaptureDriver(host: host, captureID: captureID, events: lifecycle.events) { [weak self] result in
            await self?.captureEnded(result)
        }
        // On failure the driver has already reported the end through captureEnded.
        let session = try await SignatureCaptureSession.start(options: options, capabilities: capabilities, driver: driver, clock: clock)
        if capturing { activeSession = session }
        return session
    }

    private func captureEnded(_ result: Result<SignatureCaptureOutcome, DeviceError>) {
        guard capturing else { return }
        capturing = false
        activeSession = nil
        switch result {
        case .success: lifecycle.succeeded()
        case .failure(let error): lifecycle.failed(error)
        }
    }

    /// Internal: the pad is attached and its capabilities readable. Interactive: a signature.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await recorder.step("pad attached") {
            let match = try findPad("find pad")
            return "\(match.model.vendor) \(match.model.model) on bus \(match.bus) address \(match.address)"
        }
        await SignaturePadHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    private func findPad(_ operation: String) throws(DeviceError) -> STUUSBConnection.Match {
        try lifecycle.requireOpen(operation)
        guard let session else { throw DeviceError.notOpen(operation) }
        let pads: [STUUSBConnection.Match]
        do { pads = try session.attachedPads() } catch { throw error.deviceError(operation, device: .signaturePad) }
        let wanted = self.wanted
        guard let match = pads.first(where: { pad in
            wanted.map { pad.model.vendorID == $0.vendorID && pad.model.productID == $0.productID } ?? true
        })
        else {
            throw DeviceError(.noHardware, operation: operation, message: "no supported signature pad is attached (\(info.connection ?? "usb:"))",
                              remedy: "Connect the pad, check `lsusb` for vendor 056a, and correct the configuration's usb:// id.")
        }
        return match
    }

    private func attachedSession(_ operation: String) throws(DeviceError) -> STUUSBConnection {
        let match = try findPad(operation)
        guard let session else { throw DeviceError.notOpen(operation) }
        do { try session.openDevice(match) } catch { throw error.deviceError(operation, device: .signaturePad) }
        return session
    }

    // MARK: - Reports over libusb

    private var host: STUHost { STUHost(transport: USBReportLink(pad: self), clock: clock) }

    /// The longest a single blocking interrupt read may take, so that a session's requests and
    /// cancellation are seen within it.
    static let longestRead = Duration.milliseconds(20)

    /// HID GET_REPORT (feature) over EP0.
    fileprivate func getFeature(_ id: STUReport.ID, length: Int) throws(DeviceError) -> [UInt8] {
        guard let session else { throw DeviceError.notOpen("read report") }
        do {
            let report = try session.getFeature(id.rawValue, length: length)
            lifecycle.statistics.recordTraffic(received: report.count)
            return report
        } catch { throw error.deviceError("read report 0x" + Hex.byte(id.rawValue), device: .signaturePad) }
    }

    /// HID SET_REPORT (feature) over EP0.
    fileprivate func setFeature(_ report: [UInt8]) throws(DeviceError) {
        guard let session else { throw DeviceError.notOpen("set report") }
        do {
            try session.setFeature(report)
            lifecycle.statistics.recordTraffic(sent: report.count)
        } catch { throw error.deviceError("set report", device: .signaturePad) }
    }

    /// One interrupt-IN read of at most ``longestRead`` (less when the deadline is nearer).
    fileprivate func inputReport(before deadline: Duration, on stopwatch: CaptureStopwatch) throws(DeviceError) -> [UInt8]? {
        guard let session else { throw DeviceError.notOpen("read pen data") }
        // At most 20 ms; USBHost makes it at least 1 ms (0 would mean no timeout to libusb).
        let limit = min(deadline - stopwatch.elapsed, Self.longestRead)
        do {
            guard let report = try session.readInputReport(timeout: limit) else { return nil }
            lifecycle.statistics.recordTraffic(received: report.count)
            return report
        } catch { throw error.deviceError("read pen data", device: .signaturePad) }
    }
}

/// The host's end of the USB link: each call runs on the pad actor's own thread.
private struct USBReportLink: STUReportTransport {
    let pad: STUSignaturePad

    func getFeature(_ id: STUReport.ID, length: Int) async throws(DeviceError) -> [UInt8] {
        try await pad.getFeature(id, length: length)
    }

    func setFeature(_ report: [UInt8]) async throws(DeviceError) {
        try await pad.setFeature(report)
    }

    func nextInputReport(before deadline: Duration, on stopwatch: CaptureStopwatch) async throws(DeviceError) -> [UInt8]? {
        try await pad.inputReport(before: deadline, on: stopwatch)
    }
}
