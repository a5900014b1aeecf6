public import DeviceCore

/// A card payment terminal driven over ZVT (PA00P015/PA00P016), by TCP or RS232: BuergerHAL is the
/// ECR (cash register) side.
///
/// With ``ZVTEndpoint/simulator(_:)`` the same session talks to a ``ZVTTerminalSimulator`` in this
/// process over an in-memory connection (the runtime's `simulator` backend).
///
/// One actor per terminal handle; the blocking socket or tty calls run on the thread of an
/// internal link actor (``DedicatedThreadExecutor``), never on the cooperative pool. T3 (5 s for
/// the acknowledgement) and T4 (180 s between the terminal's messages, changed by its intermediate
/// status) run on the injected clock, so tests with `TestClock`/`ImmediateClock` are instant.
///
/// Payment commands (``perform(_:display:)`` and the typed wrappers of ``PaymentTerminal``) need
/// `claim()`. With a journal, each is journaled before the first byte is sent; a connection lost
/// after the command may have reached the terminal ends as ``PaymentOutcome/inDoubt``, never as
/// declined. Built by `BackendCatalog` (TerminalRuntime), a terminal always has its journal.
public actor ZVTPaymentTerminal: PaymentTerminal, LifecycleHostingDevice {
    /// Static facts about the terminal.
    public nonisolated let info: DeviceInfo
    /// The device's events (one consumer): state changes, display texts for the citizen, errors.
    public nonisolated let events: AsyncStream<DeviceEvent>
    /// How the terminal is reached and the protocol timers.
    public nonisolated let configuration: ZVTTerminalConfiguration
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    let clock: any Clock<Duration>
    let link: ZVTLink
    let journal: (any PaymentJournal)?
    /// Whether a command cycle runs (only Abort may interleave).
    var inFlight = false
    /// The journaled request of the running payment, if any.
    var journaledRequestID: String?
    /// The TID recorded in the journal for the running payment, so each is written once.
    var journaledTerminalID: String?
    /// The terminal's TID (BMP 29) from its last Status Information or completion on this handle.
    var knownTerminalID: String?
    /// Aborts `06 B0` sent into the running cycle whose `80 00`/`84 xx` answer has not arrived.
    var abortsAwaitingAnswer = 0
    /// Where the running payment's intermediate statuses go, besides the event stream.
    var displayHandler: PaymentDisplayHandler?

    /// The Registration config byte used by default: the ECR prints payment and administration
    /// receipts (02, 04), wants intermediate status (08) and receipts as Print Line/Text Block (80).
    public static let defaultConfigByte: UInt8 = 0x8E

    /// Creates a terminal handle (closed). `journal` records payment commands durably (optional).
    public init(logicalName: String, configuration: ZVTTerminalConfiguration, journal: (any PaymentJournal)? = nil,
                clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        self.configuration = configuration
        self.clock = clock
        self.journal = journal
        info = Self.info(logicalName: logicalName, endpoint: configuration.endpoint)
        link = ZVTLink(endpoint: configuration.endpoint, connectTimeout: configuration.connectTimeout,
                       threadName: "bhal-zvt-\(logicalName)")
    }

    /// A real terminal, or the `simulator` backend for an in-process ``ZVTTerminalSimulator``.
    private static func info(logicalName: String, endpoint: ZVTEndpoint) -> DeviceInfo {
        guard case .simulator(let simulator) = endpoint else {
            return DeviceInfo(logicalName: logicalName, family: .paymentTerminal, backend: .real, backendName: "zvt",
                              connection: endpoint.description, model: "ZVT payment terminal")
        }
        return DeviceInfo(logicalName: logicalName, family: .paymentTerminal, backend: .simulated, backendName: "simulator",
                          connection: endpoint.description, vendor: "BuergerHAL", model: "Simulated ZVT terminal",
                          serialNumber: simulator.terminalID)
    }

    /// Opens the handle. A serial line is opened now; TCP connects per command (one transaction
    /// per connection, PA00P016 §4).
    public func openConnection() async throws(DeviceError) {
        if !configuration.endpoint.connectsPerCommand { try await link.connect() }
    }

    /// Closes the connection and the handle.
    public func closeConnection() async {
        await link.disconnect()
    }

    /// Internal: the connection and a Status Enquiry. External: also a Diagnosis (the terminal
    /// contacts its payment host).
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        let link = self.link
        let endpoint = configuration.endpoint
        await recorder.step("connection") {
            try await link.connect()
            return endpoint.description
        }
        await PaymentTerminalHealthSteps.record(level, of: self, into: &recorder)
        await finishConnection()
        return recorder.report(for: info, level: level)
    }

    /// How the journal knows this terminal (rule: ``TerminalIdentity``): the endpoint's key, the
    /// key of its symlink-resolved serial path (looked up on the link's thread), and the TID once
    /// the terminal has reported it on this handle.
    public func identity() async -> TerminalIdentity {
        TerminalIdentity(endpoint: configuration.endpoint, resolved: await link.resolvedEndpoint(), terminalID: knownTerminalID)
    }

    /// Status Enquiry `05 01`: whether the terminal is ready, its TID and software version.
    public func statusEnquiry() async throws(DeviceError) -> TerminalStatus {
        let command = try Self.build("status enquiry") { () throws(ZVTEncodingError) in try ZVTRequest.statusEnquiry(password: configuration.password) }
        return Self.terminalStatus(from: try await run(command, operation: "status enquiry"))
    }

    /// Diagnosis `06 70`: the terminal checks itself and its link to the payment host.
    public func diagnosis() async throws(DeviceError) -> TerminalStatus {
        Self.terminalStatus(from: try await run(ZVTRequest.diagnosis(), operation: "diagnosis"))
    }

    /// The status a completion, abort or refusal reports.
    static func terminalStatus(from flow: ZVTCommandFlow) -> TerminalStatus {
        switch flow.end {
        case .completion(let message)?:
            var terminalID: String?
            if case .digits(let digits)? = message.field(.terminalID)?.value { terminalID = digits }
            var text = "ready"
            var ready = true
            if case .terminalStatus(let status)? = message.field(id: .terminalStatus)?.value {
                ready = status.isReady
                text = status.englishText
            }
            if case .text(let version)? = message.field(id: .softwareVersion)?.value, !version.isEmpty {
                text += " (software \(version))"
            }
            return TerminalStatus(ready: ready, terminalID: terminalID, text: text)
        case .terminalAbort(let code)?, .refused(let code)?:
            return TerminalStatus(ready: false, text: "\(code.description) / \(code.germanText)")
        case .acknowledged?, nil:
            return TerminalStatus(ready: true, text: "acknowledged")
        }
    }

    /// Encodes a command or explains why its values cannot be sent.
    static func build(_ operation: String, _ body: () throws(ZVTEncodingError) -> ZVTMessage) throws(DeviceError) -> ZVTMessage {
        do {
            return try body()
        } catch {
            throw DeviceError(.other, operation: operation, message: "the command cannot be encoded: \(error.message)",
                              remedy: "Correct the value (amount, receipt number, 6-digit password), then retry.")
        }
    }
}
