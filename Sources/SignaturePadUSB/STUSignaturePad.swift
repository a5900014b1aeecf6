public import DeviceCore
public import SignaturePad

/// A Wacom STU signature pad over libusb (HID feature reports on EP0, pen data on interrupt IN).
///
/// `usb://056A:00A8` selects a model; `usb:` takes the first supported pad. Runs on its own
/// thread because libusb's synchronous transfers block.
public actor STUSignaturePad: SignaturePad {
    /// Static facts about the pad.
    public nonisolated let info: DeviceInfo
    private let wanted: (vendorID: UInt16, productID: UInt16)?
    private let clock: any Clock<Duration>
    private let executor: DedicatedThreadExecutor
    private var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private var session: LibUSBSession?
    private var cachedCapabilities: SignaturePadCapabilities?
    private var captureID: UInt32 = 1

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

    /// The lifecycle state.
    public var state: DeviceState { lifecycle.state }
    /// Whether this handle has exclusive access.
    public var isClaimed: Bool { lifecycle.isClaimed }
    /// Counters since creation.
    public var statistics: DeviceStatistics { lifecycle.statistics }

    /// Initialises libusb (`libusb_init`). Finding and opening the pad happens on first use, so a
    /// health check can report a missing pad as a failed step.
    public func open() async throws(DeviceError) {
        guard lifecycle.state == .closed || lifecycle.state == .error else { return }
        do { session = try LibUSBSession() } catch { throw error.deviceError("open", device: .signaturePad) }
        lifecycle.opened()
    }

    /// Claims the pad for this handle.
    public func claim() async throws(DeviceError) { try lifecycle.claimed() }
    /// Releases the claim.
    public func release() async { lifecycle.released() }
    /// Releases the USB interface and libusb (`libusb_close`, `libusb_exit`).
    public func close() async {
        session = nil
        cachedCapabilities = nil
        lifecycle.closed()
    }

    /// The pad's model and ranges from its Information (08) and Capability (09) feature reports.
    public func capabilities() async throws(DeviceError) -> SignaturePadCapabilities {
        if let cachedCapabilities { return cachedCapabilities }
        let usb = try attachedSession("read capabilities")
        do {
            let information = try STUReport.parseInformation(try usb.getFeature(STUReport.ID.information.rawValue, length: 17))
            let capabilities = try STUReport.parseCapability(try usb.getFeature(STUReport.ID.capability.rawValue, length: 17),
                                                             model: information.model)
            cachedCapabilities = capabilities
            return capabilities
        } catch let error as LibUSBError {
            throw error.deviceError("read capabilities", device: .signaturePad)
        } catch let error as STUReport.ParseError {
            throw DeviceError(.protocol, operation: "read capabilities", message: "malformed report at \(error)",
                              remedy: "Reset the pad (unplug it for 10 seconds); if it persists, update its firmware.")
        } catch {
            throw DeviceError(.other, operation: "read capabilities", message: "\(error)", remedy: "Replug the pad and retry.")
        }
    }

    /// Clears the screen, turns inking on, starts a capture and reads pen reports until the signer
    /// has lifted the pen for 1.5 s after drawing, or `timeout` passes.
    public func captureSignature(timeout: Duration) async throws(DeviceError) -> SignatureCapture {
        let capabilities = try await capabilities()
        let usb = try attachedSession("capture signature")
        try lifecycle.begin("capture signature", needsClaim: false)
        lifecycle.emit(.userActionRequired(UserAction(code: .sign, prompt: "Bitte unterschreiben Sie auf dem Unterschriftenpad")))
        do throws(LibUSBError) {
            captureID &+= 1
            try usb.setFeature([STUReport.ID.clearScreen.rawValue, 0])
            try usb.setFeature([STUReport.ID.inkingMode.rawValue, 1])
            try usb.setFeature([STUReport.ID.startCapture.rawValue] + withUnsafeBytes(of: captureID.bigEndian, Array.init))
            defer {
                try? usb.setFeature([STUReport.ID.endCapture.rawValue, 0])
                try? usb.setFeature([STUReport.ID.inkingMode.rawValue, 0])
            }
            var samples: [PenSample] = []
            var elapsed = Duration.zero
            var sinceLift = Duration.zero
            let period = Duration.milliseconds(5)
            while elapsed < timeout {
                if let report = try usb.readInputReport(timeoutMilliseconds: 5), report.first == STUReport.ID.penData.rawValue,
                   let sample = try? STUReport.parsePenData(report, time: elapsed) {
                    samples.append(sample)
                    lifecycle.statistics.recordTraffic(received: report.count)
                }
                elapsed += period
                sinceLift = samples.last?.inContact == true ? .zero : sinceLift + period
                if samples.contains(where: \.inContact) && sinceLift >= .milliseconds(1500) { break }
            }
            lifecycle.succeeded()
            return SignatureCapture(capabilities: capabilities, samples: samples)
        } catch {
            let deviceError = error.deviceError("capture signature", device: .signaturePad)
            lifecycle.failed(deviceError)
            throw deviceError
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

    private func findPad(_ operation: String) throws(DeviceError) -> LibUSBSession.Match {
        try lifecycle.requireOpen(operation)
        guard let session else { throw DeviceError.notOpen(operation) }
        let pads: [LibUSBSession.Match]
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

    private func attachedSession(_ operation: String) throws(DeviceError) -> LibUSBSession {
        let match = try findPad(operation)
        guard let session else { throw DeviceError.notOpen(operation) }
        do { try session.openDevice(bus: match.bus, address: match.address) } catch { throw error.deviceError(operation, device: .signaturePad) }
        return session
    }
}
