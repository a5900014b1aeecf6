internal import SmartCard
internal import DeviceCore

/// ISO 7816-4 secure messaging as ICAO 9303-11 §9.8 and TR-03110-3 F use it, in both directions:
/// the terminal protects commands and checks responses, the chip (the simulated card) checks
/// commands and protects responses, with the same code. Data in DO87 (`01` ‖ cryptogram, DO85
/// for odd INS), Le in DO97, the status in DO99, the MAC in DO8E over SSC ‖ padded header ‖
/// objects, padded (ISO 9797-1 method 2) for 3DES and AES alike. The send sequence counter is
/// incremented before each command and each response; the AES IV is E(KSenc, SSC), 3DES uses IV 0.
struct SecureMessagingCodec: Sendable {
    private(set) var keys: SessionKeys
    /// The send sequence counter (block size bytes, 0 after PACE).
    private(set) var ssc: [UInt8]

    /// A codec on `keys` with the send sequence counter `ssc` (0 after PACE; BAC and test
    /// vectors start elsewhere).
    init(keys: SessionKeys, ssc: [UInt8]? = nil) {
        self.keys = keys
        self.ssc = ssc ?? [UInt8](repeating: 0, count: keys.cipher.blockSize)
    }

    private var cipher: SessionCipher { keys.cipher }

    mutating func wipe() {
        keys.wipe()
        EID.wipe(&ssc)
    }

    private mutating func incrementSSC() {
        for index in ssc.indices.reversed() {
            ssc[index] &+= 1
            if ssc[index] != 0 { return }
        }
    }

    private func iv() throws(SecureMessagingError) -> [UInt8] {
        guard cipher != .tripleDES else { return [UInt8](repeating: 0, count: 8) }
        return try crypto { () throws(EIDCryptoError) in
            try BlockCipher.apply(cipher, mode: .ecb, key: keys.encryptionKey, data: ssc, encrypt: true)
        }
    }

    private func encrypt(_ data: [UInt8]) throws(SecureMessagingError) -> [UInt8] {
        let iv = try iv()
        var padded = MessageAuthentication.pad(data, blockSize: cipher.blockSize)
        defer { EID.wipe(&padded) }
        return try crypto { () throws(EIDCryptoError) in
            try BlockCipher.apply(cipher, key: keys.encryptionKey, iv: iv, data: padded, encrypt: true)
        }
    }

    private func decrypt(_ cryptogram: [UInt8]) throws(SecureMessagingError) -> [UInt8] {
        guard !cryptogram.isEmpty, cryptogram.count % cipher.blockSize == 0 else { throw .badPadding }
        let iv = try iv()
        var padded = try crypto { () throws(EIDCryptoError) in
            try BlockCipher.apply(cipher, key: keys.encryptionKey, iv: iv, data: cryptogram, encrypt: false)
        }
        defer { EID.wipe(&padded) }
        guard let marker = padded.lastIndex(where: { $0 != 0 }), padded[marker] == 0x80 else { throw .badPadding }
        return Array(padded[..<marker])
    }

    private func mac(_ input: [UInt8]) throws(SecureMessagingError) -> [UInt8] {
        let padded = MessageAuthentication.pad(ssc + input, blockSize: cipher.blockSize)
        return try crypto { () throws(EIDCryptoError) in try MessageAuthentication.mac(cipher, key: keys.macKey, data: padded) }
    }

    private func paddedHeader(_ cla: UInt8, _ ins: UInt8, _ p1: UInt8, _ p2: UInt8) -> [UInt8] {
        MessageAuthentication.pad([cla, ins, p1, p2], blockSize: cipher.blockSize)
    }

    // MARK: Terminal side

    /// The protected form of `command` (CLA | 0C, Le 00 or 0000).
    mutating func protect(_ command: CommandAPDU) throws(SecureMessagingError) -> CommandAPDU {
        let cla = command.cla | 0x0C
        incrementSSC()
        var objects: [UInt8] = []
        if !command.data.isEmpty {
            let cryptogram = try encrypt(command.data)
            objects += command.ins & 1 == 1
                ? BERTLVEncoding.object(tag: 0x85, value: cryptogram)
                : BERTLVEncoding.object(tag: 0x87, value: [0x01] + cryptogram)
        }
        if let le = command.expectedLength {
            let value: [UInt8] = switch le {
            case 256: [0x00]
            case 65_536: [0x00, 0x00]
            case 257...: [UInt8(le >> 8 & 0xFF), UInt8(le & 0xFF)]
            default: [UInt8(le & 0xFF)]
            }
            objects += BERTLVEncoding.object(tag: 0x97, value: value)
        }
        let macValue = try mac(paddedHeader(cla, command.ins, command.p1, command.p2) + objects)
        let data = objects + BERTLVEncoding.object(tag: 0x8E, value: macValue)
        guard data.count <= 65_535 else { throw .commandTooLong(bytes: data.count) }
        let extended = data.count > 255 || (command.expectedLength ?? 0) > 256
        return CommandAPDU(cla: cla, ins: command.ins, p1: command.p1, p2: command.p2, data: data,
                           expectedLength: extended ? 65_536 : 256)
    }

