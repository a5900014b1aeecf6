import DeviceCore
@testable import EID
import SmartCard
import Synchronization
import Testing

/// Secure messaging: ICAO 9303-11 Appendix D.4 (3DES, the SELECT of EF.COM and its answer) byte
/// for byte, and round trips terminal ↔ chip (the same codec in the other direction) for every
/// cipher, including odd INS, extended length and every way the channel must end.
@Suite("Secure messaging")
struct SecureMessagingTests {
    // ICAO Doc 9303 Part 11, Appendix D.4 (secure messaging after BAC, 3DES).
    static let appendixKeys = SessionKeys(cipher: .tripleDES, encryptionKey: hex("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                                          macKey: hex("F1CB1F1FB5ADF208806B89DC579DC1F8"))
    static let appendixSSC = hex("887022120C06C226")

    @Test("Appendix D.4: the protected SELECT EF.COM and the checked answer")
    func appendixD4() throws {
        var codec = SecureMessagingCodec(keys: Self.appendixKeys, ssc: Self.appendixSSC)
        let protected = try codec.protect(CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x1E]))
        #expect(try protected.encoded() == hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"))
        let answer = try codec.unprotect(ResponseAPDU(bytes: hex("990290008E08FA855A5D4C50A8ED9000")))
        #expect(answer == ResponseAPDU(status: .success))
        #expect(codec.ssc == hex("887022120C06C228"))
    }

    static func keys(_ cipher: SessionCipher) throws -> SessionKeys {
        try SessionKeys(cipher: cipher, sharedSecret: Array(0..<32))
    }

