import DeviceCore
@testable import EID
import SmartCard
import Synchronization
import Testing

/// A chip replaying ICAO 9303-11 Appendix G.1 and recording what the terminal sent.
final class AppendixG1Chip: SimulatedCardResponder {
    typealias Example = WorkedExampleTests
    let atr: [UInt8] = [0x3B, 0x00]
    let received = Mutex<[[UInt8]]>([])
    static let cardAccess = SimulatedNPAChip.encodeCardAccess(SimulatedNPAConfiguration.defaultPACEInfos)

    func reset() {}

    func respond(to command: [UInt8]) -> [UInt8] {
        received.withLock { $0.append(command) }
        guard command.count >= 4 else { return [0x67, 0x00] }
        switch command[1] {
        case 0xA4: return [0x90, 0x00]
        case 0xB0: return Self.cardAccess + [0x62, 0x82]
        case 0x22: return [0x90, 0x00]
        case 0x86:
            let step = received.withLock { $0.filter { $0[1] == 0x86 }.count }
            let (tag, value): (UInt32, String) = switch step {
            case 1: (0x80, Example.encryptedNonce)
            case 2: (0x82, Example.chipMappingPublic)
            case 3: (0x84, Example.chipEphemeralPublic)
            default: (0x86, Example.chipToken)
            }
            return BERTLVEncoding.object(tag: 0x7C, value: BERTLVEncoding.object(tag: tag, value: hex(value))) + [0x90, 0x00]
        default: return [0x6D, 0x00]
        }
    }
}

/// The terminal's whole APDU sequence replayed against Appendix G.1: MSE:Set AT without Le, the
/// chained General Authenticates carrying the example's mapping key, ephemeral key and token.
@Suite("PACE APDU sequence on ICAO 9303-11 Appendix G.1")
struct PACEWorkedExampleFlowTests {
    typealias Example = WorkedExampleTests

    @Test("the terminal sends the example's keys and token and accepts the chip's token")
    func appendixG1() async throws {
        let chip = AppendixG1Chip()
        let reader = try await reader(with: chip)
        let password = try PACEPassword.mrz(documentNumber: "T22000129", dateOfBirth: "640812", dateOfExpiry: "101031")
        let result = try await reader.eidTransaction({ (card: inout CardTransaction) throws(PACEError) -> PACEResult in
            var random = ScriptedRandom(queue: [hex(Example.terminalMappingPrivate), hex(Example.terminalEphemeralPrivate)])
            return try PACETerminal.establish(password, through: &card, random: &random)
        }, transportError: { PACEError.transport($0) })
        #expect(result.keys.encryptionKey == hex(Example.encryptionKey))
        #expect(result.keys.macKey == hex(Example.macKey))
        let sent = chip.received.withLock { $0 }
        #expect(sent[0] == [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00])
        #expect(sent[2] == [0x00, 0x22, 0xC1, 0xA4, 0x0F, 0x80, 0x0A] + hex(Example.oid) + [0x83, 0x01, 0x01])
        let generalAuthenticates = Array(sent.dropFirst(3))
        #expect(generalAuthenticates.map { $0[0] } == [0x10, 0x10, 0x10, 0x00], "CLA 10 chains steps 1-3")
        #expect(generalAuthenticates[0] == [0x10, 0x86, 0x00, 0x00, 0x02, 0x7C, 0x00, 0x00])
        #expect(generalAuthenticates[1] == [0x10, 0x86, 0x00, 0x00, 0x45, 0x7C, 0x43, 0x81, 0x41] + hex(Example.terminalMappingPublic) + [0x00])
        #expect(generalAuthenticates[2] == [0x10, 0x86, 0x00, 0x00, 0x45, 0x7C, 0x43, 0x83, 0x41] + hex(Example.terminalEphemeralPublic) + [0x00])
        #expect(generalAuthenticates[3] == [0x00, 0x86, 0x00, 0x00, 0x0C, 0x7C, 0x0A, 0x85, 0x08] + hex(Example.terminalToken) + [0x00])
    }
}

/// PACE passwords: validated once, never printed.
@Suite("PACE passwords")
struct PACEPasswordTests {
    @Test("the MRZ password of Appendix G.1 gives the example's Kπ (check digits computed)")
    func mrzPassword() throws {
        let password = try PACEPassword.mrz(documentNumber: "T22000129", dateOfBirth: "640812", dateOfExpiry: "101031")
        #expect(try password.passwordKey(.aes128) == hex(WorkedExampleTests.passwordKey))
    }

    @Test("descriptions never contain the digits")
    func redacted() throws {
        let pin = try PACEPassword.pin("482915")
        #expect("\(pin)" == "PIN (redacted)")
        #expect(!String(reflecting: pin).contains("482915"))
        #expect(!"\([pin])".contains("482915"))
        var dumped = ""
        dump(pin, to: &dumped)
        #expect(!dumped.contains("52") && dumped.contains("kind"), "dump shows the kind only: \(dumped)")
    }

    @Test("wrong lengths and non-digits are refused without echoing the input", arguments: ["12345", "1234567", "12a456", "", "１２３４５６"])
    func invalidCAN(text: String) {
        #expect(throws: PACEPasswordError.invalidDigits(.can, lengths: [6])) { try PACEPassword.can(text) }
    }

    @Test("PIN 5 (transport) or 6 digits, PUK 10")
    func lengths() throws {
        #expect(try PACEPassword.pin("12345").isTransportPIN)
        #expect(try !PACEPassword.pin("123456").isTransportPIN)
        #expect(throws: PACEPasswordError.self) { try PACEPassword.puk("123456789") }
        #expect(try PACEPassword.puk("1234567890").kind == .puk)
    }

    @Test("MRZ check digits (ICAO 9303-3 example L898902C<)")
    func checkDigit() {
        #expect(MRZCheckDigit.compute("L898902C<") == 3)
        #expect(MRZCheckDigit.compute("690806") == 1)
        #expect(MRZCheckDigit.compute("a") == nil)
    }
}
