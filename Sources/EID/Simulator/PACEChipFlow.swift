internal import DeviceCore
internal import SmartCard

/// The chip side of PACE with Generic Mapping (ECDH or DH), for the simulated German ID card: answers
/// General Authenticate 1–4 with the same mapping, KDF and token code the terminal uses, in the
/// other direction. Not thread-safe; one per MSE:Set AT.
struct PACEChipFlow {
    /// What the chip answers a General Authenticate with.
    enum Outcome {
        /// Response data (status 9000).
        case respond([UInt8])
        /// A status word without data.
        case fail(StatusWord)
        /// The terminal's token was right: answer `data`, secure messaging starts on `keys`.
        case authenticated(data: [UInt8], keys: SessionKeys)
        /// The terminal's token was wrong: the password did not match.
        case wrongPassword
    }

    private enum State {
        case nonce
        case mapping(nonce: [UInt8])
        case keyAgreement(any PACEMapping)
        case token(keys: SessionKeys, terminalKey: [UInt8], chipKey: [UInt8], publicKeyTag: UInt32)
        case done
    }

    let info: PACEInfo
    let parameters: StandardizedDomainParameters
    private var passwordKey: [UInt8]
    private var state = State.nonce

    /// A run on `info` with the chip's copy of the password the terminal chose.
    init(info: PACEInfo, parameters: StandardizedDomainParameters, password: PACEPassword) throws(EIDCryptoError) {
        self.info = info
        self.parameters = parameters
        passwordKey = try password.passwordKey(info.protocolType.cipher)
    }

    /// Answers one General Authenticate data field (`7C …`); `last` is whether the command
    /// ended the chain (CLA 00), as step 4 must and steps 1–3 must not.
    mutating func handle(_ data: [UInt8], last: Bool, random: inout some RandomSource) -> Outcome {
        let cipher = info.protocolType.cipher
        let oid = info.protocolType.oid.bytes
        let current = state
        state = .done
        do throws(EIDCryptoError) {
            switch current {
            case .nonce:
                guard !last, data == [0x7C, 0x00] else { return .fail(.init(rawValue: 0x6A80)) }
                var nonce = try random.bytes(count: 16)
                guard nonce.count == 16 else { return .fail(.init(rawValue: 0x6F00)) }
                let encrypted = try BlockCipher.apply(cipher, key: passwordKey, data: nonce, encrypt: true)
                wipe(&passwordKey)
                state = .mapping(nonce: nonce)
                nonce = []
                return .respond(Self.template(0x80, encrypted))
            case .mapping(var nonce):
                defer { wipe(&nonce) }
                guard !last, let terminalKey = Self.object(0x81, in: data) else { return .fail(.init(rawValue: 0x6A80)) }
                let mapping = try genericMapping(parameters)
                let chipKey = try mapping.makeMappingKey(&random)
                guard chipKey != terminalKey else { return .fail(.init(rawValue: 0x6A80)) }
                try mapping.map(nonce: nonce, otherMappingKey: terminalKey)
                state = .keyAgreement(mapping)
                return .respond(Self.template(0x82, chipKey))
            case .keyAgreement(let mapping):
                guard !last, let terminalKey = Self.object(0x83, in: data) else { return .fail(.init(rawValue: 0x6A80)) }
                let chipKey = try mapping.makeEphemeralKey(&random)
                var secret = try mapping.sharedSecret(otherEphemeralKey: terminalKey)
                defer { wipe(&secret) }
                state = .token(keys: try SessionKeys(cipher: cipher, sharedSecret: secret), terminalKey: terminalKey, chipKey: chipKey,
                               publicKeyTag: mapping.publicKeyTag)
                return .respond(Self.template(0x84, chipKey))
            case .token(var keys, let terminalKey, let chipKey, let publicKeyTag):
                guard last, let token = Self.object(0x85, in: data) else {
                    keys.wipe()
                    return .fail(.init(rawValue: 0x6A80))
                }
                let expected = try PACEToken.compute(cipher: cipher, macKey: keys.macKey, protocolOID: oid, publicKey: chipKey, publicKeyTag: publicKeyTag)
                guard token.count == 8, zip(expected, token).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else {
                    keys.wipe()
                    return .wrongPassword
                }
                let chipToken = try PACEToken.compute(cipher: cipher, macKey: keys.macKey, protocolOID: oid, publicKey: terminalKey, publicKeyTag: publicKeyTag)
                return .authenticated(data: Self.template(0x86, chipToken), keys: keys)
            case .done:
                return .fail(.conditionsNotSatisfied)
            }
        } catch {
            // An invalid point of the terminal, or the random source failed.
            return .fail(.init(rawValue: 0x6A80))
        }
    }

    private static func template(_ tag: UInt32, _ value: [UInt8]) -> [UInt8] {
        BERTLVEncoding.object(tag: 0x7C, value: BERTLVEncoding.object(tag: tag, value: value))
    }

    /// The value of the only object `tag` inside `7C`, or `nil` when the data is anything else.
    private static func object(_ tag: UInt32, in data: [UInt8]) -> [UInt8]? {
        guard let objects = try? DynamicAuthenticationData(data, step: .mapping), objects.objects.count == 1,
              let value = try? objects.required(tag, step: .mapping) else { return nil }
        return value
    }
}
