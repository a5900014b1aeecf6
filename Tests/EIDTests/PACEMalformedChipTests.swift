import DeviceCore
@testable import EID
import SmartCard
import Synchronization
import Testing

/// A simulated nPA whose answer to one General Authenticate step is replaced by `fault`.
final class FaultyChip: SimulatedCardResponder {
    let atr: [UInt8]
    private let card: SimulatedNPA
    private let step: Int
    private let fault: @Sendable ([UInt8]) -> [UInt8]
    private let generalAuthenticates = Mutex(0)

    init(step: Int, fault: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        card = SimulatedNPA(configuration: SimulatedNPAConfiguration(), random: SeededRandom(seed: 21))
        atr = card.atr
        self.step = step
        self.fault = fault
    }

    func reset() { card.reset() }

    func respond(to command: [UInt8]) -> [UInt8] {
        let answer = card.respond(to: command)
        guard command.count > 1, command[1] == 0x86 else { return answer }
        let index = generalAuthenticates.withLock { count in
            count += 1
            return count
        }
        return index == step ? fault(answer) : answer
    }
}

/// Malformed chip answers at each General Authenticate step give typed PACE errors, never traps.
@Suite("PACE against malformed chip answers")
struct PACEMalformedChipTests {
    static let steps: [(Int, PACEStep)] = [(1, .encryptedNonce), (2, .mapping), (3, .keyAgreement), (4, .mutualAuthentication)]

    func run(step: Int, fault: @escaping @Sendable ([UInt8]) -> [UInt8]) async throws -> PACEError? {
        let reader = try await reader(with: FaultyChip(step: step, fault: fault))
        return await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.can, through: &card, random: &random)
        }.failure
    }

    @Test("truncated answers", arguments: steps)
    func truncated(step: Int, name: PACEStep) async throws {
        let error = try await run(step: step) { answer in Array(answer.prefix(max(answer.count - 2, 0) / 2)) + [0x90, 0x00] }
        guard case .malformedResponse(name, let offset, _)? = error else {
            Issue.record("step \(step): \(String(describing: error))")
            return
        }
        #expect(offset >= 0)
    }

    @Test("wrong tags", arguments: steps)
    func wrongTag(step: Int, name: PACEStep) async throws {
        // 7C → 7D at the outside; the inner tag shifted by one at the inside.
        let outer = try await run(step: step) { answer in [0x7D] + answer.dropFirst() }
        #expect(outer == .malformedResponse(name, offset: 0, reason: "tag 7D where 7C was expected"))
        let inner = try await run(step: step) { answer in
            var bytes = answer
            if bytes.count > 4 { bytes[2] &+= 1 }
            return bytes
        }
        guard case .malformedResponse(name, 2, _)? = inner else {
            Issue.record("step \(step): \(String(describing: inner))")
            return
        }
    }

    @Test("random bytes never trap and always give a typed error", arguments: steps)
    func randomBytes(step: Int, name: PACEStep) async throws {
        for seed in 0..<25 {
            let error = try await run(step: step) { answer in
                var generator = SeededRandom(seed: UInt64(seed * 31 + step))
                let length = Int(generator.next() % 90)
                return ((try? generator.bytes(count: length)) ?? []) + [0x90, 0x00]
            }
            switch error {
            case .malformedResponse(name, _, _)?, .crypto(name, _)?, .crypto(.keyAgreement, _)?, .crypto(.mutualAuthentication, _)?, .chipTokenMismatch?: break
            default: Issue.record("step \(step) seed \(seed): \(String(describing: error))")
            }
        }
    }

    @Test("a point off the curve in the chip's mapping or ephemeral key is a crypto error", arguments: [(2, PACEStep.mapping), (3, .keyAgreement)])
    func invalidPoint(step: Int, name: PACEStep) async throws {
        let error = try await run(step: step) { answer in
            var bytes = answer
            if bytes.count > 6 { bytes[bytes.count - 3] ^= 0x01 }  // last byte of Y
            return bytes
        }
        #expect(error == .crypto(name, .invalidPoint))
    }

    @Test("a wrong chip token is chipTokenMismatch")
    func wrongChipToken() async throws {
        let error = try await run(step: 4) { answer in
            var bytes = answer
            if bytes.count > 3 { bytes[bytes.count - 3] ^= 0x80 }
            return bytes
        }
        #expect(error == .chipTokenMismatch)
    }

    @Test("a card refusing a step is named with its status word")
    func refusedStep() async throws {
        let error = try await run(step: 2) { _ in [0x6A, 0x80] }
        #expect(error == .cardRefused(.mapping, StatusWord(rawValue: 0x6A80)))
        #expect(error?.description.contains("insert it again") == true)
    }

    @Test("a malformed EF.CardAccess names the offset")
    func malformedCardAccess() async throws {
        let card = SimulatedCard(atr: [0x3B, 0x00], files: [.elementary(0x011C, shortFileID: 0x1C, contents: [0x31, 0x05, 0x30, 0x03, 0x06])])
        let reader = try await reader(with: card)
        let error = await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.can, through: &card, random: &random)
        }.failure
        guard case .cardAccessMalformed(let parseError)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(parseError.offset > 0)
    }
}
