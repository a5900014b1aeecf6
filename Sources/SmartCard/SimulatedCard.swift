/// A programmable ISO 7816-4 card for simulators: master file, dedicated files with AIDs,
/// elementary files with contents, scripted answers, and the selection state a real card keeps.
///
/// Answers never trap on malformed commands: they get the ISO 7816 status words for wrong length
/// (6700), wrong parameters (6B00/6A86), unknown instructions (6D00) and classes (6E00).
public struct SimulatedCard: Sendable, Hashable {
    /// One file of the card.
    public struct File: Sendable, Hashable {
        /// The file identifier.
        public var fileID: UInt16
        /// The parent DF's file identifier (3F00 for files under the MF).
        public var parent: UInt16
        /// For DFs: the application identifier, if selectable by name.
        public var aid: [UInt8]?
        /// For EFs: the short file identifier (1–30), if any.
        public var shortFileID: UInt8?
        /// For EFs: the contents; `nil` marks a DF.
        public var contents: [UInt8]?

        /// An elementary file.
        public static func elementary(_ fileID: UInt16, parent: UInt16 = 0x3F00, shortFileID: UInt8? = nil, contents: [UInt8]) -> File {
            File(fileID: fileID, parent: parent, aid: nil, shortFileID: shortFileID, contents: contents)
        }

        /// A dedicated file (application), optionally selectable by AID.
        public static func dedicated(_ fileID: UInt16, parent: UInt16 = 0x3F00, aid: [UInt8]? = nil) -> File {
            File(fileID: fileID, parent: parent, aid: aid, shortFileID: nil, contents: nil)
        }
    }

    /// The answer-to-reset the card reports.
    public var atr: [UInt8]
    /// The card's files besides the MF.
    public var files: [File]
    /// Exact command APDUs with a fixed response (data ‖ SW); checked before the built-in commands.
    public var scriptedResponses: [[UInt8]: [UInt8]]
    /// When set, responses with more data than this are split: the first part with 61xx, the
    /// rest fetched by GET RESPONSE (as T=0 cards do).
    public var responseChunkLimit: Int?

    private var currentDF: UInt16 = 0x3F00
    private var currentEF: UInt16?
    private var pendingResponse: [UInt8] = []

    /// Creates a card.
    public init(atr: [UInt8], files: [File] = [], scriptedResponses: [[UInt8]: [UInt8]] = [:], responseChunkLimit: Int? = nil) {
        self.atr = atr
        self.files = files
        self.scriptedResponses = scriptedResponses
        self.responseChunkLimit = responseChunkLimit
    }

