import DeviceCore
import EID
import Testing

@Suite("SecurityInfos from EF.CardAccess and EF.CardSecurity")
struct SecurityInfosTests {
    /// The EF.CardAccess of ICAO 9303-11 Appendix G.1: one PACEInfo, ECDH-GM AES-128, ID 13.
    static let appendixG1 = hex("3114 3012 060A 04007F00070202040202 020102 02010D")

    @Test func appendixG1CardAccess() throws {
        let infos = try SecurityInfos(cardAccess: Self.appendixG1)
        #expect(infos.paceInfos == [PACEInfo(protocolType: PACEProtocol(keyAgreement: .ecdh, mapping: .generic, cipher: .aes128),
                                              version: 2, parameterID: .standardized(.brainpoolP256r1))])
        #expect(infos.paceInfos.first?.protocolType.oid.bytes == hex("04007F00070202040202"))
        #expect(infos.paceInfos.first?.protocolType.description == "ECDH-GM AES-128")
    }

    /// A German ID card's kind of EF.CardAccess: PACE, CA, TA, a CardInfoLocator, an unknown info.
    @Test func mixedInfosKeepUnknownOnes() throws {
        let pace = BERTLVEncoding.object(tag: 0x30, value: hex("060A 04007F00070202040202 020102 02010D"))
        let ca = BERTLVEncoding.object(tag: 0x30, value: hex("060A 04007F00070202030202 020102 020141"))
        let ta = BERTLVEncoding.object(tag: 0x30, value: hex("0608 04007F0007020202 020102"))
        let url = BERTLVEncoding.object(tag: 0x16, value: Array("http://example.org".utf8))
        let ci = BERTLVEncoding.object(tag: 0x30, value: hex("0608 04007F0007020206") + url)
        let unknown = BERTLVEncoding.object(tag: 0x30, value: hex("0609 04007F000702020A01 0500"))
        let domain = BERTLVEncoding.object(tag: 0x30, value: hex("0609 04007F000702020402 3006 0601 2A 0201 00 020120"))
        let file = BERTLVEncoding.object(tag: 0x31, value: pace + ca + ta + ci + unknown + domain) + [0x00, 0x00]
        let infos = try SecurityInfos(cardAccess: file)
        #expect(infos.infos.count == 6)
        guard infos.infos.count == 6 else { return }
        if case .chipAuthentication(let info) = infos.infos[1] {
            #expect(info.keyAgreement == .ecdh)
            #expect(info.cipher == .aes128)
            #expect(info.keyID == 0x41)
        } else { Issue.record("CA info expected") }
        #expect(infos.infos[2] == .terminalAuthentication(TerminalAuthenticationInfo(version: 2)))
        #expect(infos.infos[3] == .cardInfoLocator(CardInfoLocator(url: "http://example.org")))
        if case .unknown(let oid, let der) = infos.infos[4] {
            #expect(oid.description == "0.4.0.127.0.7.2.2.10.1")
            #expect(der == unknown)
        } else { Issue.record("unknown info expected") }
        if case .paceDomainParameters(let info) = infos.infos[5] {
            #expect(info.parameterID == 32)
            #expect(info.domainParameterDER == hex("3006 0601 2A 0201 00"))
        } else { Issue.record("domain parameter info expected") }
    }

    @Test(arguments: [(UInt8(1), SessionCipher.tripleDES), (2, .aes128), (3, .aes192), (4, .aes256)])
    func everyPACEOIDParses(cipherArc: UInt8, cipher: SessionCipher) throws {
        for (mappingArc, agreement, mapping) in [(UInt8(1), PACEProtocol.KeyAgreement.dh, PACEProtocol.Mapping.generic), (2, .ecdh, .generic),
                                                 (3, .dh, .integrated), (4, .ecdh, .integrated), (6, .ecdh, .chipAuthentication)] {
            if mapping == .chipAuthentication, cipher == .tripleDES { continue }
            let oid = hex("04007F0007020204") + [mappingArc, cipherArc]
            let file = BERTLVEncoding.object(tag: 0x31, value: BERTLVEncoding.object(tag: 0x30, value:
                BERTLVEncoding.object(tag: 0x06, value: oid) + hex("020102 020108")))
            let info = try #require(try SecurityInfos(cardAccess: file).paceInfos.first)
            #expect(info.protocolType == PACEProtocol(keyAgreement: agreement, mapping: mapping, cipher: cipher))
            #expect(info.protocolType.oid.bytes == oid)
            #expect(info.parameterID == .standardized(.p192))
        }
    }

    @Test func standardizedParameterIDsAreTyped() {
        for id in [0, 1, 2] + Array(8...18) {
            #expect(PACEDomainParameterID(id) == .standardized(StandardizedDomainParameters(rawValue: id)!))
        }
        for id in [3, 7, 19, 32] { #expect(PACEDomainParameterID(id) == .other(id)) }
    }

    @Test func cardSecurityContent() throws {
        // ContentInfo { signedData, [0] { SignedData { 3, {}, { id-SecurityObject, [0] { OCTET STRING SecurityInfos } }, … } } }
        let content = BERTLVEncoding.object(tag: 0x04, value: Self.appendixG1)
        let encap = BERTLVEncoding.object(tag: 0x30, value: hex("0608 04007F0007030201") + BERTLVEncoding.object(tag: 0xA0, value: content))
        let signed = BERTLVEncoding.object(tag: 0x30, value: hex("020103 3100") + encap + hex("3100"))
        let file = BERTLVEncoding.object(tag: 0x30, value: hex("0609 2A864886F70D010702") + BERTLVEncoding.object(tag: 0xA0, value: signed))
        let infos = try SecurityInfos(cardSecurity: file)
        #expect(infos == (try SecurityInfos(cardAccess: Self.appendixG1)))
    }

    @Test func malformedFilesGiveTypedErrorsWithOffsets() {
        #expect(throws: SecurityInfosError(.unexpectedTag(expected: 0x31, found: 0x30), offset: 0)) {
            try SecurityInfos(cardAccess: hex("3000"))
        }
        #expect(throws: SecurityInfosError(.encoding(.valueTruncated(length: 20, available: 4)), offset: 2)) {
            try SecurityInfos(cardAccess: hex("3114 3012 0601"))
        }
        #expect(throws: SecurityInfosError(.invalidInteger, offset: 18)) {
            try SecurityInfos(cardAccess: hex("3111 300F 060A 04007F00070202040202 0201FF"))
        }
        #expect(throws: SecurityInfosError(.missingField("PACEInfo.version"), offset: 16)) {
            try SecurityInfos(cardAccess: hex("310E 300C 060A 04007F00070202040202"))
        }
        #expect(throws: SecurityInfosError(.invalidObjectIdentifier, offset: 6)) {
            try SecurityInfos(cardAccess: hex("3106 3004 0602 0480"))
        }
        #expect(throws: SecurityInfosError(.trailingBytes, offset: 2)) { try SecurityInfos(cardAccess: hex("3100 01")) }
    }

    /// Every truncation and many random corruptions of a valid file: a value or a typed error, never a trap.
    @Test func truncatedAndCorruptedFilesNeverTrap() {
        let file = Self.appendixG1
        for length in 0..<file.count {
            #expect(throws: SecurityInfosError.self) { try SecurityInfos(cardAccess: Array(file.prefix(length))) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var corrupted = file
            let index = Int.random(in: 0..<corrupted.count, using: &generator)
            corrupted[index] = UInt8.random(in: 0...255, using: &generator)
            _ = try? SecurityInfos(cardAccess: corrupted)
            _ = try? SecurityInfos(cardSecurity: corrupted)
            let random = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? SecurityInfos(cardAccess: random)
            _ = try? SecurityInfos(cardSecurity: random)
        }
    }
}
