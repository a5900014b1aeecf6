import DeviceCore
@testable import EID
import SmartCard

/// A deterministic random source for tests that need many different draws (SplitMix64).
struct SeededRandom: RandomSource {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(count: Int) throws(EIDCryptoError) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// The simulator's test identity (and a wrong PIN), built without the input checks.
enum TestIdentity {
    static let can = PACEPassword(kind: .can, secret: Array("123456".utf8))
    static let pin = PACEPassword(kind: .pin, secret: Array("123456".utf8))
    static let puk = PACEPassword(kind: .puk, secret: Array("1234567890".utf8))
    static let wrongPIN = PACEPassword(kind: .pin, secret: Array("654321".utf8))
    static let wrongCAN = PACEPassword(kind: .can, secret: Array("000000".utf8))
}

/// An opened simulated reader holding `card`.
func reader(with card: some SimulatedCardResponder) async throws -> SimulatedCardReader {
    let reader = SimulatedCardReader(logicalName: "npa", responder: card)
    try await reader.open()
    return reader
}

/// Runs `body` in one transaction of `reader`, returning PACE's typed outcome.
func pace(_ reader: SimulatedCardReader, seed: UInt64 = 1,
          _ body: @escaping @Sendable (inout CardTransaction, inout SeededRandom) throws(PACEError) -> PACEResult) async -> Result<PACEResult, PACEError> {
    do throws(PACEError) {
        return .success(try await reader.eidTransaction({ (card: inout CardTransaction) throws(PACEError) -> PACEResult in
            var random = SeededRandom(seed: seed)
            return try body(&card, &random)
        }, transportError: { PACEError.transport($0) }))
    } catch {
        return .failure(error)
    }
}

/// Runs a PIN operation in one transaction of `reader`.
func pinOperation<T: Sendable>(_ reader: SimulatedCardReader, seed: UInt64 = 7,
                               _ body: @escaping @Sendable (inout CardTransaction, inout SeededRandom) throws(PINManagementError) -> T) async -> Result<T, PINManagementError> {
    do throws(PINManagementError) {
        return .success(try await reader.eidTransaction({ (card: inout CardTransaction) throws(PINManagementError) -> T in
            var random = SeededRandom(seed: seed)
            return try body(&card, &random)
        }, transportError: { PINManagementError.pace(.transport($0)) }))
    } catch {
        return .failure(error)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let error) = self { error } else { nil } }
}
