public import DeviceCore

/// A signature pad: its capabilities, and capture sessions in which the signer signs.
///
/// Captured samples are biometric data: never log or print them; report counts only.
public protocol SignaturePad: Device {
    /// The pad's model, coordinate ranges and screen size.
    func capabilities() async throws(DeviceError) -> SignaturePadCapabilities
    /// Starts a capture session: clears the pad, starts capturing and emits
    /// ``DeviceEvent/userActionRequired(_:)`` with ``UserAction/signOnPad``. Returns once the pad
    /// is ready; samples then stream on ``SignatureCaptureSession/samples`` until the session
    /// ends (see ``SignatureCaptureSession``). The pad is busy meanwhile: a second session
    /// started before the first has ended is refused with ``DeviceError/Kind/busy``.
    func startCapture(_ options: CaptureOptions) async throws(DeviceError) -> SignatureCaptureSession
}

/// What a pad reports about itself (Wacom STU `Information` and `Capability` reports).
public struct SignaturePadCapabilities: Sendable, Hashable, Codable {
    /// The model name (`"STU-540"`).
    public var model: String
    /// The largest x coordinate in tablet units.
    public var maxX: Int
    /// The largest y coordinate in tablet units.
    public var maxY: Int
    /// The largest pressure value.
    public var maxPressure: Int
    /// Screen width in pixels.
    public var screenWidth: Int
    /// Screen height in pixels.
    public var screenHeight: Int

    /// Creates capabilities.
    public init(model: String, maxX: Int, maxY: Int, maxPressure: Int, screenWidth: Int, screenHeight: Int) {
        self.model = model
        self.maxX = maxX
        self.maxY = maxY
        self.maxPressure = maxPressure
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
    }
}

/// One pen sample in tablet units (ISO/IEC 19794-7 channels x, y, pressure, pen switch, time).
public struct PenSample: Sendable, Hashable, Codable {
    /// X in tablet units.
    public var x: Int
    /// Y in tablet units.
    public var y: Int
    /// Pressure, 0 when hovering.
    public var pressure: Int
    /// Whether the pen touches the surface.
    public var inContact: Bool
    /// Time since the capture session started, measured when the sample's report arrived.
    public var time: Duration

    /// Creates a sample.
    public init(x: Int, y: Int, pressure: Int, inContact: Bool, time: Duration) {
        self.x = x
        self.y = y
        self.pressure = pressure
        self.inContact = inContact
        self.time = time
    }
}

/// One captured signature: the samples of a session's last attempt. Biometric data: keep out
/// of logs.
public struct SignatureCapture: Sendable, Hashable {
    /// The pad's capabilities at capture time, to scale the samples.
    public var capabilities: SignaturePadCapabilities
    /// The samples in order.
    public var samples: [PenSample]

    /// Creates a capture.
    public init(capabilities: SignaturePadCapabilities, samples: [PenSample]) {
        self.capabilities = capabilities
        self.samples = samples
    }

    /// The number of strokes (pen-down runs).
    public var strokeCount: Int {
        var count = 0
        var down = false
        for sample in samples {
            if sample.inContact && !down { count += 1 }
            down = sample.inContact
        }
        return count
    }
}
