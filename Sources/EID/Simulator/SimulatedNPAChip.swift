internal import DeviceCore
internal import SmartCard

/// The state and command handling of ``SimulatedNPA`` (kept under its lock).
struct SimulatedNPAChip {
    private var configuration: SimulatedNPAConfiguration
    private var random: any RandomSource
    private var files: SimulatedCard
    private var selectedFile: UInt16?
    private var pace: (flow: PACEChipFlow, password: PACEPassword.Kind, started: Bool)?
    private(set) var secureMessaging: SecureMessagingCodec?
    private var authenticated: PACEPassword.Kind?
    private var canAuthenticated = false
    /// Counts secure messaging sessions, so an answer knows whether PACE replaced its channel.
    private var sessionGeneration = 0

    /// EF.CardAccess and EF.CardSecurity (a 600-byte placeholder readable only under SM: it is
    /// not a signed structure).
    static let cardAccessID: UInt16 = 0x011C
    static let cardSecurityID: UInt16 = 0x011D

    init(configuration: SimulatedNPAConfiguration, random: some RandomSource) {
        self.configuration = configuration
        self.random = random
        files = SimulatedCard(atr: [], files: [
            .elementary(Self.cardAccessID, shortFileID: 0x1C, contents: Self.encodeCardAccess(configuration.paceInfos)),
            .elementary(Self.cardSecurityID, shortFileID: 0x1D, contents: (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }),
        ])
    }

    /// `SET OF PACEInfo` as DER.
    static func encodeCardAccess(_ infos: [PACEInfo]) -> [UInt8] {
        BERTLVEncoding.object(tag: 0x31, value: infos.flatMap { info in
            var fields = BERTLVEncoding.object(tag: 0x06, value: info.protocolType.oid.bytes)
                + BERTLVEncoding.object(tag: 0x02, value: [UInt8(truncatingIfNeeded: info.version)])
            if let parameterID = info.parameterID { fields += BERTLVEncoding.object(tag: 0x02, value: [UInt8(truncatingIfNeeded: parameterID.rawValue)]) }
            return BERTLVEncoding.object(tag: 0x30, value: fields)
        })
    }

    /// MSE:Set AT's answer for the PIN: 9000, 63C2, 63C1, 63C0 or 6283.
    var pinStatus: StatusWord {
        if configuration.pinDeactivated { return .fileDeactivated }
        return configuration.pinRetries >= 3 ? .success : StatusWord(sw1: 0x63, sw2: 0xC0 | UInt8(max(configuration.pinRetries, 0)))
    }

    mutating func reset() {
        files.reset()
        selectedFile = nil
        pace = nil
        endSecureMessaging()
        canAuthenticated = false
    }

    private mutating func endSecureMessaging() {
        secureMessaging?.wipe()
        secureMessaging = nil
        authenticated = nil
    }

    mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        guard let command = try? CommandAPDU(bytes: bytes) else { return [0x67, 0x00] }
        guard command.cla & 0x0C == 0x0C else {
            // A plain command ends secure messaging (ISO 7816-4 §10.2); "CAN done" stays.
            if secureMessaging != nil { endSecureMessaging() }
            return handle(command, protected: false).bytes
        }
        guard var channel = secureMessaging else { return [0x69, 0x88] }
        let plain: CommandAPDU
        do throws(SecureMessagingError) { plain = try channel.unprotectCommand(command) } catch {
            endSecureMessaging()
            if case .missingObject = error { return [0x69, 0x87] }
            return [0x69, 0x88]
        }
        secureMessaging = channel
        let generation = sessionGeneration
        let answer = handle(plain, protected: true)
        // PACE inside the channel replaces it, a failure ends it: that answer still goes under the old keys.
        let sameSession = generation == sessionGeneration && secureMessaging != nil
        var responder = sameSession ? (secureMessaging ?? channel) : channel
        do throws(SecureMessagingError) {
            let protected = try responder.protectResponse(answer)
            if sameSession { secureMessaging = responder }
            return protected.bytes
        } catch {
            endSecureMessaging()
            return [0x6F, 0x00]
        }
    }

    private mutating func handle(_ command: CommandAPDU, protected: Bool) -> ResponseAPDU {
        switch command.ins {
        case 0xA4:
            let answer = plainFiles(command)
            if answer.status == .success, command.data.count == 2 {
                selectedFile = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            }
            return answer
        case 0xB0, 0xB1:
            let sfi: UInt8? = command.ins == 0xB0 && command.p1 & 0x80 != 0 ? command.p1 & 0x1F : nil
            let target: UInt16? = switch sfi {
            case 0x1C: Self.cardAccessID
            case 0x1D: Self.cardSecurityID
            case .some: nil
            case .none: selectedFile
            }
            if sfi != nil { selectedFile = target }
            guard protected || target == Self.cardAccessID else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
            return plainFiles(command)
        case 0x22:
            return setAuthenticationTemplate(command)
        case 0x86:
            return generalAuthenticate(command)
        case 0x2C:
            return resetRetryCounter(command, protected: protected)
        default:
            return plainFiles(command)
        }
    }

    private mutating func plainFiles(_ command: CommandAPDU) -> ResponseAPDU {
        let raw = (try? command.encoded()).map { files.respond(to: $0) } ?? [0x67, 0x00]
        return (try? ResponseAPDU(bytes: raw)) ?? ResponseAPDU(status: .wrongLength)
    }

    private func password(_ kind: PACEPassword.Kind) -> PACEPassword? {
        switch kind {
        case .mrz: nil
        case .can: configuration.can
        case .pin: configuration.pin
        case .puk: configuration.puk
        }
    }

    private mutating func setAuthenticationTemplate(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0xC1, command.p2 == 0xA4 else { return ResponseAPDU(status: .incorrectP1P2) }
        guard command.expectedLength == nil else { return ResponseAPDU(status: .wrongLength) }
        pace = nil
        guard let objects = try? BERTLV.parseAll(command.data),
              let oidBytes = objects.first(where: { $0.tag == 0x80 })?.value, let oid = ASN1OID(bytes: oidBytes),
              let protocolType = PACEProtocol(oid: oid),
              let reference = objects.first(where: { $0.tag == 0x83 })?.value, reference.count == 1,
              let kind = reference.first.flatMap(PACEPassword.Kind.init(rawValue:))
        else { return ResponseAPDU(status: StatusWord(rawValue: 0x6A80)) }
        let requestedID = objects.first { $0.tag == 0x84 }?.value.first.map(Int.init)
        if requestedID == nil, configuration.paceInfos.count > 1 { return ResponseAPDU(status: StatusWord(rawValue: 0x6A80)) }
        guard let info = configuration.paceInfos.first(where: {
                  $0.protocolType == protocolType && (requestedID == nil || $0.parameterID?.rawValue == requestedID) }),
              case .standardized(let parameters)? = info.parameterID
        else { return ResponseAPDU(status: StatusWord(rawValue: 0x6A80)) }
        guard let password = password(kind) else { return ResponseAPDU(status: .dataNotFound) }
        guard let flow = try? PACEChipFlow(info: info, parameters: parameters, password: password) else {
            return ResponseAPDU(status: StatusWord(rawValue: 0x6F00))
        }
        pace = (flow, kind, false)
        return ResponseAPDU(status: kind == .pin ? pinStatus : .success)
    }

    private mutating func generalAuthenticate(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(status: .incorrectP1P2) }
        guard var current = pace else { return ResponseAPDU(status: .conditionsNotSatisfied) }
        if !current.started, current.password == .pin {
            if configuration.pinDeactivated { pace = nil; return ResponseAPDU(status: .conditionsNotSatisfied) }
            if configuration.pinRetries == 0 { pace = nil; return ResponseAPDU(status: .authenticationBlocked) }
            if configuration.pinRetries == 1, !canAuthenticated { pace = nil; return ResponseAPDU(status: .conditionsNotSatisfied) }
        }
        current.started = true
        let outcome = current.flow.handle(command.data, last: command.cla & 0x10 == 0, random: &random)
        switch outcome {
        case .respond(let data):
            pace = current
            return ResponseAPDU(data: data, status: .success)
        case .fail(let status):
            pace = nil
            return ResponseAPDU(status: status)
        case .authenticated(let data, let keys):
            pace = nil
            secureMessaging?.wipe()
            secureMessaging = SecureMessagingCodec(keys: keys)
            sessionGeneration += 1
            authenticated = current.password
            if current.password == .can { canAuthenticated = true }
            if current.password == .pin { configuration.pinRetries = 3 }
            return ResponseAPDU(data: data, status: .success)
        case .wrongPassword:
            pace = nil
            guard current.password == .pin else { return ResponseAPDU(status: .verificationFailed) }
            configuration.pinRetries = max(configuration.pinRetries - 1, 0)
            return ResponseAPDU(status: StatusWord(sw1: 0x63, sw2: 0xC0 | UInt8(configuration.pinRetries)))
        }
    }

    /// `00 2C 02 03 <new PIN>` after PIN PACE (change PIN), `00 2C 03 03` after PUK PACE (unblock).
    private mutating func resetRetryCounter(_ command: CommandAPDU, protected: Bool) -> ResponseAPDU {
        guard protected else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
        guard command.p2 == 0x03 else { return ResponseAPDU(status: .incorrectP1P2) }
        switch command.p1 {
        case 0x02:
            guard authenticated == .pin else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
            guard command.data.count == 6, command.data.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return ResponseAPDU(status: StatusWord(rawValue: 0x6A80))
            }
            configuration.pin = PACEPassword(kind: .pin, secret: command.data)
            configuration.pinRetries = 3
            return ResponseAPDU(status: .success)
        case 0x03:
            guard authenticated == .puk else { return ResponseAPDU(status: .securityStatusNotSatisfied) }
            guard command.data.isEmpty else { return ResponseAPDU(status: .wrongLength) }
            configuration.pinRetries = 3
            return ResponseAPDU(status: .success)
        default:
            return ResponseAPDU(status: .incorrectP1P2)
        }
    }
}
