internal import SmartCard
internal import DeviceCore

/// The terminal side of PACE with Generic Mapping (ECDH or DH) as an I/O-free state machine: it gives the
/// next command APDU and takes the card's answer, from MSE:Set AT to the checked chip token.
/// ``PACETerminal`` drives it inside one card transaction; tests drive it with scripted answers.
/// Not thread-safe; one per PACE run.
struct PACETerminalFlow {
    /// What to do after an answer.
    enum Step {
        /// Send this command and hand its answer to ``handle(_:random:)``.
        case send(CommandAPDU)
        /// PACE succeeded.
        case finished(PACEResult)
    }

    private enum State {
        case setAuthenticationTemplate
        case encryptedNonce
        case mapping(any PACEMapping, nonce: [UInt8])
        case keyAgreement(any PACEMapping)
        case mutualAuthentication(keys: SessionKeys, ourKey: [UInt8], chipKey: [UInt8], publicKeyTag: UInt32)
        case done
    }

    private var password: PACEPassword
    private let info: PACEInfo
    private let parameters: StandardizedDomainParameters
    private let cardAccess: SecurityInfos
    private let sendParameterID: Bool
    private let chat: [UInt8]?
    private let allowSuspendedPIN: Bool
    private var state = State.setAuthenticationTemplate
    private var setATStatus = StatusWord.success

    /// A run with `password` on `info` (its parameters standardized ones of its key agreement: checked by the caller).
    init(password: PACEPassword, info: PACEInfo, parameters: StandardizedDomainParameters, cardAccess: SecurityInfos,
         sendParameterID: Bool, chat: [UInt8]?, allowSuspendedPIN: Bool) {
        self.password = password
        self.info = info
        self.parameters = parameters
        self.cardAccess = cardAccess
        self.sendParameterID = sendParameterID
        self.chat = chat
        self.allowSuspendedPIN = allowSuspendedPIN
    }

    private var cipher: SessionCipher { info.protocolType.cipher }
    private var oid: [UInt8] { info.protocolType.oid.bytes }

    /// The first command: MSE:Set AT.
    func start() -> CommandAPDU {
        PACECommands.setAuthenticationTemplate(protocolOID: info.protocolType.oid, password: password.kind,
                                               parameterID: sendParameterID ? parameters.rawValue : nil, chat: chat)
    }

