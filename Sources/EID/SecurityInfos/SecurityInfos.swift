internal import DeviceCore

/// The SecurityInfos of a chip (`SET OF SecurityInfo`, ICAO 9303-11 §9.2, TR-03110-3 A.1.1),
/// parsed once from EF.CardAccess or from the signed content of EF.CardSecurity. Unknown infos
/// are kept; malformed bytes give a ``SecurityInfosError`` with the offset, never a trap.
public struct SecurityInfos: Sendable, Hashable {
    /// Every SecurityInfo in file order.
    public var infos: [SecurityInfo]

    /// SecurityInfos from their parts (simulated cards).
    public init(_ infos: [SecurityInfo]) {
        self.infos = infos
    }

    /// The PACEInfos among them.
    public var paceInfos: [PACEInfo] {
        infos.compactMap { if case .pace(let info) = $0 { info } else { nil } }
    }

    /// Parses EF.CardAccess: one `SET OF SecurityInfo`, optionally followed by `00`/`FF` padding.
    public init(cardAccess bytes: [UInt8]) throws(SecurityInfosError) {
        var reader = BERTLVReader(bytes)
        let set = try Self.header(&reader, tag: 0x31)
        reader.skip(padding: [0x00, 0xFF])
        guard reader.isAtEnd else { throw SecurityInfosError(.trailingBytes, offset: reader.offset) }
        infos = try Self.parseSet(bytes, reader: reader, set: set)
    }

    /// Parses EF.CardSecurity: CMS ContentInfo → SignedData → encapContentInfo → eContent,
    /// whose OCTET STRING holds the SecurityInfos. The signature is not checked here.
    public init(cardSecurity bytes: [UInt8]) throws(SecurityInfosError) {
        var reader = BERTLVReader(bytes)
        let contentInfo = try Self.header(&reader, tag: 0x30)
        var contentFields = try Self.contents(reader, of: contentInfo)
        _ = try Self.header(&contentFields, tag: 0x06)
        let explicit = try Self.header(&contentFields, tag: 0xA0)
        var explicitFields = try Self.contents(contentFields, of: explicit)
        let signedData = try Self.header(&explicitFields, tag: 0x30)
        var signedFields = try Self.contents(explicitFields, of: signedData)
        _ = try Self.header(&signedFields, tag: 0x02)  // version
        _ = try Self.header(&signedFields, tag: 0x31)  // digestAlgorithms
        let encapsulated = try Self.header(&signedFields, tag: 0x30)
        var encapsulatedFields = try Self.contents(signedFields, of: encapsulated)
        _ = try Self.header(&encapsulatedFields, tag: 0x06)
        let eContentWrapper = try Self.header(&encapsulatedFields, tag: 0xA0)
        var wrapperFields = try Self.contents(encapsulatedFields, of: eContentWrapper)
        let octets = try Self.header(&wrapperFields, tag: 0x04)
        let content = wrapperFields.value(of: octets)
        var inner = BERTLVReader(content, baseOffset: octets.valueOffset)
        let set = try Self.header(&inner, tag: 0x31)
        guard inner.isAtEnd else { throw SecurityInfosError(.trailingBytes, offset: inner.offset) }
        infos = try Self.parseSet(content, reader: inner, set: set, base: octets.valueOffset)
    }

    // MARK: - Parsing

    private static func parseSet(_ bytes: [UInt8], reader: BERTLVReader, set: BERTLVReader.Header, base: Int = 0) throws(SecurityInfosError) -> [SecurityInfo] {
        var elements = try contents(reader, of: set)
        var infos: [SecurityInfo] = []
        while !elements.isAtEnd {
            let sequence = try header(&elements, tag: 0x30)
            var fields = try contents(elements, of: sequence)
            let oid = try objectIdentifier(&fields)
            let start = sequence.objectOffset - base
            let end = sequence.valueOffset - base + sequence.length
            let der = start >= 0 && start <= end && end <= bytes.count ? Array(bytes[start..<end]) : []
            infos.append(try info(oid: oid, fields: &fields, der: der, sequence: sequence))
        }
        return infos
    }

    private static let idCA: [UInt64] = ASN1OID.bsiProtocols + [3]
    private static let idTA: [UInt64] = ASN1OID.bsiProtocols + [2]
    private static let idCI: [UInt64] = ASN1OID.bsiProtocols + [6]

