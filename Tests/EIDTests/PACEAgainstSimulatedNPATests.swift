import DeviceCore
@testable import EID
import SmartCard
import Testing

/// PACE (terminal side) against the simulated German ID card (chip side) in process, on every
/// standardized curve with every cipher the brief names; the session keys are shown to agree by
/// reading a protected file through secure messaging.
@Suite("PACE against the simulated nPA")
struct PACEAgainstSimulatedNPATests {
    static let aesCombinations: [(StandardizedDomainParameters, SessionCipher)] =
        StandardizedDomainParameters.ellipticCurves.flatMap { curve in [SessionCipher.aes128, .aes192, .aes256].map { (curve, $0) } }
        + [(.brainpoolP256r1, .tripleDES), (.p224, .tripleDES)]

    static func card(_ curve: StandardizedDomainParameters, _ cipher: SessionCipher) -> SimulatedNPA {
        SimulatedNPA(configuration: SimulatedNPAConfiguration(paceInfos: [
            PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .generic, cipher: cipher), parameterID: .standardized(curve)),
        ]), random: SeededRandom(seed: UInt64(curve.rawValue * 10 + cipher.keyLength)))
    }

    @Test("PACE with PIN and CAN succeeds and both sides share the keys", arguments: aesCombinations)
    func paceWithPINAndCAN(curve: StandardizedDomainParameters, cipher: SessionCipher) async throws {
        let card = Self.card(curve, cipher)
        let reader = try await reader(with: card)
        for password in [TestIdentity.pin, TestIdentity.can] {
            let (result, protectedFile) = try await reader.eidTransaction({ (card: inout CardTransaction) throws(PACEError) -> (PACEResult, [UInt8]?) in
                var random = SeededRandom(seed: UInt64(curve.rawValue))
                let result = try PACETerminal.establish(password, through: &card, random: &random)
                var channel = result.secureChannel()
                // EF.CardSecurity (600 bytes) needs secure messaging: it reads only if both sides derived the same keys.
                let read = try? channel.readBinary(shortFileID: 0x1D, through: &card)
                return (result, read?.status == .success ? read?.contents : nil)
            }, transportError: { PACEError.transport($0) })
            #expect(result.parameters == curve)
            #expect(result.paceInfo.protocolType.cipher == cipher)
            #expect(result.keys.cipher == cipher)
            #expect(result.setAuthenticationTemplateStatus == .success)
            #expect(result.chipEphemeralPublicKey.count == 1 + 2 * (try ECCurve(curve).fieldSize))
            #expect(protectedFile == (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        }
        #expect(card.pinState == .ready)
    }

    @Test("a wrong PIN is a typed error with the tries left and counts down once per attempt")
    func wrongPIN() async throws {
        let card = Self.card(.brainpoolP256r1, .aes128)
        let reader = try await reader(with: card)
        let outcome = await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.wrongPIN, through: &card, random: &random)
        }
        #expect(outcome.failure == .wrongPassword(.pin, triesLeft: 2))
        #expect(card.pinState == .twoTriesLeft)
        let commands = await reader.recentCommands
        #expect(commands.filter { $0.count > 1 && $0[1] == 0x22 }.count == 1, "one MSE:Set AT: nothing was retried")
    }

    @Test("a wrong CAN is refused without touching the PIN counter")
    func wrongCAN() async throws {
        let card = Self.card(.brainpoolP256r1, .aes128)
        let reader = try await reader(with: card)
        let outcome = await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.wrongCAN, through: &card, random: &random)
        }
        #expect(outcome.failure == .wrongPassword(.can, triesLeft: nil))
        #expect(card.pinState == .ready)
    }

    @Test("with several PACEInfos the terminal sends the parameter ID (84) and the card accepts it")
    func severalPACEInfos() async throws {
        let infos = [
            PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .generic, cipher: .aes256), parameterID: .standardized(.brainpoolP384r1)),
            PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .generic, cipher: .aes128), parameterID: .standardized(.brainpoolP256r1)),
        ]
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(paceInfos: infos), random: SeededRandom(seed: 3))
        let reader = try await reader(with: card)
        let result = try await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.can, through: &card, random: &random)
        }.get()
        #expect(result.parameters == .brainpoolP384r1)
        let mse = try #require(await reader.recentCommands.first { $0.count > 1 && $0[1] == 0x22 })
        #expect(mse.suffix(3) == [0x84, 0x01, 0x10], "84 01 <16> ends MSE:Set AT, without Le")
    }

    @Test("a card offering only Integrated or Chip Authentication Mapping is refused, naming what it offered")
    func unsupportedProtocols() async throws {
        let infos = [PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .integrated, cipher: .aes128), parameterID: .standardized(.brainpoolP256r1)),
                     PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .chipAuthentication, cipher: .aes256), parameterID: .standardized(.p384))]
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(paceInfos: infos), random: SeededRandom(seed: 3))
        let reader = try await reader(with: card)
        let outcome = await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.can, through: &card, random: &random)
        }
        #expect(outcome.failure == .noSupportedProtocol(offered: ["ECDH-IM AES-128 on 13 (brainpoolP256r1)", "ECDH-CAM AES-256 on 15 (P-384)"]))
    }

    @Test("after PACE, plain access to a protected file gets 6982, under SM it reads")
    func secureMessagingEnforced() async throws {
        let card = Self.card(.brainpoolP256r1, .aes128)
        let reader = try await reader(with: card)
        _ = try await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.can, through: &card, random: &random)
        }.get()
        let plain = try await reader.transmit(try CardCommands.readBinary(shortFileID: 0x1D, length: 16).encoded())
        #expect(plain == [0x69, 0x82])
        #expect(!card.hasSecureMessaging, "a plain command ended secure messaging")
        let cardAccess = try await reader.transmit(try CardCommands.readBinary(shortFileID: 0x1C, length: 256).encoded())
        #expect(cardAccess.suffix(2) != [0x69, 0x82], "EF.CardAccess stays readable in plain")
    }
}

