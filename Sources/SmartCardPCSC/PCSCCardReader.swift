public import DeviceCore
public import SmartCard

/// A card reader behind pcscd (pcsc-lite), selected by a reader-name prefix.
///
/// Runs on its own thread (``DedicatedThreadExecutor``) because every PC/SC call blocks. When pcscd
/// stops, the context answers `SCARD_E_NO_SERVICE` forever, so the reader drops the context on such
/// codes and establishes a new one on the next call: it recovers when pcscd is back.
public actor PCSCCardReader: CardReader, LifecycleHostingDevice {
    /// Static facts; `model` is the matched reader's name once known.
    public nonisolated let info: DeviceInfo
    private let readerPrefix: String
    private let clock: any Clock<Duration>
    private let executor: DedicatedThreadExecutor
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>
    private var context: PCSCContext?
    private var connectedReader: String?
    private var monitorTask: Task<Void, Never>?
    private var monitor: PCSCMonitor?

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a reader for the first PC/SC reader whose name starts with `readerPrefix`
    /// (empty: the first reader). Reader indexes change on replug, so match by prefix.
    public init(logicalName: String, readerPrefix: String, clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        info = DeviceInfo(logicalName: logicalName, family: .smartCardReader, backend: .real, backendName: "pcsc",
                          connection: "pcsc:" + readerPrefix)
        self.readerPrefix = readerPrefix
        self.clock = clock
        executor = DedicatedThreadExecutor(name: "pcsc:\(logicalName)")
    }

    /// Establishes the PC/SC context (`SCardEstablishContext`). Fails with ``DeviceError/Kind/offline``
    /// when pcscd is not running.
    public func openConnection() async throws(DeviceError) {
        _ = try withContext("open") { $0 }
        startMonitor()
    }

    /// Takes exclusive access to the card (`SCardConnect(SCARD_SHARE_EXCLUSIVE)`): other programs
    /// get a sharing violation until ``release()``. Fails with ``DeviceError/Kind/busy`` while
    /// another program holds the card, and ``DeviceError/Kind/noHardware`` without a card.
    public func claimExclusiveAccess() async throws(DeviceError) {
        let reader = try matchedReader("claim")
        try withContext("claim") { context throws(PCSCError) in
            context.disconnect()
            try context.connect(reader, exclusive: true)
        }
    }

    /// Gives up exclusive access; the next APDU reconnects in shared mode.
    public func releaseExclusiveAccess() async {
        context?.disconnect()
    }

    /// Disconnects from the card and releases the context (`SCardDisconnect`, `SCardReleaseContext`).
    public func closeConnection() async {
        monitorTask?.cancel()
        monitorTask = nil
        monitor?.stopAndWait()  // blocks this reader's own thread briefly, never the pool
        monitor = nil
        context = nil
        connectedReader = nil
    }

    /// The names of all readers pcscd reports (`SCardListReaders`).
    public func readerNames() throws(DeviceError) -> [String] {
        try withContext("list readers") { context throws(PCSCError) in try context.listReaders() }
    }

    /// The matched reader's state (`SCardGetStatusChange` with zero timeout).
    public func slotStatus() async throws(DeviceError) -> CardSlotStatus {
        try lifecycle.beginRead("read slot status")
        do throws(DeviceError) {
            let reader = try matchedReader("read slot status")
            let state = try withContext("read slot status") { context throws(PCSCError) in try context.readerState(reader) }
            return CardSlotStatus(readerName: reader, cardPresent: state.present, atr: state.present ? state.atr : nil)
        } catch {
            lifecycle.readFailed(error)
            throw error
        }
    }

    /// Sends one APDU (`SCardConnect` if needed, then `SCardTransmit`). A removed card surfaces as
    /// ``DeviceError/Kind/removed`` and drops the card connection. A task cancelled before the
    /// call gets ``DeviceError/Kind/cancelled`` and nothing is sent (`SCardCancel` ends only
    /// status-change waits, never a running `SCardTransmit`).
    public func transmit(_ command: [UInt8]) async throws(DeviceError) -> [UInt8] {
        try lifecycle.begin("transmit APDU", needsClaim: false)
        do throws(DeviceError) {
            if Task.isCancelled { throw .cancelled("transmit APDU") }
            let reader = try matchedReader("transmit APDU")
            try withContext("transmit APDU") { context throws(PCSCError) in try context.connect(reader) }
            let response = try transmitInTransaction(command)  // the one SCardTransmit path, counted there
            lifecycle.succeeded()
            return response
        } catch {
            lifecycle.failed(error)
            if error.kind == .removed { lifecycle.emit(.statusChanged(DeviceStatus(code: .cardInserted, active: false))) }
            throw error
        }
    }

    /// Runs `body` inside a PC/SC transaction (`SCardBeginTransaction` … `SCardEndTransaction`) on
    /// this reader's thread: each APDU of the body is one `SCardTransmit`, with no thread hop, and
    /// no other program's or task's command reaches the card meanwhile. A card pulled mid-body
    /// fails the APDU as ``DeviceError/Kind/removed`` and drops the card connection.
    public func transaction<T: Sendable>(_ body: sending (inout CardTransaction) throws(DeviceError) -> T) async throws(DeviceError) -> T {
        try lifecycle.begin("card transaction", needsClaim: false)
        do throws(DeviceError) {
            if Task.isCancelled { throw .cancelled("card transaction") }
            try beginCardTransaction()
            var transaction = CardTransaction(
                transmit: { command throws(DeviceError) in try self.transmitInTransaction(command) },
                control: { code, data throws(DeviceError) in try self.controlReader(code, data) })
            let result: T
            do throws(DeviceError) { result = try body(&transaction) } catch {
                try? endCardTransaction()
                throw error
            }
            try endCardTransaction()
            lifecycle.succeeded()
            return result
        } catch {
            lifecycle.failed(error)
            if error.kind == .removed { lifecycle.emit(.statusChanged(DeviceStatus(code: .cardInserted, active: false))) }
            throw error
        }
    }

    /// `SCardControl`: a request to the reader (PC/SC part 10), through the card connection when
    /// there is one, else a direct connection that needs no card. A task cancelled before the call
    /// gets ``DeviceError/Kind/cancelled`` and nothing reaches the reader.
    public func control(code: CardReaderControlCode, data: [UInt8]) async throws(DeviceError) -> [UInt8] {
        try lifecycle.begin("reader control", needsClaim: false)
        do throws(DeviceError) {
            if Task.isCancelled { throw .cancelled("reader control") }
            let answer = try controlReader(code, data)
            lifecycle.succeeded()
            return answer
        } catch {
            lifecycle.failed(error)
            throw error
        }
    }

    private func beginCardTransaction() throws(DeviceError) {
        let reader = try matchedReader("begin transaction")
        try withContext("begin transaction") { context throws(PCSCError) in
            try context.connect(reader)
            try context.beginTransaction()
        }
    }

    private func endCardTransaction() throws(DeviceError) {
        // A card pulled or reset mid-transaction has already dropped the connection: nothing to end.
        guard context?.isConnected == true else { return }
        try withContext("end transaction") { context throws(PCSCError) in try context.endTransaction() }
    }

    /// One APDU on the connected card (inside a transaction, or after `transmit`'s connect);
    /// a failure drops the card connection.
    private func transmitInTransaction(_ command: [UInt8]) throws(DeviceError) -> [UInt8] {
        let response = try withContext("transmit APDU") { context throws(PCSCError) in
            do throws(PCSCError) {
                return try context.transmit(command)
            } catch {
                context.disconnect()
                throw error
            }
        }
        lifecycle.statistics.recordTraffic(sent: command.count, received: response.count)
        return response
    }

    private func controlReader(_ code: CardReaderControlCode, _ data: [UInt8]) throws(DeviceError) -> [UInt8] {
        let reader = try matchedReader("reader control")
        let answer = try withContext("reader control") { context throws(PCSCError) in
            try context.control(code.rawValue, data: data, reader: reader)
        }
        lifecycle.statistics.recordTraffic(sent: data.count, received: answer.count)
        return answer
    }

    /// What happens to the card when the connection ends (`SCardDisconnect` dispositions).
    public enum Disposition: UInt32, Sendable {
        /// `SCARD_LEAVE_CARD`: leave it as it is (the default everywhere).
        case leave = 0
        /// `SCARD_RESET_CARD`: warm reset; other holders see `SCARD_W_RESET_CARD`.
        case reset = 1
        /// `SCARD_UNPOWER_CARD`: power the card down.
        case unpower = 2
        /// `SCARD_EJECT_CARD`: eject, on readers that can.
        case eject = 3
    }

    /// Ends the card connection with `disposition` (`SCardDisconnect`); the next APDU reconnects.
    /// Releases a claim, since exclusive access ends with the connection.
    public func disconnectCard(_ disposition: Disposition) {
        context?.disconnect(disposition: disposition.rawValue)
        lifecycle.released()
    }

    /// Runs an asynchronous `body` inside a PC/SC transaction (`SCardBeginTransaction` …
    /// `SCardEndTransaction`): other programs' commands to the card wait until it ends. Since the
    /// body may suspend, other tasks of this process can still reach the card in between; use
    /// ``transaction(_:)`` for sequences that must not be interleaved at all.
    public func withTransaction<T: Sendable>(_ body: @Sendable (PCSCCardReader) async throws -> T) async throws -> T {
        try lifecycle.requireOpen("begin transaction")
        try beginCardTransaction()
        do {
            let result = try await body(self)
            try endCardTransaction()
            return result
        } catch {
            try? endCardTransaction()
            throw error
        }
    }

    /// Runs `body` isolated to this reader, on its own thread: the APDUs it sends reach pcscd
    /// without a hop between the caller's thread and the reader's per APDU. For sequences of many
    /// APDUs (reading files, PACE); keep the body free of slow work, it holds the reader.
    public func withIsolation<T: Sendable>(_ body: @Sendable (isolated PCSCCardReader) async throws -> T) async rethrows -> T {
        try await body(self)
    }

    /// Internal: the PC/SC service is reachable and the configured reader is enumerated.
    /// External: a card is present and answers SELECT MF.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        var names: [String] = []
        await recorder.step("PC/SC service reachable") {
            names = try readerNames()
            return "\(names.count) reader(s)"
        }
        await recorder.step("reader enumerated") {
            try matchedReader("find reader")
        }
        if level >= .external {
            await CardReaderHealthSteps.recordExternalSteps(of: self, into: &recorder)
        }
        return recorder.report(for: info, level: level)
    }

    /// Feeds the reader's event stream from a ``PCSCMonitor``: card insertion (with ATR) and
    /// removal, the reader going away, pcscd lost.
    private func startMonitor() {
        let monitor = PCSCMonitor()
        self.monitor = monitor
        let prefix = readerPrefix
        monitorTask = Task { [weak self] in
            for await event in monitor.events() {
                guard let self else { return }
                await self.handle(event, prefix: prefix)
            }
        }
    }

    private func handle(_ event: PCSCMonitor.Event, prefix: String) {
        switch event {
        case .cardInserted(let reader, let atr) where reader.hasPrefix(prefix):
            lifecycle.emit(.statusChanged(DeviceStatus(code: .cardInserted, detail: Hex.string(atr))))
        case .cardRemoved(let reader) where reader.hasPrefix(prefix):
            context?.disconnect()
            lifecycle.emit(.statusChanged(DeviceStatus(code: .cardInserted, active: false)))
            lifecycle.emit(.userActionRequired(UserAction(code: .insertCard, prompt: "Bitte Karte einstecken")))
        case .readerDetached(let reader) where reader.hasPrefix(prefix):
            lifecycle.emit(.removed)
        case .serviceLost(let error):
            lifecycle.emit(.error(error))
        default:
            break
        }
    }

    private func matchedReader(_ operation: String) throws(DeviceError) -> String {
        // While connected, the reader is known: no SCardListReaders round trip per APDU.
        if let connectedReader, context?.isConnected == true { return connectedReader }
        let names = try readerNames()
        guard let name = names.first(where: { $0.hasPrefix(readerPrefix) }) else {
            let seen = names.isEmpty ? "no readers are attached" : "attached: " + names.joined(separator: ", ")
            throw DeviceError(.noHardware, operation: operation, message: "no reader matches \"\(readerPrefix)\" (\(seen))",
                              remedy: "Connect the reader, check `pcsc_scan`, and correct the reader name in the configuration.")
        }
        if connectedReader != name {
            context?.disconnect()
            connectedReader = name
        }
        return name
    }

    /// Runs `body` with a live context, establishing one if needed and dropping it when a code
    /// shows it is dead, so the next call starts afresh once pcscd is back.
    private func withContext<T>(_ operation: String, _ body: (PCSCContext) throws(PCSCError) -> T) throws(DeviceError) -> T {
        do throws(PCSCError) {
            let live: PCSCContext
            if let context { live = context } else { live = try PCSCContext() }
            context = live
            return try body(live)
        } catch {
            if error.invalidatesContext {
                context = nil
                connectedReader = nil
            }
            throw error.deviceError(operation)
        }
    }
}
