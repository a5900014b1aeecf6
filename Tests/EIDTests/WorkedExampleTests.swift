import DeviceCore
@testable import EID
import Testing

/// Replays fixed bytes as randomness (the worked example's private keys).
struct ScriptedRandom: RandomSource {
    var queue: [[UInt8]]
    mutating func bytes(count: Int) throws(EIDCryptoError) -> [UInt8] {
        guard !queue.isEmpty else { throw .randomSourceFailed }
        return queue.removeFirst()
    }
}

func hex(_ text: String) -> [UInt8] { (try? Hex.parse(text.filter { !$0.isWhitespace })) ?? [] }

/// ICAO Doc 9303 Part 11, Appendix G.1: PACE ECDH Generic Mapping on brainpoolP256r1 with AES-128,
/// password the MRZ of the example (document T22000129, born 640812, expires 101031).
@Suite("ICAO 9303-11 Appendix G.1 worked example")
struct WorkedExampleTests {
    static let mrzKey = "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"
    static let passwordKey = "89DED1B26624EC1E634C1989302849DD"
    static let encryptedNonce = "95A3A016522EE98D01E76CB6B98B42C3"
    static let nonce = "3F00C4D39D153F2B2A214A078D899B22"
    static let terminalMappingPrivate = "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"
    static let terminalMappingPublic = "04 7ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E 544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
    static let chipMappingPrivate = "498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560"
    static let chipMappingPublic = "04 824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57 30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
    static let mappedGenerator = "04 8CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2 8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
    static let terminalEphemeralPrivate = "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595"
    static let terminalEphemeralPublic = "04 2DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C 3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
    static let chipEphemeralPublic = "04 9E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB 7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
    static let sharedSecret = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
    static let encryptionKey = "F5F0E35C0D7161EE6724EE513A0D9A7F"
    static let macKey = "FE251C7858B356B24514B3BD5F4297D1"
    static let terminalToken = "C2B0BD78D94BA866"
    static let chipToken = "3ABB9674BCE93C08"
    static let oid = "04007F00070202040202"

    @Test func passwordKeyFromTheMRZKey() throws {
        #expect(try KeyDerivation.derive(hex(Self.mrzKey), purpose: .password, cipher: .aes128) == hex(Self.passwordKey))
    }

    @Test func nonceDecryption() throws {
        let nonce = try BlockCipher.apply(.aes128, key: hex(Self.passwordKey), data: hex(Self.encryptedNonce), encrypt: false)
        #expect(nonce == hex(Self.nonce))
    }

    @Test func terminalMappingAgreementAndKeys() throws {
        var random = ScriptedRandom(queue: [hex(Self.terminalMappingPrivate), hex(Self.terminalEphemeralPrivate)])
        let mapping = try ECDHGenericMapping(.brainpoolP256r1)
        #expect(try mapping.makeMappingKey(&random) == hex(Self.terminalMappingPublic))
        #expect(try mapping.map(nonce: hex(Self.nonce), otherMappingKey: hex(Self.chipMappingPublic)) == hex(Self.mappedGenerator))
        #expect(try mapping.makeEphemeralKey(&random) == hex(Self.terminalEphemeralPublic))
        let secret = try mapping.sharedSecret(otherEphemeralKey: hex(Self.chipEphemeralPublic))
        #expect(secret == hex(Self.sharedSecret))
        #expect(try KeyDerivation.derive(secret, purpose: .encryption, cipher: .aes128) == hex(Self.encryptionKey))
        #expect(try KeyDerivation.derive(secret, purpose: .mac, cipher: .aes128) == hex(Self.macKey))
    }

    @Test func chipMappingReachesTheSameGenerator() throws {
        var random = ScriptedRandom(queue: [hex(Self.chipMappingPrivate)])
        let mapping = try ECDHGenericMapping(.brainpoolP256r1)
        #expect(try mapping.makeMappingKey(&random) == hex(Self.chipMappingPublic))
        #expect(try mapping.map(nonce: hex(Self.nonce), otherMappingKey: hex(Self.terminalMappingPublic)) == hex(Self.mappedGenerator))
    }

    @Test func tokens() throws {
        #expect(try PACEToken.compute(cipher: .aes128, macKey: hex(Self.macKey), protocolOID: hex(Self.oid),
                                      publicKey: hex(Self.chipEphemeralPublic)) == hex(Self.terminalToken))
        #expect(try PACEToken.compute(cipher: .aes128, macKey: hex(Self.macKey), protocolOID: hex(Self.oid),
                                      publicKey: hex(Self.terminalEphemeralPublic)) == hex(Self.chipToken))
    }

    /// A candidate key at or above the group order (all FF on brainpoolP256r1) is drawn again,
    /// not reduced: the next draw becomes the key, so the mapping key matches the worked example.
    @Test func privateKeyAboveTheOrderIsDrawnAgain() throws {
        var random = ScriptedRandom(queue: [[UInt8](repeating: 0xFF, count: 32), [UInt8](repeating: 0, count: 32), hex(Self.terminalMappingPrivate)])
        let mapping = try ECDHGenericMapping(.brainpoolP256r1)
        #expect(try mapping.makeMappingKey(&random) == hex(Self.terminalMappingPublic))
        #expect(random.queue.isEmpty)
    }

    /// A random source that never yields a key below the order is reported, not looped on forever.
    @Test func brokenRandomSourceIsReported() throws {
        var random = ScriptedRandom(queue: Array(repeating: [UInt8](repeating: 0xFF, count: 32), count: 100))
        let mapping = try ECDHGenericMapping(.brainpoolP256r1)
        #expect(throws: EIDCryptoError.randomSourceFailed) { try mapping.makeMappingKey(&random) }
    }

    @Test func pointNotOnTheCurveIsRefused() throws {
        var random = ScriptedRandom(queue: [hex(Self.terminalMappingPrivate)])
        let mapping = try ECDHGenericMapping(.brainpoolP256r1)
        _ = try mapping.makeMappingKey(&random)
        var bad = hex(Self.chipMappingPublic)
        bad[bad.count - 1] ^= 0x01
        #expect(throws: EIDCryptoError.invalidPoint) { try mapping.map(nonce: hex(Self.nonce), otherMappingKey: bad) }
        #expect(throws: EIDCryptoError.invalidPoint) { try mapping.map(nonce: hex(Self.nonce), otherMappingKey: [0x04, 0x01]) }
    }

    /// ICAO 9303-11 Appendix D.1: 3DES key derivation with DES parity.
    @Test func tripleDESKeyDerivation() throws {
        let seed = hex("239AB9CB282DAF66231DC5A4DF6BFBAE")
        #expect(try KeyDerivation.derive(seed, purpose: .encryption, cipher: .tripleDES) == hex("AB94FDECF2674FDFB9B391F85D7F76F2"))
        #expect(try KeyDerivation.derive(seed, purpose: .mac, cipher: .tripleDES) == hex("7962D9ECE03D1ACD4C76089DCE131543"))
    }
}
