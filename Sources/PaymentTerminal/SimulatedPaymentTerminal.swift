public import DeviceCore

/// A payment terminal in process, for applications and tests without a terminal. Delays run on
/// the injected clock; the terminal can be set not ready or unreachable.
///
/// Payments are approved after the displays a terminal shows (insert card, PIN), with a receipt
/// number counting up from 1; nothing is journaled and no ZVT byte is encoded. Use
/// ``ZVTTerminalSimulator`` behind a ``ZVTPaymentTerminal`` to exercise the protocol itself.
public actor SimulatedPaymentTerminal: PaymentTerminal {
    /// Static facts about the simulated terminal.
    public nonisolated let info: DeviceInfo
    private var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private let clock: any Clock<Duration>
    private let terminalID: String
    private var reachable = true
    private var ready = true
    /// The transactions booked so far (the last one answers Repeat Receipt).
    private var booked: [PaymentResult] = []

    /// Creates a simulated terminal with terminal id `terminalID`.
    public init(logicalName: String, terminalID: String = "52500001", clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .paymentTerminal, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated ZVT terminal", serialNumber: terminalID)
        self.terminalID = terminalID
        self.clock = clock
    }

    /// The lifecycle state.
    public var state: DeviceState { lifecycle.state }
    /// Whether this handle has exclusive access.
    public var isClaimed: Bool { lifecycle.isClaimed }
    /// Counters since creation.
    public var statistics: DeviceStatistics { lifecycle.statistics }

    /// Opens the simulated terminal; fails as offline when it was made unreachable.
    public func open() async throws(DeviceError) {
        if !reachable { throw unreachableError("open") }
        lifecycle.opened()
    }
    /// Claims the terminal.
    public func claim() async throws(DeviceError) { try lifecycle.claimed() }
    /// Releases the claim.
    public func release() async { lifecycle.released() }
    /// Closes the simulated terminal.
    public func close() async { lifecycle.closed() }

    /// Makes the terminal unreachable (`false`) or reachable again, for fault tests.
    public func setReachable(_ reachable: Bool) { self.reachable = reachable }
    /// Makes the terminal report not ready (`false`), as during its end-of-day.
    public func setReady(_ ready: Bool) { self.ready = ready }

    /// Answers after a short delay with the simulated state.
    public func statusEnquiry() async throws(DeviceError) -> TerminalStatus {
        try await exchange("status enquiry", delay: .milliseconds(15))
    }

    /// Answers after a longer delay, as a terminal contacting its host would.
    public func diagnosis() async throws(DeviceError) -> TerminalStatus {
        try await exchange("diagnosis", delay: .milliseconds(60))
    }

    /// Approves `operation` after showing "insert card" and "PIN" displays; end-of-day books nothing.
    public func perform(_ operation: PaymentOperation, display: PaymentDisplayHandler?) async throws(DeviceError) -> PaymentResult {
        let name = operation.kind.rawValue
        try lifecycle.begin(name, needsClaim: true)
        guard reachable else {
            let error = unreachableError(name)
            lifecycle.failed(error)
            throw error
        }
        for shown in [PaymentDisplay(prompt: .insertCard, text: "Karte einstecken", status: .insertCard),
                      PaymentDisplay(prompt: .followTerminalDisplay, text: "PIN eingeben", status: .textInTLV)] {
            lifecycle.emit(shown.event)
            display?(shown)
            try? await clock.sleep(for: .milliseconds(20))
        }
        var result = PaymentResult(outcome: .approved, resultCode: 0, amountCents: operation.amountCents, terminalID: terminalID,
                                   cardName: "girocard", maskedPAN: "672559******1234")
        if operation.kind != .endOfDay {
            result.receiptNumber = booked.count + 1
            result.trace = booked.count + 1
            booked.append(result)
        }
        lifecycle.succeeded()
        return result
    }

    /// Does nothing: a simulated payment cannot be interrupted.
    public func abort() async throws(DeviceError) {
        try lifecycle.begin("abort", needsClaim: false)
        lifecycle.succeeded()
    }

    /// The last booked transaction again; aborted (nothing to repeat) before the first.
    public func repeatReceipt() async throws(DeviceError) -> PaymentResult {
        try lifecycle.begin("repeat receipt", needsClaim: false)
        lifecycle.succeeded()
        return booked.last ?? PaymentResult(outcome: .aborted, message: "no transaction to repeat")
    }

    /// Nothing to recover: the simulated terminal keeps no journal.
    public func recoverInDoubtPayments() async throws(DeviceError) -> [PaymentRecovery.Resolution] { [] }

    /// Internal: connection and status enquiry. External: diagnosis.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await PaymentTerminalHealthSteps.record(level, of: self, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    private func exchange(_ operation: String, delay: Duration) async throws(DeviceError) -> TerminalStatus {
        try lifecycle.begin(operation, needsClaim: false)
        guard reachable else {
            let error = unreachableError(operation)
            lifecycle.failed(error)
            throw error
        }
        try? await clock.sleep(for: delay)
        lifecycle.succeeded()
        return TerminalStatus(ready: ready, terminalID: terminalID, text: ready ? "Terminal bereit" : "Kassenschnitt läuft")
    }

    private func unreachableError(_ operation: String) -> DeviceError {
        DeviceError(.offline, operation: operation, message: "the simulated terminal is unreachable",
                    remedy: "Check the terminal's network cable and IP address, then retry.")
    }
}
