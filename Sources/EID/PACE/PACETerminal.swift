internal import DeviceCore
public import SmartCard

/// PACE from the terminal's side (ICAO 9303-11 §4.4, TR-03110-2 §3.2) with Generic Mapping —
/// ECDH on the standardized curves 8–18, DH on the RFC 5114 groups 0–2 — and 3DES or AES-128/192/256: every APDU of the run inside the
/// caller's one card transaction, so nothing interleaves. Randomness is injectable.
public enum PACETerminal {
    /// Reads EF.CardAccess (SELECT MF without Le, READ BINARY with SFI 1C) and parses it.
    public static func readCardAccess(through card: inout CardTransaction) throws(PACEError) -> SecurityInfos {
        let read: (bytes: [UInt8], status: StatusWord)
        do throws(DeviceError) { read = try readCardAccessBytes(through: &card) } catch { throw .transport(error) }
        guard read.status == .success || read.status == .endOfFile || (read.status == .wrongParameters && !read.bytes.isEmpty) else {
            throw .cardAccessUnavailable(read.status)
        }
        do throws(SecurityInfosError) { return try SecurityInfos(cardAccess: read.bytes) } catch { throw .cardAccessMalformed(error) }
    }

    /// The file's bytes and the last status word (SELECT MF's when that failed).
    private static func readCardAccessBytes(through card: inout CardTransaction) throws(DeviceError) -> (bytes: [UInt8], status: StatusWord) {
        let selected = try card.send(CardCommands.selectMasterFile)
        guard selected.status == .success else { return ([], selected.status) }
        var response = try card.send(CardCommands.readBinary(shortFileID: 0x1C, length: 256))
        var contents = response.data
        // A longer EF.CardAccess: the rest by offset from the now current EF.
        while response.status == .success, response.data.count == 256, contents.count < 0x7FFF {
            response = try card.send(CardCommands.readBinary(offset: contents.count, length: 256))
            contents += response.data
        }
        return (contents, response.status)
    }

    /// The PACEInfo this terminal uses: the first Generic Mapping one on standardized parameters
    /// (ECDH on the curves 8–18, DH on the MODP groups 0–2).
    public static func choose(from infos: SecurityInfos) throws(PACEError) -> (PACEInfo, StandardizedDomainParameters) {
        for info in infos.paceInfos where info.protocolType.mapping == .generic {
            if case .standardized(let parameters)? = info.parameterID,
               parameters.isEllipticCurve == (info.protocolType.keyAgreement == .ecdh) { return (info, parameters) }
        }
        throw .noSupportedProtocol(offered: infos.paceInfos.map { "\($0.protocolType) on \($0.parameterID.map { "\($0)" } ?? "unnamed parameters")" })
    }

    /// Runs PACE with `password`: reads EF.CardAccess, chooses the PACEInfo, MSE:Set AT (with the
    /// parameter ID when the card lists several PACEInfos, and `chat` when given), General
    /// Authenticate 1–4, both tokens checked. A suspended PIN is refused before any try unless
    /// `afterCAN` says PACE with the CAN succeeded in this session. Nothing is retried.
    public static func establish(_ password: PACEPassword, through card: inout CardTransaction, chat: [UInt8]? = nil,
                                 afterCAN: Bool = false, random: inout some RandomSource) throws(PACEError) -> PACEResult {
        let infos = try readCardAccess(through: &card)
        let (info, parameters) = try choose(from: infos)
        var flow = PACETerminalFlow(password: password, info: info, parameters: parameters, cardAccess: infos,
                                    sendParameterID: infos.paceInfos.count > 1, chat: chat, allowSuspendedPIN: afterCAN)
        var command = flow.start()
        while true {
            let response: ResponseAPDU
            do throws(DeviceError) { response = try card.send(command) } catch { throw .transport(error) }
            switch try flow.handle(response, random: &random) {
            case .send(let next): command = next
            case .finished(let result): return result
            }
        }
    }

    /// As ``establish(_:through:chat:afterCAN:random:)`` with the system's secure random source.
    public static func establish(_ password: PACEPassword, through card: inout CardTransaction, chat: [UInt8]? = nil,
                                 afterCAN: Bool = false) throws(PACEError) -> PACEResult {
        var random = SystemRandomSource()
        return try establish(password, through: &card, chat: chat, afterCAN: afterCAN, random: &random)
    }

    /// The status word MSE:Set AT gives for `password` without running PACE (no try is used):
    /// for the PIN its state (``PINState``).
    public static func passwordStatus(_ password: PACEPassword.Kind, through card: inout CardTransaction) throws(PACEError) -> StatusWord {
        let infos = try readCardAccess(through: &card)
        let (info, parameters) = try choose(from: infos)
        let command = PACECommands.setAuthenticationTemplate(protocolOID: info.protocolType.oid, password: password,
                                                             parameterID: infos.paceInfos.count > 1 ? parameters.rawValue : nil)
        do throws(DeviceError) { return try card.send(command).status } catch { throw .transport(error) }
    }
}
