import DeviceCore
@testable import EID
import SmartCard
import Testing

/// The whole PIN life cycle of the German ID card against the simulated nPA, each operation in
/// one card transaction: 3 → 2 → suspended → resumed with CAN → blocked → unblocked with PUK,
/// change PIN and transport PIN → own PIN.
@Suite("nPA PIN life cycle")
struct PINLifecycleTests {
    static let newPIN = PACEPassword(kind: .pin, secret: Array("246810".utf8))

    func status(_ reader: SimulatedCardReader) async throws -> PINState {
        try await pinOperation(reader) { (card: inout CardTransaction, _: inout SeededRandom) throws(PINManagementError) in
            try PINManagement.status(through: &card)
        }.get()
    }

    func change(_ reader: SimulatedCardReader, from current: PACEPassword, to new: PACEPassword) async -> Result<PINOperationOutcome, PINManagementError> {
        await pinOperation(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PINManagementError) in
            try PINManagement.changePIN(current: current, new: new, through: &card, random: &random)
        }
    }

    @Test("3 → 2 → suspended → resumed with CAN → blocked → unblocked with PUK → PIN works again")
    func lifeCycle() async throws {
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(), random: SeededRandom(seed: 11))
        let reader = try await reader(with: card)
        #expect(try await status(reader) == .ready)

        #expect(await change(reader, from: TestIdentity.wrongPIN, to: Self.newPIN).failure == .pace(.wrongPassword(.pin, triesLeft: 2)))
        #expect(try await status(reader) == .twoTriesLeft)
        #expect(await change(reader, from: TestIdentity.wrongPIN, to: Self.newPIN).failure == .pace(.wrongPassword(.pin, triesLeft: 1)))
        #expect(try await status(reader) == .suspended)

        // Suspended: even the right PIN is refused before it is tried, until the CAN came first.
        let refused = await change(reader, from: TestIdentity.pin, to: Self.newPIN)
        #expect(refused.failure == .pace(.passwordSuspended))
        #expect(refused.failure?.citizenMessage == PINState.suspended.citizenMessage)
        #expect(card.pinState == .suspended, "the refused attempt did not use the last try")

        let resumed = await pinOperation(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PINManagementError) in
            try PINManagement.resume(can: TestIdentity.can, pin: TestIdentity.pin, through: &card, random: &random)
        }
        #expect(try resumed.get() == .pinResumed)
        #expect(try await status(reader) == .ready)

        // Down to blocked: two wrong tries, then CAN and a third wrong one.
        _ = await change(reader, from: TestIdentity.wrongPIN, to: Self.newPIN)
        _ = await change(reader, from: TestIdentity.wrongPIN, to: Self.newPIN)
        let third = await pinOperation(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PINManagementError) in
            try PINManagement.resume(can: TestIdentity.can, pin: TestIdentity.wrongPIN, through: &card, random: &random)
        }
        #expect(third.failure == .pace(.wrongPassword(.pin, triesLeft: 0)))
        #expect(try await status(reader) == .blocked)
        #expect(await change(reader, from: TestIdentity.pin, to: Self.newPIN).failure == .pace(.passwordBlocked(.pin)))

        let unblocked = await pinOperation(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PINManagementError) in
            try PINManagement.unblock(puk: TestIdentity.puk, through: &card, random: &random)
        }
        #expect(try unblocked.get() == .pinUnblocked)
        #expect(try await status(reader) == .ready)
        #expect(try await change(reader, from: TestIdentity.pin, to: Self.newPIN).get() == .pinChanged)
    }

    @Test("change PIN: the new PIN works, the old one is refused")
    func changePIN() async throws {
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(), random: SeededRandom(seed: 12))
        let reader = try await reader(with: card)
        #expect(try await change(reader, from: TestIdentity.pin, to: Self.newPIN).get() == .pinChanged)
        #expect(await change(reader, from: TestIdentity.pin, to: Self.newPIN).failure == .pace(.wrongPassword(.pin, triesLeft: 2)))
        #expect(try await change(reader, from: Self.newPIN, to: TestIdentity.pin).get() == .pinChanged)
        #expect(card.pinState == .ready)
    }

    @Test("transport PIN (5 digits) → own 6-digit PIN; a 5-digit new PIN is refused before anything is sent")
    func transportPIN() async throws {
        let transport = try PACEPassword.pin("13579")
        #expect(transport.isTransportPIN)
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(pin: transport), random: SeededRandom(seed: 13))
        let reader = try await reader(with: card)
        let tooShort = await change(reader, from: transport, to: transport)
        #expect(tooShort.failure == .invalidInput("the new PIN must have 6 digits; ask for a 6-digit PIN"))
        #expect(await reader.recentCommands.isEmpty)
        #expect(try await change(reader, from: transport, to: Self.newPIN).get() == .pinChanged)
        #expect(await change(reader, from: transport, to: Self.newPIN).failure == .pace(.wrongPassword(.pin, triesLeft: 2)))
        #expect(try await change(reader, from: Self.newPIN, to: TestIdentity.pin).get() == .pinChanged)
    }

    @Test("a deactivated PIN stops at MSE:Set AT")
    func deactivated() async throws {
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(pinDeactivated: true), random: SeededRandom(seed: 14))
        let reader = try await reader(with: card)
        #expect(try await status(reader) == .deactivated)
        let outcome = await change(reader, from: TestIdentity.pin, to: Self.newPIN)
        #expect(outcome.failure == .pace(.passwordDeactivated(.pin)))
        #expect(await reader.recentCommands.allSatisfy { $0.count < 2 || $0[1] != 0x86 }, "no General Authenticate was sent")
    }

    @Test("RESET RETRY COUNTER in plain, or under SM after CAN PACE, is refused with 6982")
    func resetRetryCounterNeedsTheRightPACE() async throws {
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(pinRetries: 0), random: SeededRandom(seed: 15))
        let reader = try await reader(with: card)
        #expect(try await reader.transmit([0x00, 0x2C, 0x03, 0x03]) == [0x69, 0x82])
        let status = await pinOperation(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PINManagementError) -> StatusWord in
            let result: PACEResult
            do throws(PACEError) { result = try PACETerminal.establish(TestIdentity.can, through: &card, random: &random) } catch { throw .pace(error) }
            var channel = result.secureChannel()
            do throws(SecureMessagingError) {
                return try channel.send(CommandAPDU(ins: 0x2C, p1: 0x03, p2: 0x03), through: &card).status
            } catch { throw .secureMessaging(error) }
        }
        #expect(try status.get() == .securityStatusNotSatisfied)
        #expect(card.pinState == .blocked)
    }

    @Test("every PIN state and outcome has a German and an English message")
    func messages() {
        let states: [PINState] = [.ready, .twoTriesLeft, .suspended, .blocked, .deactivated, .unknown(.wrongLength)]
        for message in states.map(\.citizenMessage) + [PINOperationOutcome.pinChanged, .pinResumed, .pinUnblocked].map(\.citizenMessage) {
            #expect(!message.german.isEmpty && !message.english.isEmpty && message.german != message.english)
        }
        #expect(Set(states.map(\.citizenMessage)).count == states.count)
    }

    @Test("alternative status words map to the same PIN states")
    func alternativeCodes() {
        #expect(PINState(status: StatusWord(rawValue: 0x63C3)) == .ready)
        #expect(PINState(status: StatusWord(rawValue: 0x6983)) == .blocked)
        #expect(PINState(status: StatusWord(rawValue: 0x6984)) == .deactivated)
        #expect(PINState(status: StatusWord(rawValue: 0x63C1)).triesLeft == 1)
        #expect(PINState(status: StatusWord(rawValue: 0x6A88)) == .unknown(StatusWord(rawValue: 0x6A88)))
    }
}
