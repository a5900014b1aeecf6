/// Builders for the ISO 7816-4 commands BuergerHAL sends itself.
public enum CardCommands {
    /// SELECT by file identifier (P1 00 for MF-relative, 02 for EF under current DF), no FCI (P2 0C).
    /// German eID documents reject an Le on SELECT, so none is sent.
    public static func select(fileID: UInt16, p1: UInt8 = 0x00) -> CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: p1, p2: 0x0C, data: [UInt8(fileID >> 8), UInt8(fileID & 0xFF)])
    }

    /// SELECT the master file 3F00.
    public static var selectMasterFile: CommandAPDU { select(fileID: 0x3F00) }

    /// SELECT by application identifier (DF name, P1 04), no FCI.
    public static func select(aid: [UInt8]) -> CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid)
    }

    /// READ BINARY of `length` bytes at `offset` in the current EF. Offsets up to 32767 use INS B0
    /// with the offset in P1-P2; larger ones use odd INS B1 with the offset in a 54 data object.
    public static func readBinary(offset: Int, length: Int) -> CommandAPDU {
        if offset <= 0x7FFF {
            return CommandAPDU(ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), expectedLength: length)
        }
        let offsetBytes = [UInt8((offset >> 16) & 0xFF), UInt8((offset >> 8) & 0xFF), UInt8(offset & 0xFF)]
        return CommandAPDU(ins: 0xB1, p1: 0x00, p2: 0x00, data: BERTLV(tag: 0x54, value: offsetBytes).encoded, expectedLength: length)
    }

    /// READ BINARY with a short EF identifier (P1 = 80 | SFI) at an offset up to 255.
    public static func readBinary(shortFileID: UInt8, offset: UInt8 = 0, length: Int) -> CommandAPDU {
        CommandAPDU(ins: 0xB0, p1: 0x80 | (shortFileID & 0x1F), p2: offset, expectedLength: length)
    }

    /// GET CHALLENGE for `length` random bytes.
    public static func getChallenge(length: Int = 8) -> CommandAPDU {
        CommandAPDU(ins: 0x84, p1: 0x00, p2: 0x00, expectedLength: length)
    }

    /// GET RESPONSE for `length` bytes waiting after a 61xx status.
    public static func getResponse(length: Int) -> CommandAPDU {
        CommandAPDU(ins: 0xC0, p1: 0x00, p2: 0x00, expectedLength: length)
    }
}
