public import DeviceCore

/// A card reader with a programmable card, entirely in process. Cards are inserted and removed on
/// command; delays run on the injected clock, so tests with a test clock run instantly.
public actor SimulatedCardReader: CardReader {
    /// Static facts about the simulated reader.
    public nonisolated let info: DeviceInfo
    private var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private let clock: any Clock<Duration>
    private let readerName: String
    private var card: SimulatedCard?

    /// Creates a simulated reader named `readerName`, optionally with a card inserted.
    public init(logicalName: String, readerName: String = "BuergerHAL Simulated Reader 00 00",
                card: SimulatedCard? = .generic, clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .smartCardReader, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated reader")
        self.readerName = readerName
        self.card = card
        self.clock = clock
    }

    /// The lifecycle state.
    public var state: DeviceState { lifecycle.state }
    /// Whether this handle has exclusive access.
    public var isClaimed: Bool { lifecycle.isClaimed }
    /// Counters since creation.
    public var statistics: DeviceStatistics { lifecycle.statistics }

    /// Opens the simulated reader.
    public func open() async throws(DeviceError) { lifecycle.opened() }
    /// Claims the simulated reader.
    public func claim() async throws(DeviceError) { try lifecycle.claimed() }
    /// Releases the claim.
    public func release() async { lifecycle.released() }
    /// Closes the simulated reader.
    public func close() async { lifecycle.closed() }

    /// Inserts `card`, replacing any card present, and reports it as an event.
    public func insert(_ card: SimulatedCard) {
        var card = card
        card.reset()
        self.card = card
        lifecycle.emit(.statusChanged(DeviceStatus(code: "cardInserted", detail: Hex.string(card.atr))))
    }

    /// Removes the card, if any, and reports it as an event.
    public func removeCard() {
        guard card != nil else { return }
        card = nil
        lifecycle.emit(.statusChanged(DeviceStatus(code: "cardInserted", active: false)))
        lifecycle.emit(.userActionRequired(UserAction(code: "insertCard", prompt: "Bitte Karte einstecken")))
    }

    /// The slot state.
    public func slotStatus() async throws(DeviceError) -> CardSlotStatus {
        try lifecycle.requireOpen("read slot status")
        return CardSlotStatus(readerName: readerName, cardPresent: card != nil, atr: card?.atr)
    }

    /// Sends one APDU to the simulated card.
    public func transmit(_ command: [UInt8]) async throws(DeviceError) -> [UInt8] {
        try lifecycle.begin("transmit APDU", needsClaim: false)
        guard card != nil else {
            let error = DeviceError(.noHardware, operation: "transmit APDU", message: "no card in \(readerName)",
                                    remedy: "Insert a card, then retry.")
            lifecycle.failed(error)
            throw error
        }
        try? await clock.sleep(for: .microseconds(200))
        let response = self.card?.respond(to: command) ?? []
        lifecycle.statistics.recordTraffic(sent: command.count, received: response.count)
        lifecycle.succeeded()
        return response
    }

    /// Internal: the reader answers. External: a card is present and answers SELECT MF.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await recorder.step("reader enumerated") { readerName }
        if level >= .external {
            await CardReaderHealthSteps.recordExternalSteps(of: self, into: &recorder)
        }
        return recorder.report(for: info, level: level)
    }
}