    static let commands: [CommandAPDU] = [
        CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x1D]),
        CommandAPDU(ins: 0xB0, p1: 0x00, p2: 0x10, expectedLength: 223),
        CommandAPDU(ins: 0xB1, p1: 0x00, p2: 0x00, data: [0x54, 0x02, 0x80, 0x00], expectedLength: 256),
        CommandAPDU(cla: 0x00, ins: 0x2A, p1: 0x00, p2: 0xBE, data: (0..<700).map { UInt8(truncatingIfNeeded: $0) }, expectedLength: 65_536),
        CommandAPDU(ins: 0x84, p1: 0x00, p2: 0x00, expectedLength: 8),
        CommandAPDU(ins: 0x2C, p1: 0x03, p2: 0x03),
    ]

    @Test("terminal → chip → terminal round trips for every cipher", arguments: SessionCipher.allCases)
    func roundTrips(cipher: SessionCipher) throws {
        var terminal = SecureMessagingCodec(keys: try Self.keys(cipher))
        var chip = SecureMessagingCodec(keys: try Self.keys(cipher))
        for command in Self.commands {
            let protected = try terminal.protect(command)
            #expect(protected.cla == 0x0C)
            #expect(protected.needsExtendedLength == (command.data.count > 200 || (command.expectedLength ?? 0) > 256))
            let objects = try BERTLV.parseAll(protected.data).map(\.tag)
            if !command.data.isEmpty { #expect(objects.first == (command.ins & 1 == 1 ? 0x85 : 0x87)) }
            #expect(objects.contains(0x97) == (command.expectedLength != nil))
            #expect(objects.last == 0x8E)
            #expect(try chip.unprotectCommand(protected) == command)
            let answer = ResponseAPDU(data: Array(repeating: 0x5A, count: command.expectedLength.map { min($0, 300) } ?? 0), status: .success)
            #expect(try terminal.unprotect(chip.protectResponse(answer)) == answer)
        }
        #expect(terminal.ssc == chip.ssc)
        #expect(terminal.ssc.count == cipher.blockSize)
        #expect(terminal.ssc.last == UInt8(Self.commands.count * 2))
    }

    /// A channel over an in-process chip codec, for the channel's failure rules.
    func channelFailure(_ cipher: SessionCipher = .aes128, tamper: @escaping @Sendable ([UInt8]) -> [UInt8]) async throws -> (first: SecureMessagingError?, second: SecureMessagingError?) {
        let keys = try Self.keys(cipher)
        let card = TamperingChip(keys: keys, tamper: tamper)
        let reader = try await reader(with: card)
        return try await reader.transaction { (card: inout CardTransaction) throws(DeviceError) -> (SecureMessagingError?, SecureMessagingError?) in
            var channel = SecureChannel(keys: keys)
            var errors: [SecureMessagingError?] = []
            for _ in 0..<2 {
                do throws(SecureMessagingError) {
                    _ = try channel.send(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 16), through: &card)
                    errors.append(nil)
                } catch { errors.append(error) }
            }
            return (errors[0], errors[1])
        }
    }

    @Test("a wrong MAC ends the channel")
    func wrongMAC() async throws {
        let result = try await channelFailure { answer in
            var bytes = answer
            if bytes.count > 4 { bytes[bytes.count - 3] ^= 0x01 }  // last MAC byte
            return bytes
        }
        #expect(result.first == .wrongMAC)
        #expect(result.second == .channelClosed)
    }

    @Test("a missing DO99 ends the channel")
    func missingStatus() async throws {
        let result = try await channelFailure { answer in
            // Drop the 99 object: keep DO87, then the MAC.
            guard let objects = try? BERTLV.parseAll(Array(answer.dropLast(2))) else { return answer }
            return objects.filter { $0.tag != 0x99 }.flatMap(\.encoded) + answer.suffix(2)
        }
        #expect(result.first == .missingObject(tag: 0x99))
        #expect(result.second == .channelClosed)
    }

    @Test("SW 6987 and 6988 end the channel", arguments: [[UInt8(0x69), 0x87], [0x69, 0x88]])
    func cardEndsChannel(status: [UInt8]) async throws {
        let result = try await channelFailure { _ in status }
        #expect(result.first == .cardEndedChannel(StatusWord(sw1: status[0], sw2: status[1])))
        #expect(result.second == .channelClosed)
    }

    @Test("malformed SM answers are typed errors with offsets, never traps")
    func malformedAnswers() throws {
        var generator = SeededRandom(seed: 99)
        for length in 0..<64 {
            var codec = SecureMessagingCodec(keys: try Self.keys(.aes128))
            let bytes = try generator.bytes(count: length)
            do throws(SecureMessagingError) {
                _ = try codec.unprotect(ResponseAPDU(data: bytes, status: .success))
                Issue.record("random bytes passed the MAC check")
            } catch {
                switch error {
                case .malformed, .missingObject, .wrongMAC, .badPadding: break
                default: Issue.record("unexpected \(error)")
                }
            }
        }
    }

    @Test("the chip side refuses plain and wrongly MACed commands")
    func chipChecks() throws {
        var terminal = SecureMessagingCodec(keys: try Self.keys(.aes256))
        var chip = SecureMessagingCodec(keys: try Self.keys(.aes256))
        #expect(throws: SecureMessagingError.notProtected) { try chip.unprotectCommand(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 1)) }
        var protected = try terminal.protect(CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 1))
        protected.p2 = 0x01  // the header is covered by the MAC
        #expect(throws: SecureMessagingError.wrongMAC) { try chip.unprotectCommand(protected) }
    }

    @Test("session keys and channels never print key bytes")
    func redaction() throws {
        let keys = try Self.keys(.aes128)
        #expect("\(keys)" == "AES-128 session keys (redacted)")
        #expect(!String(reflecting: keys).contains(Hex.string(keys.macKey)))
        var dumped = ""
        dump(keys, to: &dumped)
        #expect(!dumped.contains("UInt8") && dumped.contains("cipher"), "dump shows the cipher only: \(dumped)")
    }
}

/// A chip that answers every protected command correctly under `keys`, then lets `tamper`
/// change the bytes on the way back.
final class TamperingChip: SimulatedCardResponder {
    let atr: [UInt8] = [0x3B, 0x00]
    private let tamper: @Sendable ([UInt8]) -> [UInt8]
    private let codec: Mutex<SecureMessagingCodec>

    init(keys: SessionKeys, tamper: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.tamper = tamper
        codec = Mutex(SecureMessagingCodec(keys: keys))
    }

    func reset() {}

    func respond(to command: [UInt8]) -> [UInt8] {
        codec.withLock { codec in
            guard let apdu = try? CommandAPDU(bytes: command), let plain = try? codec.unprotectCommand(apdu) else { return [0x69, 0x88] }
            let answer = ResponseAPDU(data: Array(repeating: 0x11, count: plain.expectedLength ?? 0), status: .success)
            guard let protected = try? codec.protectResponse(answer) else { return [0x6F, 0x00] }
            return tamper(protected.bytes)
        }
    }
}