    /// The plain response inside a protected one, its MAC checked.
    mutating func unprotect(_ response: ResponseAPDU) throws(SecureMessagingError) -> ResponseAPDU {
        if response.status == .smObjectsMissing || response.status == .smObjectsIncorrect { throw .cardEndedChannel(response.status) }
        incrementSSC()
        let objects = try SecureMessagingObjects(response.data)
        guard let status = objects.status else { throw .missingObject(tag: 0x99) }
        guard status.value.count == 2 else { throw .malformed(offset: status.offset, reason: "DO99 of \(status.value.count) bytes") }
        guard let macObject = objects.mac else { throw .missingObject(tag: 0x8E) }
        let expected = try mac(objects.macInput(tags: [0x85, 0x87, 0x99]))
        guard macObject.value.count == 8, Self.constantTimeEqual(expected, macObject.value) else { throw .wrongMAC }
        var plain: [UInt8] = []
        if let cryptogram = try objects.cryptogram { plain = try decrypt(cryptogram) }
        return ResponseAPDU(data: plain, status: StatusWord(sw1: status.value[0], sw2: status.value[1]))
    }

    // MARK: Chip side

    /// The plain command inside a protected one, its MAC checked (the simulated card).
    mutating func unprotectCommand(_ command: CommandAPDU) throws(SecureMessagingError) -> CommandAPDU {
        guard command.cla & 0x0C == 0x0C else { throw .notProtected }
        incrementSSC()
        let objects = try SecureMessagingObjects(command.data)
        guard let macObject = objects.mac else { throw .missingObject(tag: 0x8E) }
        let expected = try mac(paddedHeader(command.cla, command.ins, command.p1, command.p2) + objects.macInput(tags: [0x85, 0x87, 0x97]))
        guard macObject.value.count == 8, Self.constantTimeEqual(expected, macObject.value) else { throw .wrongMAC }
        var plain: [UInt8] = []
        if let cryptogram = try objects.cryptogram { plain = try decrypt(cryptogram) }
        var expectedLength: Int?
        if let le = objects.expectedLength {
            switch le.value.count {
            case 1: expectedLength = le.value[0] == 0 ? 256 : Int(le.value[0])
            case 2:
                let value = Int(le.value[0]) << 8 | Int(le.value[1])
                expectedLength = value == 0 ? 65_536 : value
            default: throw .malformed(offset: le.offset, reason: "DO97 of \(le.value.count) bytes")
            }
        }
        return CommandAPDU(cla: command.cla & ~0x0C, ins: command.ins, p1: command.p1, p2: command.p2, data: plain,
                           expectedLength: expectedLength)
    }

    /// The protected form of a plain response (the simulated card).
    mutating func protectResponse(_ response: ResponseAPDU) throws(SecureMessagingError) -> ResponseAPDU {
        incrementSSC()
        var objects: [UInt8] = []
        if !response.data.isEmpty { objects += BERTLVEncoding.object(tag: 0x87, value: [0x01] + (try encrypt(response.data))) }
        objects += BERTLVEncoding.object(tag: 0x99, value: [response.status.sw1, response.status.sw2])
        let macValue = try mac(objects)
        return ResponseAPDU(data: objects + BERTLVEncoding.object(tag: 0x8E, value: macValue), status: response.status)
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.count == right.count && zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func crypto<T>(_ body: () throws(EIDCryptoError) -> T) throws(SecureMessagingError) -> T {
        do throws(EIDCryptoError) { return try body() } catch { throw .crypto(error) }
    }
}

/// The SM data objects of one command or response data field, read once with their raw bytes.
struct SecureMessagingObjects {
    struct Object {
        let tag: UInt32
        let value: [UInt8]
        let raw: [UInt8]
        let offset: Int
    }

    let objects: [Object]

    init(_ data: [UInt8]) throws(SecureMessagingError) {
        var reader = BERTLVReader(data)
        var objects: [Object] = []
        while !reader.isAtEnd {
            let header: BERTLVReader.Header
            do throws(BERTLVError) { header = try reader.readHeader() } catch {
                throw .malformed(offset: error.offset, reason: error.reasonText)
            }
            let end = header.valueOffset + header.length
            guard header.objectOffset >= 0, header.objectOffset <= end, end <= data.count else {
                throw .malformed(offset: header.objectOffset, reason: "object outside the data")
            }
            guard [0x85, 0x87, 0x97, 0x99, 0x8E].contains(header.tag) else {
                throw .malformed(offset: header.objectOffset, reason: "unexpected tag \(Hex.string(BERTLVEncoding.tagBytes(header.tag)))")
            }
            guard !objects.contains(where: { $0.tag == header.tag }) else {
                throw .malformed(offset: header.objectOffset, reason: "tag \(Hex.string(BERTLVEncoding.tagBytes(header.tag))) twice")
            }
            if let macObject = objects.first(where: { $0.tag == 0x8E }) {
                throw .malformed(offset: header.objectOffset, reason: "object after the MAC at offset \(macObject.offset)")
            }
            objects.append(Object(tag: header.tag, value: reader.value(of: header), raw: Array(data[header.objectOffset..<end]), offset: header.objectOffset))
        }
        self.objects = objects
    }

    private func object(_ tag: UInt32) -> Object? { objects.first { $0.tag == tag } }

    var status: Object? { object(0x99) }
    var mac: Object? { object(0x8E) }
    var expectedLength: Object? { object(0x97) }

    /// The cryptogram of DO85, or of DO87 without its padding-content indicator `01`.
    var cryptogram: [UInt8]? {
        get throws(SecureMessagingError) {
            if let object = object(0x85) { return object.value }
            guard let object = object(0x87) else { return nil }
            guard object.value.first == 0x01 else { throw .malformed(offset: object.offset, reason: "DO87 without padding indicator 01") }
            return Array(object.value.dropFirst())
        }
    }

    /// The raw bytes of the objects with `tags`, in order (what the MAC covers).
    func macInput(tags: Set<UInt32>) -> [UInt8] {
        objects.filter { tags.contains($0.tag) }.flatMap(\.raw)
    }
}