    /// A generic contact card (T=1 ATR) with EF.DIR, a small EF, an application DF, and a 40000-byte
    /// EF that needs odd-INS READ BINARY beyond offset 32767.
    public static let generic = SimulatedCard(
        atr: [0x3B, 0x8A, 0x80, 0x01, 0x42, 0x55, 0x45, 0x52, 0x47, 0x45, 0x52, 0x48, 0x41, 0x4C, 0x5B],
        files: [
            .elementary(0x2F00, shortFileID: 0x1E, contents: BERTLV(tag: 0x61, children: [
                BERTLV(tag: 0x4F, value: [0xD2, 0x76, 0x00, 0x01, 0x44, 0x48, 0x41, 0x4C]),
                BERTLV(tag: 0x50, value: Array("BuergerHAL".utf8)),
            ]).encoded),
            .elementary(0x011C, shortFileID: 0x1C, contents: Array("BuergerHAL test file".utf8)),
            .dedicated(0xDF01, aid: [0xD2, 0x76, 0x00, 0x01, 0x44, 0x48, 0x41, 0x4C]),
            .elementary(0x0101, parent: 0xDF01, contents: (0..<300).map { UInt8(truncatingIfNeeded: $0) }),
            .elementary(0xE000, contents: (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
        ])

    /// Resets the selection state, as a card reset does.
    public mutating func reset() {
        currentDF = 0x3F00
        currentEF = nil
        pendingResponse = []
    }

    /// Answers one command APDU, updating the selection state.
    public mutating func respond(to command: [UInt8]) -> [UInt8] {
        if let scripted = scriptedResponses[command] { return scripted }
        guard let apdu = try? CommandAPDU(bytes: command) else { return [0x67, 0x00] }
        guard apdu.cla & 0x80 == 0 else { return [0x6E, 0x00] }
        if apdu.ins != 0xC0 { pendingResponse = [] }
        switch apdu.ins {
        case 0xA4: return select(apdu)
        case 0xB0, 0xB1: return chunked(readBinary(apdu))
        case 0x84: return challenge(apdu)
        case 0xC0: return getResponse(apdu)
        default: return [0x6D, 0x00]
        }
    }

    private mutating func select(_ apdu: CommandAPDU) -> [UInt8] {
        let target: File?
        switch apdu.p1 {
        case 0x00, 0x01, 0x02:
            guard apdu.data.count == 2 else { return apdu.data.isEmpty && apdu.p1 == 0x00 ? selectMF(apdu) : [0x67, 0x00] }
            let fid = UInt16(apdu.data[0]) << 8 | UInt16(apdu.data[1])
            if fid == 0x3F00 { return selectMF(apdu) }
            target = files.first { $0.fileID == fid && (apdu.p1 == 0x00 || $0.parent == currentDF || $0.fileID == currentDF) }
                ?? files.first { $0.fileID == fid }
        case 0x04:
            target = files.first { $0.aid == apdu.data }
        default:
            return [0x6A, 0x86]
        }
        guard let file = target else { return [0x6A, 0x82] }
        if file.contents == nil {
            currentDF = file.fileID
            currentEF = nil
        } else {
            currentDF = file.parent
            currentEF = file.fileID
        }
        return withFCP(apdu, file: file)
    }

    private mutating func selectMF(_ apdu: CommandAPDU) -> [UInt8] {
        currentDF = 0x3F00
        currentEF = nil
        return withFCP(apdu, file: .dedicated(0x3F00))
    }

    /// P2 0C: no answer data; P2 00/04: a file control parameter template (62).
    private mutating func withFCP(_ apdu: CommandAPDU, file: File) -> [UInt8] {
        guard apdu.p2 & 0x0C != 0x0C else { return [0x90, 0x00] }
        var objects = [BERTLV(tag: 0x83, value: [UInt8(file.fileID >> 8), UInt8(file.fileID & 0xFF)])]
        if let contents = file.contents {
            objects.insert(BERTLV(tag: 0x80, value: [UInt8(contents.count >> 8 & 0xFF), UInt8(contents.count & 0xFF)]), at: 0)
            objects.append(BERTLV(tag: 0x82, value: [0x01]))
        } else {
            objects.append(BERTLV(tag: 0x82, value: [0x38]))
        }
        return chunked(BERTLV(tag: 0x62, children: objects).encoded + [0x90, 0x00])
    }

    private mutating func readBinary(_ apdu: CommandAPDU) -> [UInt8] {
        let offset: Int
        var fileID = currentEF
        if apdu.ins == 0xB1 {
            guard let object = try? BERTLV.parse(apdu.data).0, object.tag == 0x54, (1...3).contains(object.value.count) else {
                return [0x6A, 0x80]
            }
            offset = object.value.reduce(0) { $0 << 8 | Int($1) }
        } else if apdu.p1 & 0x80 != 0 {
            let sfi = apdu.p1 & 0x1F
            guard let file = files.first(where: { $0.shortFileID == sfi && $0.contents != nil }) else { return [0x6A, 0x82] }
            fileID = file.fileID
            currentEF = file.fileID
            offset = Int(apdu.p2)
        } else {
            offset = Int(apdu.p1 & 0x7F) << 8 | Int(apdu.p2)
        }
        guard let fileID, let contents = files.first(where: { $0.fileID == fileID })?.contents else {
            return [0x69, 0x86]  // command not allowed: no current EF
        }
        guard offset <= contents.count else { return [0x6B, 0x00] }
        let wanted = apdu.expectedLength ?? 256
        let available = contents.count - offset
        let data = Array(contents[offset..<(offset + min(wanted, available))])
        return data + (available < wanted ? [0x62, 0x82] : [0x90, 0x00])
    }

    private func challenge(_ apdu: CommandAPDU) -> [UInt8] {
        guard apdu.isoCase == 2, let length = apdu.expectedLength else { return [0x67, 0x00] }
        return (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } + [0x90, 0x00]
    }

    private mutating func getResponse(_ apdu: CommandAPDU) -> [UInt8] {
        guard !pendingResponse.isEmpty else { return [0x69, 0x85] }
        let wanted = apdu.expectedLength ?? 256
        let part = Array(pendingResponse.prefix(wanted))
        pendingResponse.removeFirst(part.count)
        if pendingResponse.isEmpty { return part + [0x90, 0x00] }
        return part + [0x61, UInt8(truncatingIfNeeded: min(pendingResponse.count, 256))]
    }

    /// Splits a long response into a first chunk with 61xx, keeping the rest for GET RESPONSE.
    private mutating func chunked(_ response: [UInt8]) -> [UInt8] {
        guard let limit = responseChunkLimit, response.count - 2 > limit,
              response.suffix(2) == [0x90, 0x00] else { return response }
        let data = response.dropLast(2)
        pendingResponse = Array(data.dropFirst(limit))
        return Array(data.prefix(limit)) + [0x61, UInt8(truncatingIfNeeded: min(pendingResponse.count, 256))]
    }
}
