import DeviceCore
import Foundation
import SmartCard
import SmartCardPCSC
import TestSupport
import Testing

/// The PC/SC backend against the harness: a real pcscd with the vsmartcard vpcd reader driver,
/// Debian's vicc as an independent ISO 7816 card in "Virtual PCD 00 00", and our own
/// ``VPCDVirtualCard`` attached to "Virtual PCD 00 01" by the tests that need it.
/// One serialized suite: several tests insert and remove cards or restart pcscd.
@Suite("PC/SC on pcscd + vpcd", .serialized, Harness.services)
struct PCSCIntegrationTests {
    let viccReader: String
    let simulatorReader: String
    let simulatorPort: UInt16

    init() throws {
        viccReader = try Harness.required("BHAL_TEST_PCSC_READER")
        simulatorReader = try Harness.required("BHAL_TEST_PCSC_EMPTY_READER")
        simulatorPort = UInt16(try Harness.required("BHAL_TEST_VPCD_EMPTY_PORT")) ?? 35964
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    func eventually(_ seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
        for _ in 0..<Int(seconds * 20) {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }

    /// Two independent opened readers on vicc's card, as two programs would hold it.
    func twoClients() async throws -> (PCSCCardReader, PCSCCardReader) {
        let first = PCSCCardReader(logicalName: "first", readerPrefix: viccReader)
        let second = PCSCCardReader(logicalName: "second", readerPrefix: viccReader)
        try await first.open()
        try await second.open()
        return (first, second)
    }

    func cardPresent(_ reader: PCSCCardReader) async -> Bool {
        (try? await reader.slotStatus().cardPresent) == true
    }

    /// Attaches our simulated card to the second vpcd slot for the duration of `body`.
    func withSimulatedCard<T>(_ card: SimulatedCard = .generic, _ body: (PCSCCardReader, VPCDVirtualCard) async throws -> T) async throws -> T {
        let virtualCard = VPCDVirtualCard(card: card, port: simulatorPort)
        virtualCard.start()
        let reader = PCSCCardReader(logicalName: "sim", readerPrefix: simulatorReader)
        try await reader.open()
        defer { virtualCard.stop() }
        #expect(await eventually { await cardPresent(reader) }, "the simulated card should appear in \(simulatorReader)")
        let result = try await body(reader, virtualCard)
        await reader.close()
        return result
    }

    @Test("pcscd lists both vpcd readers; the service reports them with category basic and no part 10 features")
    func listsReaders() async throws {
        let readers = try await PCSCService().readers()
        #expect(readers.map(\.name).contains(viccReader))
        #expect(readers.map(\.name).contains(simulatorReader))
        let vicc = try #require(readers.first { $0.name == viccReader })
        #expect(vicc.cardPresent)
        #expect(vicc.category == .basic)
        #expect(vicc.features.isEmpty, "vpcd offers no part 10 features")
    }

    @Test("Debian's vicc card has an ATR and answers SELECT MF with 9000")
    func viccSelectMasterFile() async throws {
        let reader = PCSCCardReader(logicalName: "reader", readerPrefix: viccReader)
        try await reader.open()
        let slot = try await reader.slotStatus()
        #expect(slot.cardPresent)
        #expect(slot.atr?.first == 0x3B || slot.atr?.first == 0x3F, "an ATR starts with TS 3B or 3F")
        let response = try await reader.transmit(CardReaderHealthSteps.selectMasterFile)
        #expect(response.suffix(2) == [0x90, 0x00])
        #expect(await reader.statistics.bytesSent == CardReaderHealthSteps.selectMasterFile.count)
        let report = try await reader.checkHealth(.external)
        #expect(report.passed, "\(report.text)")
        await reader.close()
    }

    @Test("our simulated card over vpcd: SELECT, READ BINARY across 32767 with odd INS, GET CHALLENGE")
    func simulatedCardOverVPCD() async throws {
        try await withSimulatedCard { reader, virtualCard in
            #expect(try await reader.slotStatus().atr == SimulatedCard.generic.atr)
            let channel = CardChannel(reader: reader)
            #expect(try await channel.send(CardCommands.selectMasterFile).status == .success)
            #expect(try await channel.send(CardCommands.select(fileID: 0xE000)).status == .success)
            let contents = try await channel.readBinary()
            #expect(contents == (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let challenge = try await channel.send(CardCommands.getChallenge(length: 8))
            #expect(challenge.data.count == 8)
            #expect(virtualCard.apdusServed > 150)
        }
    }

    @Test("an empty reader reports no card; transmit fails as noHardware with a remedy")
    func emptyReader() async throws {
        let reader = PCSCCardReader(logicalName: "empty", readerPrefix: simulatorReader)
        try await reader.open()
        #expect(await eventually { !(await cardPresent(reader)) })
        let error = await #expect(throws: DeviceError.self) { try await reader.transmit(CardReaderHealthSteps.selectMasterFile) }
        #expect(error?.kind == .noHardware)
        #expect(error?.backendCode?.name == "SCARD_E_NO_SMARTCARD")
        #expect(error?.remedy.contains("insert") == true)
        let report = try await reader.checkHealth(.external)
        #expect(report.steps.map(\.outcome.name) == ["passed", "passed", "failed", "skipped"])
        await reader.close()
    }

    @Test("a card pulled mid-session surfaces as an error and an event, never a hang")
    func cardRemovedDuringUse() async throws {
        let virtualCard = VPCDVirtualCard(card: .generic, port: simulatorPort)
        virtualCard.start()
        let reader = PCSCCardReader(logicalName: "sim", readerPrefix: simulatorReader)
        try await reader.open()
        #expect(await eventually { await cardPresent(reader) })
        #expect(try await reader.transmit(CardReaderHealthSteps.selectMasterFile).suffix(2) == [0x90, 0x00])
        virtualCard.stop()
        #expect(await eventually { !(await cardPresent(reader)) })
        let error = await #expect(throws: DeviceError.self) { try await reader.transmit(CardReaderHealthSteps.selectMasterFile) }
        #expect([DeviceError.Kind.removed, .noHardware].contains(error?.kind))
        var sawRemoval = false
        var sawPrompt = false
        for await event in reader.events {
            if event == .statusChanged(DeviceStatus(code: "cardInserted", active: false)) { sawRemoval = true }
            if case .userActionRequired(let action) = event, action.code == "insertCard" { sawPrompt = true }
            if sawRemoval && sawPrompt { break }
        }
        #expect(sawRemoval && sawPrompt)
        await reader.close()
    }

    @Test("two clients: shared access works for both; an exclusive claim makes the other one busy until released")
    func competingClients() async throws {
        let (first, second) = try await twoClients()
        async let a = first.transmit(CardReaderHealthSteps.selectMasterFile)
        async let b = second.transmit(CardReaderHealthSteps.selectMasterFile)
        #expect(try await a.suffix(2) == [0x90, 0x00])
        #expect(try await b.suffix(2) == [0x90, 0x00])

        await second.close()  // drop its shared handle so the exclusive connect can succeed
        try await first.claim()
        try await second.open()
        let error = await #expect(throws: DeviceError.self) { try await second.transmit(CardReaderHealthSteps.selectMasterFile) }
        #expect(error?.kind == .busy)
        #expect(error?.remedy.contains("Another program") == true)
        await first.release()
        await first.close()
        #expect(try await second.transmit(CardReaderHealthSteps.selectMasterFile).suffix(2) == [0x90, 0x00])
        await second.close()
    }

    @Test("a transaction keeps another client's command waiting until it ends")
    func transactionExclusion() async throws {
        let (first, second) = try await twoClients()
        let select = CardReaderHealthSteps.selectMasterFile
        _ = try await second.transmit(select)
        let done = Flag()
        let waiting = try await first.withTransaction { reader in
            #expect(try await reader.transmit(select).suffix(2) == [0x90, 0x00])
            let waiting = Task {
                let response = try await second.transmit(select)
                await done.set()
                return response
            }
            try await Task.sleep(for: .milliseconds(400))
            #expect(await !done.value, "the other client must wait while the transaction is held")
            #expect(try await reader.transmit(select).suffix(2) == [0x90, 0x00])
            return waiting
        }
        #expect(try await waiting.value.suffix(2) == [0x90, 0x00])
        await first.close()
        await second.close()
    }

    @Test("APDUs in an isolated block run on the reader's thread and answer like single calls")
    func isolatedBlock() async throws {
        try await withSimulatedCard { reader, virtualCard in
            let before = virtualCard.apdusServed
            let statuses = try await reader.withIsolation { reader in
                var statuses: [[UInt8]] = []
                for _ in 0..<50 { statuses.append(Array(try await reader.transmit(CardReaderHealthSteps.selectMasterFile).suffix(2))) }
                return statuses
            }
            #expect(statuses == Array(repeating: [0x90, 0x00], count: 50))
            #expect(virtualCard.apdusServed - before == 50)
        }
    }

    @Test("a card transaction's APDUs reach the card with none of another client's in between, though it keeps trying")
    func cardTransactionExclusion() async throws {
        try await withSimulatedCard { reader, virtualCard in
            let other = PCSCCardReader(logicalName: "other", readerPrefix: simulatorReader)
            try await other.open()
            // Right after the card appears, vpcd may still be powering it up (SCARD_E_NOT_TRANSACTED).
            #expect(await eventually { (try? await other.transmit(CardReaderHealthSteps.selectMasterFile)) != nil })
            let stop = Flag()
            let hammering = Task {
                var sent = 0
                while await !stop.value {
                    _ = try await other.transmit(CardReaderHealthSteps.selectMasterFile)
                    sent += 1
                }
                return sent
            }
            #expect(await eventually { virtualCard.apdusServed > 20 }, "the other client should be sending")
            let (servedInside, statuses) = try await reader.transaction { (card: inout CardTransaction) throws(DeviceError) -> (Int, Set<[UInt8]>) in
                // Counted from the first answer on: a command of the other client that was already
                // with the card when the transaction began is served before it.
                var statuses: Set<[UInt8]> = [Array(try card.transmit(CardReaderHealthSteps.selectMasterFile).suffix(2))]
                let before = virtualCard.apdusServed
                for _ in 0..<300 { statuses.insert(Array(try card.transmit(CardReaderHealthSteps.selectMasterFile).suffix(2))) }
                return (virtualCard.apdusServed - before, statuses)
            }
            let afterTransaction = virtualCard.apdusServed
            #expect(await eventually { virtualCard.apdusServed > afterTransaction + 5 }, "the other client resumes after the transaction")
            await stop.set()
            let sent = try await hammering.value
            #expect(servedInside == 300, "exactly the transaction's own APDUs reached the card while it ran")
            #expect(statuses == [[0x90, 0x00]])
            #expect(sent > 25)
            await other.close()
        }
    }

    @Test("reader control: vpcd refuses the part 10 feature request as unsupported, with and without a card")
    func readerControl() async throws {
        let reader = PCSCCardReader(logicalName: "reader", readerPrefix: simulatorReader)
        try await reader.open()
        let withoutCard = await controlAnswer(reader)
        try await withSimulatedCard { cardReader, _ in
            let withCard = await controlAnswer(cardReader)
            #expect(withCard == withoutCard)
        }
        await reader.close()
        // vpcd's driver has no part 10 support: pcscd answers SCARD_E_UNSUPPORTED_FEATURE.
        guard case .failure(let error) = withoutCard else {
            Issue.record("vpcd answered the feature request: \(withoutCard)")
            return
        }
        #expect(error.kind == .noHardware)
        #expect(error.backendCode?.name == "SCARD_E_UNSUPPORTED_FEATURE")
        #expect(error.remedy.contains("features"))
    }

    private func controlAnswer(_ reader: PCSCCardReader) async -> Result<[UInt8], DeviceError> {
        do throws(DeviceError) { return .success(try await reader.control(code: .getFeatureRequest, data: [])) } catch { return .failure(error) }
    }

    @Test("a reset by one client reaches the other as removed/reset, and its next command reconnects")
    func resetDisposition() async throws {
        let (first, second) = try await twoClients()
        let select = CardReaderHealthSteps.selectMasterFile
        _ = try await first.transmit(select)
        _ = try await second.transmit(select)
        await first.disconnectCard(.reset)
        let error = await #expect(throws: DeviceError.self) { try await second.transmit(select) }
        #expect(error?.backendCode?.name == "SCARD_W_RESET_CARD")
        #expect(error?.remedy.contains("reconnect") == true)
        #expect(await eventually { (try? await second.transmit(select))?.suffix(2) == [0x90, 0x00] })
        await first.close()
        await second.close()
    }

    @Test("after pcscd stops and starts again, the same reader object and a monitor recover without a restart",
          .timeLimit(.minutes(1)))
    func pcscdRestart() async throws {
        let services = try Harness.required("BHAL_TEST_SERVICES")
        let reader = PCSCCardReader(logicalName: "reader", readerPrefix: viccReader)
        try await reader.open()
        #expect(try await reader.slotStatus().cardPresent)
        let monitor = PCSCMonitor(pollInterval: .milliseconds(200), retryInterval: .milliseconds(200))
        let events = monitor.events()
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .serviceAvailable)

        try run(services, "stop-pcscd")
        let error = await #expect(throws: DeviceError.self) { try await reader.slotStatus() }
        #expect(error?.kind == .offline)
        #expect(error?.remedy.contains("pcscd") == true)
        var lost = false
        while let event = await iterator.next() {
            if case .serviceLost = event { lost = true; break }
        }
        #expect(lost)

        try run(services, "start-pcscd")
        var back = false
        var readerSeen = false
        while let event = await iterator.next() {
            if event == .serviceAvailable { back = true }
            if event == .readerAttached(viccReader) { readerSeen = true }
            if back && readerSeen { break }
        }
        #expect(back && readerSeen)
        monitor.stop()
        #expect(await eventually { await cardPresent(reader) }, "the same reader object works again")
        #expect(try await reader.transmit(CardReaderHealthSteps.selectMasterFile).suffix(2) == [0x90, 0x00])
        await reader.close()
    }

    // MARK: bhal card … as a technician runs it

    @Test("bhal card readers --json lists the vpcd readers and the simulated card's ATR; bhal card apdu gets 9000 from both cards")
    func cliReadersAndAPDU() async throws {
        let simulator = try BackgroundBhal(["simulate", "card", "--vpcd", "127.0.0.1:\(simulatorPort)"])
        defer { simulator.terminate() }
        let atr = Hex.string(SimulatedCard.generic.atr)
        var listing = ""
        #expect(await eventually {
            listing = (try? await bhal(["card", "readers", "--json"]).stdout) ?? ""
            return listing.contains(atr)
        }, "readers: \(listing)")
        let readers = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [[String: Any]])
        #expect(Set(readers.compactMap { $0["name"] as? String }).isSuperset(of: [viccReader, simulatorReader]))
        #expect(readers.first { $0["name"] as? String == simulatorReader }?["atr"] as? String == atr)

        for reader in [viccReader, simulatorReader] {
            let run = try await bhal(["card", "apdu", "--reader", reader, "--json", "00A4000C023F00"])
            #expect(run.status == 0, "\(run.stderr)")
            let exchanges = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
            #expect(exchanges.first?["sw"] as? String == "9000", "\(reader)")
        }
        let malformed = try await bhal(["card", "apdu", "--reader", viccReader, "00A4000C0A3F00"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("offset"))
    }

    @Test("with pcscd stopped, bhal card readers fails naming pcscd; a running bhal card watch reports the readers again after restart",
          .timeLimit(.minutes(1)))
    func cliServiceRecovery() async throws {
        let services = try Harness.required("BHAL_TEST_SERVICES")
        let watch = try BackgroundBhal(["card", "watch"])
        defer { watch.terminate() }
        #expect(await eventually { watch.output.contains("reader attached: \(viccReader)") })

        try run(services, "stop-pcscd")
        let down = try await bhal(["card", "readers"])
        #expect(down.status != 0)
        #expect(down.stderr.contains("pcscd is not running"))
        #expect(await eventually { watch.output.contains("pcscd lost") })

        try run(services, "start-pcscd")
        #expect(await eventually {
            let text = watch.output
            guard let lost = text.range(of: "pcscd lost") else { return false }
            return text[lost.upperBound...].contains("reader attached: \(viccReader)")
        }, "watch output: \(watch.output)")
        #expect(watch.isRunning, "the same watch process recovered")
    }

    func bhal(_ arguments: [String]) async throws -> BhalRun {
        try await Harness.runBhal(arguments)
    }

    private func run(_ script: String, _ argument: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = [argument]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(script) \(argument)")
    }
}

/// A flag set from one task and read from another.
actor Flag {
    private(set) var value = false
    func set() { value = true }
}

