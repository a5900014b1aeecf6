/// A programmable ISO 7816-4 card for simulators: a flat set of selectable files and scripted
/// answers. Pure value type; the simulated reader owns it.
public struct SimulatedCard: Sendable, Hashable {
    /// The answer-to-reset the card reports.
    public var atr: [UInt8]
    /// Files by 2-byte file identifier, with their contents. The MF (3F00) always exists.
    public var files: [UInt16: [UInt8]]
    /// Exact command APDUs with a fixed response (data ‖ SW); checked before the built-in commands.
    public var scriptedResponses: [[UInt8]: [UInt8]]

    /// A generic contact card with an ATR for T=1 and an empty MF.
    public static let generic = SimulatedCard(
        atr: [0x3B, 0x8A, 0x80, 0x01, 0x42, 0x55, 0x45, 0x52, 0x47, 0x45, 0x52, 0x48, 0x41, 0x4C, 0x5B],
        files: [:], scriptedResponses: [:])

    /// Creates a card.
    public init(atr: [UInt8], files: [UInt16: [UInt8]], scriptedResponses: [[UInt8]: [UInt8]]) {
        self.atr = atr
        self.files = files
        self.scriptedResponses = scriptedResponses
    }

    /// Answers one command APDU. Never traps: malformed commands get the ISO 7816 status word for
    /// wrong length (6700), unknown instructions 6D00, unknown classes 6E00.
    public func respond(to command: [UInt8]) -> [UInt8] {
        if let scripted = scriptedResponses[command] { return scripted }
        guard command.count >= 4 else { return [0x67, 0x00] }
        guard command[0] & 0x80 == 0 else { return [0x6E, 0x00] }
        switch command[1] {
        case 0xA4: return select(command)
        case 0x84: return challenge(command)
        default: return [0x6D, 0x00]
        }
    }

    private func select(_ command: [UInt8]) -> [UInt8] {
        // SELECT by FID: P1 00, Lc 02, FID.
        guard command.count >= 7, command[4] == 2 else { return [0x67, 0x00] }
        let fid = UInt16(command[5]) << 8 | UInt16(command[6])
        return fid == 0x3F00 || files[fid] != nil ? [0x90, 0x00] : [0x6A, 0x82]
    }

    private func challenge(_ command: [UInt8]) -> [UInt8] {
        // GET CHALLENGE: Le bytes of (deterministic) randomness; Le 00 means 256.
        guard command.count == 5 else { return [0x67, 0x00] }
        let length = command[4] == 0 ? 256 : Int(command[4])
        return (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } + [0x90, 0x00]
    }
}
