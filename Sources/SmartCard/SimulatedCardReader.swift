public import DeviceCore

/// A card reader with a programmable card, entirely in process. Cards are inserted and removed on
/// command; delays run on the injected clock, so tests with a test clock run instantly.
///
/// APDUs reach the card, a ``SimulatedCardResponder``: ``SimulatedCard`` answers them as a card would
/// (file system, selection, 61xx chunking), other responders (the simulated German ID card) as theirs; the reader answers part 10 feature requests with the features it was made with
/// (none by default: a basic reader without PIN pad).
public actor SimulatedCardReader: CardReader, LifecycleHostingDevice {
    /// Static facts about the simulated reader.
    public nonisolated let info: DeviceInfo
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private let clock: any Clock<Duration>
    private let readerName: String
    private var card: (any SimulatedCardResponder)?
    private let features: [UInt8: UInt32]
    /// The most recent commands the card received, oldest first (at most ``commandLogLimit``):
    /// what a technician or a test looks at to see the order APDUs arrived in.
    public private(set) var recentCommands: [[UInt8]] = []
    /// How many commands ``recentCommands`` keeps.
    public static let commandLogLimit = 256

    /// Creates a simulated reader named `readerName`, optionally with a card inserted. `features`
    /// are the PC/SC part 10 features it reports (tag → control code), none by default.
    public init(logicalName: String, readerName: String = "BuergerHAL Simulated Reader 00 00",
                card: SimulatedCard? = .generic, features: [UInt8: UInt32] = [:], clock: any Clock<Duration> = ContinuousClock()) {
        self.init(logicalName: logicalName, readerName: readerName, responder: card, features: features, clock: clock)
    }

    /// Creates a simulated reader with any simulated card inserted (or none), e.g. the simulated
    /// German ID card of the EID module.
    public init(logicalName: String, readerName: String = "BuergerHAL Simulated Reader 00 00",
                responder card: (any SimulatedCardResponder)?, features: [UInt8: UInt32] = [:],
                clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .smartCardReader, backend: .simulated, backendName: "simulator",
                          connection: "sim:", vendor: "BuergerHAL", model: "Simulated reader")
        self.readerName = readerName
        self.card = card
        self.features = features
        self.clock = clock
    }

    /// Inserts `card`, replacing any card present, and reports it as an event.
    public func insert(_ card: SimulatedCard) {
        insert(responder: card)
    }

    /// Inserts any simulated card, replacing any card present, and reports it as an event.
    public func insert(responder card: any SimulatedCardResponder) {
        var card = card
        card.reset()
        self.card = card
        lifecycle.emit(.statusChanged(DeviceStatus(code: .cardInserted, detail: Hex.string(card.atr))))
    }

    /// Removes the card, if any, and reports it as an event.
    public func removeCard() {
        guard card != nil else { return }
        card = nil
        lifecycle.emit(.statusChanged(DeviceStatus(code: .cardInserted, active: false)))
        lifecycle.emit(.userActionRequired(UserAction(code: .insertCard, prompt: "Bitte Karte einstecken")))
    }

    /// The slot state.
    public func slotStatus() async throws(DeviceError) -> CardSlotStatus {
        try lifecycle.beginRead("read slot status")
        return CardSlotStatus(readerName: readerName, cardPresent: card != nil, atr: card?.atr)
    }

    /// Sends one APDU to the simulated card.
    public func transmit(_ command: [UInt8]) async throws(DeviceError) -> [UInt8] {
        try lifecycle.begin("transmit APDU", needsClaim: false)
        guard card != nil else {
            let error = noCard("transmit APDU")
            lifecycle.failed(error)
            throw error
        }
        try? await clock.sleep(for: .microseconds(200))
        do throws(DeviceError) {
            let response = try exchange(command)
            lifecycle.succeeded()
            return response
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Runs `body` with the simulated card; nothing else reaches the card meanwhile.
    public func transaction<T: Sendable>(_ body: sending (inout CardTransaction) throws(DeviceError) -> T) async throws(DeviceError) -> T {
        try lifecycle.begin("card transaction", needsClaim: false)
        do throws(DeviceError) {
            guard card != nil else { throw noCard("card transaction") }
            var transaction = CardTransaction(
                transmit: { command throws(DeviceError) in try self.exchange(command) },
                control: { code, data throws(DeviceError) in try self.answerControl(code, data) })
            let result = try body(&transaction)
            lifecycle.succeeded()
            return result
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// Answers ``CardReaderControlCode/getFeatureRequest`` with the reader's features; other
    /// codes fail as unsupported, as on a basic reader.
    public func control(code: CardReaderControlCode, data: [UInt8]) async throws(DeviceError) -> [UInt8] {
        try lifecycle.begin("reader control", needsClaim: false)
        do throws(DeviceError) {
            let answer = try answerControl(code, data)
            lifecycle.succeeded()
            return answer
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    /// One APDU to the card, logged and counted; the card pulled meanwhile is `removed`.
    private func exchange(_ command: [UInt8]) throws(DeviceError) -> [UInt8] {
        guard card != nil else {
            throw DeviceError(.removed, operation: "transmit APDU", message: "the card was removed from \(readerName)",
                              remedy: "Insert the card again and repeat the whole operation.")
        }
        let response = card?.respond(to: command) ?? []
        if recentCommands.count >= Self.commandLogLimit { recentCommands.removeFirst(recentCommands.count - Self.commandLogLimit + 1) }
        recentCommands.append(command)
        lifecycle.statistics.recordTraffic(sent: command.count, received: response.count)
        return response
    }

    private func answerControl(_ code: CardReaderControlCode, _ data: [UInt8]) throws(DeviceError) -> [UInt8] {
        guard code == .getFeatureRequest else {
            throw DeviceError(.noHardware, operation: "reader control", message: "\(readerName) does not support control code \(code)",
                              remedy: "Use a reader with this feature (ask it with the feature request first).")
        }
        return features.keys.sorted().flatMap { tag -> [UInt8] in
            let value = features[tag] ?? 0
            return [tag, 4, UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
    }

    private func noCard(_ operation: String) -> DeviceError {
        DeviceError(.noHardware, operation: operation, message: "no card in \(readerName)", remedy: "Insert a card, then retry.")
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
