import DeviceCore
import SmartCard
import SmartCardPCSC
import Testing

@Suite("Card transactions and reader control on the simulated reader")
struct CardTransactionTests {
    static let selectMF = CardReaderHealthSteps.selectMasterFile
    static let getChallenge: [UInt8] = [0x00, 0x84, 0x00, 0x00, 0x08]

    @Test("a transaction's APDUs reach the card with no other task's command in between")
    func noInterleaving() async throws {
        let reader = SimulatedCardReader(logicalName: "reader")
        try await reader.open()
        let singles = Task {
            for _ in 0..<60 { _ = try await reader.transmit(Self.getChallenge) }
        }
        for _ in 0..<12 {
            let statuses = try await reader.transaction { (card: inout CardTransaction) throws(DeviceError) -> [[UInt8]] in
                (0..<10).map { _ in (try? card.transmit(Self.selectMF).suffix(2)).map(Array.init) ?? [] }
            }
            #expect(statuses == Array(repeating: [0x90, 0x00], count: 10))
            await Task.yield()
        }
        try await singles.value
        let log = await reader.recentCommands
        #expect(log.count == 60 + 120)
        // Runs of SELECT MF between other commands: every run is whole transactions of 10.
        var runs: [Int] = []
        var current = 0
        for command in log {
            if command == Self.selectMF { current += 1 } else if current > 0 { runs.append(current); current = 0 }
        }
        if current > 0 { runs.append(current) }
        #expect(runs.allSatisfy { $0 % 10 == 0 }, "transaction APDUs were interleaved: runs \(runs)")
        #expect(runs.count > 1, "the single commands never came between transactions, so the test showed nothing")
    }

    @Test("ISO 7816 rules run inside the transaction: 61xx continued, a whole file read in one transaction")
    func isoRulesInside() async throws {
        var card = SimulatedCard.generic
        card.responseChunkLimit = 16
        let reader = SimulatedCardReader(logicalName: "reader", card: card)
        try await reader.open()
        let contents = try await reader.transaction { (card: inout CardTransaction) throws(DeviceError) -> [UInt8] in
            guard try card.send(CardCommands.select(fileID: 0xE000)).status == .success else { return [] }
            return try card.readBinary()
        }
        #expect(contents == (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        #expect(await reader.statistics.operationCount == 1)
    }

    @Test("a cancelled caller's transaction sends nothing, fails as cancelled, and leaves the reader usable")
    func cancellation() async throws {
        let reader = SimulatedCardReader(logicalName: "reader")
        try await reader.open()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await reader.transactionResult()
        }
        let error = await task.value
        #expect(error?.kind == .cancelled)
        #expect(await reader.recentCommands.isEmpty)
        #expect(await reader.state == .idle)
        #expect(try await reader.transmit(Self.selectMF).suffix(2) == [0x90, 0x00])
    }

    @Test("a transaction without a card fails as noHardware before anything is sent")
    func noCard() async throws {
        let reader = SimulatedCardReader(logicalName: "reader", card: nil)
        try await reader.open()
        let error = await reader.transactionResult()
        #expect(error?.kind == .noHardware)
        #expect(error?.remedy.contains("Insert") == true)
    }

    @Test("the part 10 feature request answers the reader's features; other codes are unsupported")
    func control() async throws {
        let basic = SimulatedCardReader(logicalName: "basic", card: nil)
        try await basic.open()
        #expect(try await basic.control(code: .getFeatureRequest, data: []).isEmpty)
        let unsupported = await #expect(throws: DeviceError.self) {
            try await basic.control(code: .pcscLite(3401), data: [])
        }
        #expect(unsupported?.kind == .noHardware)

        let pinPad = SimulatedCardReader(logicalName: "pinpad", features: [0x06: 0x4233_0006, 0x20: 0x4233_0020])
        try await pinPad.open()
        let answer = try await pinPad.control(code: .getFeatureRequest, data: [])
        #expect(PCSCFeatureList.parse(answer) == [0x06: 0x4233_0006, 0x20: 0x4233_0020])
        let inside = try await pinPad.transaction { (card: inout CardTransaction) throws(DeviceError) -> [UInt8] in
            try card.control(code: .getFeatureRequest)
        }
        #expect(inside == answer)
    }

    @Test("control codes are pcsc-lite's SCARD_CTL_CODE numbers")
    func controlCodes() {
        #expect(CardReaderControlCode.getFeatureRequest.rawValue == 0x4200_0D48)
        #expect(CardReaderControlCode.pcscLite(1).description == "0x42000001")
    }
}

extension SimulatedCardReader {
    /// Runs a one-APDU transaction and returns its error, if any.
    func transactionResult() async -> DeviceError? {
        do throws(DeviceError) {
            _ = try await transaction { (card: inout CardTransaction) throws(DeviceError) -> [UInt8] in
                try card.transmit(CardReaderHealthSteps.selectMasterFile)
            }
            return nil
        } catch {
            return error
        }
    }
}