    /// Takes the answer to the last command and returns the next step.
    mutating func handle(_ response: ResponseAPDU, random: inout some RandomSource) throws(PACEError) -> Step {
        switch state {
        case .setAuthenticationTemplate:
            try checkSetAuthenticationTemplate(response.status)
            setATStatus = response.status
            state = .encryptedNonce
            return .send(PACECommands.generalAuthenticate([], last: false))
        case .encryptedNonce:
            try requireSuccess(response.status, .encryptedNonce)
            let objects = try DynamicAuthenticationData(response.data, step: .encryptedNonce)
            let cipher = self.cipher
            let encrypted = try objects.required(0x80, step: .encryptedNonce) { $0 > 0 && $0 % cipher.blockSize == 0 }
            var key = try crypto(.encryptedNonce) { () throws(EIDCryptoError) in try password.passwordKey(cipher) }
            defer { wipe(&key) }
            password.wipe()
            let nonce = try crypto(.encryptedNonce) { () throws(EIDCryptoError) in
                try BlockCipher.apply(cipher, key: key, data: encrypted, encrypt: false)
            }
            let mapping = try crypto(.mapping) { () throws(EIDCryptoError) in try genericMapping(parameters) }
            let mappingKey = try crypto(.mapping) { () throws(EIDCryptoError) in try mapping.makeMappingKey(&random) }
            state = .mapping(mapping, nonce: nonce)
            return .send(PACECommands.generalAuthenticate(BERTLVObjects.object(0x81, mappingKey), last: false))
        case .mapping(let mapping, var nonce):
            defer { wipe(&nonce) }
            state = .done
            try requireSuccess(response.status, .mapping)
            let objects = try DynamicAuthenticationData(response.data, step: .mapping)
            let chipMappingKey = try objects.required(0x82, step: .mapping)
            try crypto(.mapping) { () throws(EIDCryptoError) in _ = try mapping.map(nonce: nonce, otherMappingKey: chipMappingKey) }
            let ephemeralKey = try crypto(.keyAgreement) { () throws(EIDCryptoError) in try mapping.makeEphemeralKey(&random) }
            state = .keyAgreement(mapping)
            return .send(PACECommands.generalAuthenticate(BERTLVObjects.object(0x83, ephemeralKey), last: false))
        case .keyAgreement(let mapping):
            state = .done
            try requireSuccess(response.status, .keyAgreement)
            let objects = try DynamicAuthenticationData(response.data, step: .keyAgreement)
            let chipKey = try objects.required(0x84, step: .keyAgreement)
            let cipher = self.cipher
            var secret = try crypto(.keyAgreement) { () throws(EIDCryptoError) in try mapping.sharedSecret(otherEphemeralKey: chipKey) }
            defer { wipe(&secret) }
            let keys = try crypto(.keyAgreement) { () throws(EIDCryptoError) in try SessionKeys(cipher: cipher, sharedSecret: secret) }
            guard let ourKey = mapping.ephemeralPublicKey else { throw .crypto(.keyAgreement, .openSSL(operation: "ephemeral key missing")) }
            let oid = self.oid
            let token = try crypto(.mutualAuthentication) { () throws(EIDCryptoError) in
                try PACEToken.compute(cipher: cipher, macKey: keys.macKey, protocolOID: oid, publicKey: chipKey, publicKeyTag: mapping.publicKeyTag)
            }
            state = .mutualAuthentication(keys: keys, ourKey: ourKey, chipKey: chipKey, publicKeyTag: mapping.publicKeyTag)
            return .send(PACECommands.generalAuthenticate(BERTLVObjects.object(0x85, token), last: true))
        case .mutualAuthentication(var keys, let ourKey, let chipKey, let publicKeyTag):
            state = .done
            if let failure = passwordFailure(response.status) {
                keys.wipe()
                throw failure
            }
            do throws(PACEError) {
                try requireSuccess(response.status, .mutualAuthentication)
                let objects = try DynamicAuthenticationData(response.data, step: .mutualAuthentication)
                let chipToken = try objects.required(0x86, step: .mutualAuthentication) { $0 == 8 }
                let cipher = self.cipher
                let oid = self.oid
                let expected = try crypto(.mutualAuthentication) { () throws(EIDCryptoError) in
                    try PACEToken.compute(cipher: cipher, macKey: keys.macKey, protocolOID: oid, publicKey: ourKey, publicKeyTag: publicKeyTag)
                }
                guard zip(expected, chipToken).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .chipTokenMismatch }
                let references = [objects.optional(0x87), objects.optional(0x88)].compactMap { $0 }
                return .finished(PACEResult(keys: keys, setAuthenticationTemplateStatus: setATStatus, paceInfo: info, parameters: parameters,
                                            cardAccess: cardAccess, chipEphemeralPublicKey: chipKey, certificationAuthorityReferences: references))
            } catch {
                keys.wipe()
                throw error
            }
        case .done:
            throw .cardRefused(.mutualAuthentication, response.status)
        }
    }

    /// MSE:Set AT: 9000 and 63C3/63C2 go on; a suspended PIN only when CAN PACE came first in the
    /// session (`allowSuspendedPIN`); blocked and deactivated passwords stop before any try.
    private func checkSetAuthenticationTemplate(_ status: StatusWord) throws(PACEError) {
        switch PINState(status: status) {
        case .ready, .twoTriesLeft: return
        case .suspended:
            guard password.kind != .pin || allowSuspendedPIN else { throw .passwordSuspended }
        case .blocked: throw .passwordBlocked(password.kind)
        case .deactivated: throw .passwordDeactivated(password.kind)
        case .unknown: throw .cardRefused(.setAuthenticationTemplate, status)
        }
    }

    /// 63Cx, 6300 and 6983 after a password was tried.
    private func passwordFailure(_ status: StatusWord) -> PACEError? {
        if let left = status.retriesLeft { return .wrongPassword(password.kind, triesLeft: password.kind == .pin ? left : nil) }
        if status == .verificationFailed { return .wrongPassword(password.kind, triesLeft: nil) }
        if status == .authenticationBlocked { return .passwordBlocked(password.kind) }
        return nil
    }

    private func requireSuccess(_ status: StatusWord, _ step: PACEStep) throws(PACEError) {
        guard status == .success else {
            if let failure = passwordFailure(status) { throw failure }
            throw .cardRefused(step, status)
        }
    }

    private func crypto<T>(_ step: PACEStep, _ body: () throws(EIDCryptoError) -> T) throws(PACEError) -> T {
        do throws(EIDCryptoError) { return try body() } catch { throw .crypto(step, error) }
    }
}

/// Encodes the data objects of General Authenticate.
enum BERTLVObjects {
    /// `tag L value`.
    static func object(_ tag: UInt32, _ value: [UInt8]) -> [UInt8] {
        BERTLVEncoding.object(tag: tag, value: value)
    }
}