/// PACE with DH Generic Mapping on the RFC 5114 groups against the simulated nPA (no German ID
/// card uses DH; other PACE documents may).
@Suite("PACE DH-GM against the simulated nPA")
struct PACEDHGenericMappingTests {
    static let combinations: [(StandardizedDomainParameters, SessionCipher)] =
        [(.modp1024, .aes128), (.modp2048_224, .aes128), (.modp2048_256, .aes256), (.modp1024, .tripleDES)]

    @Test("PACE with PIN and CAN succeeds on each MODP group; public values are left-padded to p", arguments: combinations)
    func dhGenericMapping(group: StandardizedDomainParameters, cipher: SessionCipher) async throws {
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(paceInfos: [
            PACEInfo(protocolType: PACEProtocol(keyAgreement: .dh, mapping: .generic, cipher: cipher), parameterID: .standardized(group)),
        ]), random: SeededRandom(seed: UInt64(group.rawValue + 100)))
        let reader = try await reader(with: card)
        for password in [TestIdentity.pin, TestIdentity.can] {
            let (result, protectedFile) = try await reader.eidTransaction({ (card: inout CardTransaction) throws(PACEError) -> (PACEResult, [UInt8]?) in
                var random = SeededRandom(seed: UInt64(group.rawValue + 7))
                let result = try PACETerminal.establish(password, through: &card, random: &random)
                var channel = result.secureChannel()
                let read = try? channel.readBinary(shortFileID: 0x1D, through: &card)
                return (result, read?.status == .success ? read?.contents : nil)
            }, transportError: { PACEError.transport($0) })
            #expect(result.parameters == group)
            #expect(result.paceInfo.protocolType.keyAgreement == .dh)
            #expect(result.chipEphemeralPublicKey.count == (group == .modp1024 ? 128 : 256))
            #expect(protectedFile?.count == 600)
        }
        let wrong = await pace(reader) { (card: inout CardTransaction, random: inout SeededRandom) throws(PACEError) in
            try PACETerminal.establish(TestIdentity.wrongPIN, through: &card, random: &random)
        }
        #expect(wrong.failure == .wrongPassword(.pin, triesLeft: 2))
    }

    @Test("a DH public value outside the subgroup is refused")
    func publicValueOutsideTheSubgroup() throws {
        let mapping = try DHGenericMapping(.modp1024)
        var random = SeededRandom(seed: 5)
        _ = try mapping.makeMappingKey(&random)
        let one = [UInt8](repeating: 0, count: 127) + [1]
        let two = [UInt8](repeating: 0, count: 127) + [2]  // 2 is no element of the order-q subgroup of this group
        #expect(throws: EIDCryptoError.invalidPoint) { try mapping.map(nonce: Array(repeating: 7, count: 16), otherMappingKey: one) }
        #expect(throws: EIDCryptoError.invalidPoint) { try mapping.map(nonce: Array(repeating: 7, count: 16), otherMappingKey: two) }
        #expect(throws: EIDCryptoError.invalidPoint) { try mapping.map(nonce: Array(repeating: 7, count: 16), otherMappingKey: [1, 2, 3]) }
    }
}