    private static func info(oid: ASN1OID, fields: inout BERTLVReader, der: [UInt8], sequence: BERTLVReader.Header) throws(SecurityInfosError) -> SecurityInfo {
        if let protocolType = PACEProtocol(oid: oid) {
            let version = try integer(&fields, name: "PACEInfo.version")
            let parameterID = try optionalInteger(&fields)
            try expectEnd(fields)
            return .pace(PACEInfo(protocolType: protocolType, version: version, parameterID: parameterID.map(PACEDomainParameterID.init)))
        }
        if oid.isUnder(PACEProtocol.idPACE, extraArcs: 1) {
            let parameters = try header(&fields, tag: 0x30)
            let start = parameters.objectOffset - sequence.objectOffset
            let parameterDER = Array(der.dropFirst(max(start, 0)).prefix(parameters.valueOffset - parameters.objectOffset + parameters.length))
            let parameterID = try optionalInteger(&fields)
            try expectEnd(fields)
            return .paceDomainParameters(PACEDomainParameterInfo(protocolOID: oid, domainParameterDER: parameterDER, parameterID: parameterID))
        }
        if oid.isUnder(idCA, extraArcs: 2), let agreementArc = oid.arcs.dropLast().last, let cipherArc = oid.arcs.last,
           (1...2).contains(agreementArc), let cipher = caCipher(cipherArc) {
            let version = try integer(&fields, name: "ChipAuthenticationInfo.version")
            let keyID = try optionalInteger(&fields)
            try expectEnd(fields)
            return .chipAuthentication(ChipAuthenticationInfo(protocolOID: oid, keyAgreement: agreementArc == 1 ? .dh : .ecdh,
                                                              cipher: cipher, version: version, keyID: keyID))
        }
        if oid.isUnder(idTA, extraArcs: 0) {
            let version = try integer(&fields, name: "TerminalAuthenticationInfo.version")
            return .terminalAuthentication(TerminalAuthenticationInfo(version: version))
        }
        if oid.isUnder(idCI, extraArcs: 0) {
            let urlHeader = try header(&fields, tag: 0x16)
            let urlBytes = fields.value(of: urlHeader)
            guard urlBytes.allSatisfy({ $0 < 0x80 }), let url = String(validating: urlBytes, as: UTF8.self) else {
                throw SecurityInfosError(.invalidString, offset: urlHeader.valueOffset)
            }
            return .cardInfoLocator(CardInfoLocator(url: url))
        }
        return .unknown(oid: oid, der: der)
    }

    private static func caCipher(_ arc: UInt64) -> SessionCipher? {
        switch arc {
        case 1: .tripleDES
        case 2: .aes128
        case 3: .aes192
        case 4: .aes256
        default: nil
        }
    }

    private static func header(_ reader: inout BERTLVReader, tag: UInt32) throws(SecurityInfosError) -> BERTLVReader.Header {
        let offset = reader.offset
        let header: BERTLVReader.Header
        do { header = try reader.readHeader() } catch { throw SecurityInfosError(error) }
        guard header.tag == tag else { throw SecurityInfosError(.unexpectedTag(expected: tag, found: header.tag), offset: offset) }
        return header
    }

    private static func contents(_ reader: BERTLVReader, of header: BERTLVReader.Header) throws(SecurityInfosError) -> BERTLVReader {
        do { return try reader.contents(of: header) } catch { throw SecurityInfosError(error) }
    }

    private static func objectIdentifier(_ reader: inout BERTLVReader) throws(SecurityInfosError) -> ASN1OID {
        let header = try header(&reader, tag: 0x06)
        guard let oid = ASN1OID(bytes: reader.value(of: header)) else { throw SecurityInfosError(.invalidObjectIdentifier, offset: header.valueOffset) }
        return oid
    }

    private static func integer(_ reader: inout BERTLVReader, name: String) throws(SecurityInfosError) -> Int {
        guard !reader.isAtEnd else { throw SecurityInfosError(.missingField(name), offset: reader.offset) }
        let header = try header(&reader, tag: 0x02)
        return try integerValue(reader.value(of: header), offset: header.valueOffset)
    }

    private static func optionalInteger(_ reader: inout BERTLVReader) throws(SecurityInfosError) -> Int? {
        guard !reader.isAtEnd else { return nil }
        let header = try header(&reader, tag: 0x02)
        return try integerValue(reader.value(of: header), offset: header.valueOffset)
    }

    /// A non-negative DER INTEGER of at most 4 value bytes (a leading 00 allowed: 5).
    private static func integerValue(_ bytes: [UInt8], offset: Int) throws(SecurityInfosError) -> Int {
        guard let first = bytes.first, first & 0x80 == 0, bytes.count <= 5 else { throw SecurityInfosError(.invalidInteger, offset: offset) }
        return bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    private static func expectEnd(_ reader: BERTLVReader) throws(SecurityInfosError) {
        guard reader.isAtEnd else { throw SecurityInfosError(.trailingBytes, offset: reader.offset) }
    }
}
