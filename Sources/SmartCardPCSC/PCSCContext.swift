internal import CPCSCLite
#if canImport(Glibc)
import Glibc
#endif

/// The one place libpcsclite is called. Not thread-safe: owned by one device actor, which runs on
/// a dedicated thread because every call here blocks on IPC with pcscd.
final class PCSCContext {
    private var context: SCARDCONTEXT
    private var card: SCARDHANDLE?
    private var activeProtocol: DWORD = 0
    /// One receive buffer of MAX_BUFFER_SIZE_EXTENDED bytes, reused: zeroing 64 KiB per APDU cost
    /// a measurable share of each round trip.
    private var responseBuffer = [UInt8](repeating: 0, count: 65_548)

    /// `SCardEstablishContext(SCARD_SCOPE_SYSTEM)`.
    init() throws(PCSCError) {
        var context: SCARDCONTEXT = 0
        try Self.check(SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context))
        self.context = context
    }

    deinit {
        if let card { SCardDisconnect(card, DWORD(SCARD_LEAVE_CARD)) }
        SCardReleaseContext(context)
    }

    /// `SCardListReaders`: the attached readers' names. An empty list when none are attached.
    func listReaders() throws(PCSCError) -> [String] {
        var length: DWORD = 0
        let first = SCardListReaders(context, nil, nil, &length)
        if PCSCError(code: first) == .noReadersAvailable { return [] }
        try Self.check(first)
        var buffer = [CChar](repeating: 0, count: Int(length))
        let second = SCardListReaders(context, nil, &buffer, &length)
        if PCSCError(code: second) == .noReadersAvailable { return [] }
        try Self.check(second)
        // NUL-separated, double-NUL terminated.
        return buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    }

    /// `SCardGetStatusChange` with a zero timeout: the reader's current state and ATR.
    func readerState(_ reader: String) throws(PCSCError) -> (present: Bool, atr: [UInt8]) {
        var state = SCARD_READERSTATE()
        state.dwCurrentState = DWORD(SCARD_STATE_UNAWARE)
        let code = reader.withCString { name in
            state.szReader = name
            defer { state.szReader = nil }
            return SCardGetStatusChange(context, 0, &state, 1)
        }
        try Self.check(code)
        let present = state.dwEventState & DWORD(SCARD_STATE_PRESENT) != 0
        let count = min(Int(state.cbAtr), MemoryLayout.size(ofValue: state.rgbAtr))
        let atr = withUnsafeBytes(of: state.rgbAtr) { Array($0.prefix(count)) }
        return (present, present ? atr : [])
    }

    /// `SCardConnect(SCARD_SHARE_SHARED or SCARD_SHARE_EXCLUSIVE, T=0 | T=1)`, unless already connected.
    func connect(_ reader: String, exclusive: Bool = false) throws(PCSCError) {
        guard card == nil else { return }
        var handle: SCARDHANDLE = 0
        var chosen: DWORD = 0
        let share = exclusive ? DWORD(SCARD_SHARE_EXCLUSIVE) : DWORD(SCARD_SHARE_SHARED)
        try Self.check(SCardConnect(context, reader, share, DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &handle, &chosen))
        card = handle
        activeProtocol = chosen
    }

    /// `SCardTransmit`: one APDU to the connected card. Responses shorter than a status word are
    /// reported as ``PCSCError/communicationDataLost`` (pcsc-lite can return 0 bytes when the card dies).
    func transmit(_ command: [UInt8]) throws(PCSCError) -> [UInt8] {
        guard let card else { throw .invalidHandle }
        var request = SCARD_IO_REQUEST(dwProtocol: activeProtocol, cbPciLength: DWORD(MemoryLayout<SCARD_IO_REQUEST>.size))
        var length = DWORD(responseBuffer.count)
        let code = SCardTransmit(card, &request, command, DWORD(command.count), nil, &responseBuffer, &length)
        try Self.check(code)
        guard length >= 2, Int(length) <= responseBuffer.count else { throw .communicationDataLost }
        return Array(responseBuffer[..<Int(length)])
    }

    /// The raw context value, for `SCardCancel` from another thread.
    var cancelHandle: PCSCCancelHandle { PCSCCancelHandle(context: context) }

    /// One reader's state in a status-change wait.
    struct ReaderState {
        var name: String
        /// The last event state seen (`dwEventState`), fed back as `dwCurrentState`.
        var knownState: DWORD = 0
        var present: Bool { knownState & DWORD(SCARD_STATE_PRESENT) != 0 }
        var unavailable: Bool { knownState & DWORD(SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE) != 0 }
        var atr: [UInt8] = []
    }

    /// `SCardGetStatusChange` over `states` (each fed its last event state) for up to
    /// `timeoutMilliseconds`; returns whether anything changed (false on SCARD_E_TIMEOUT) and
    /// updates `states` in place.
    func waitForChange(_ states: inout [ReaderState], timeoutMilliseconds: DWORD) throws(PCSCError) -> Bool {
        let names = states.map { strdup($0.name) }
        defer { names.forEach { free($0) } }
        var raw = states.enumerated().map { index, state in
            var entry = SCARD_READERSTATE()
            entry.szReader = UnsafePointer(names[index])
            entry.dwCurrentState = state.knownState & ~DWORD(SCARD_STATE_CHANGED)
            return entry
        }
        let code = SCardGetStatusChange(context, timeoutMilliseconds, &raw, DWORD(raw.count))
        if PCSCError(code: code) == .timeout { return false }
        try Self.check(code)
        for index in states.indices {
            states[index].knownState = raw[index].dwEventState
            let count = min(Int(raw[index].cbAtr), MemoryLayout.size(ofValue: raw[index].rgbAtr))
            states[index].atr = withUnsafeBytes(of: raw[index].rgbAtr) { Array($0.prefix(count)) }
        }
        return true
    }

    /// PC/SC part 10 features of `reader` (`SCardConnect(SCARD_SHARE_DIRECT)` +
    /// `SCardControl(CM_IOCTL_GET_FEATURE_REQUEST)`): feature tags and their control codes.
    /// Readers without part 10 support (vpcd) give an empty list.
    func features(of reader: String) throws(PCSCError) -> [UInt8: UInt32] {
        var handle: SCARDHANDLE = 0
        var chosen: DWORD = 0
        try Self.check(SCardConnect(context, reader, DWORD(SCARD_SHARE_DIRECT), 0, &handle, &chosen))
        defer { SCardDisconnect(handle, DWORD(SCARD_LEAVE_CARD)) }
        var buffer = [UInt8](repeating: 0, count: 256)
        var length: DWORD = 0
        let code = SCardControl(handle, DWORD(0x4200_0000 + 3400), nil, 0, &buffer, DWORD(buffer.count), &length)
        if [.unsupportedFeature, .invalidParameter, .invalidValue].contains(PCSCError(code: code)) { return [:] }
        try Self.check(code)
        return PCSCFeatureList.parse(Array(buffer.prefix(Int(length))))
    }

    /// `SCardControl(code)`: a request to the reader itself. Uses the card connection when there
    /// is one, else a direct connection (`SCARD_SHARE_DIRECT`, works without a card) for this call.
    func control(_ code: UInt32, data: [UInt8], reader: String) throws(PCSCError) -> [UInt8] {
        if let card { return try control(code, data: data, handle: card) }
        var handle: SCARDHANDLE = 0
        var chosen: DWORD = 0
        try Self.check(SCardConnect(context, reader, DWORD(SCARD_SHARE_DIRECT), 0, &handle, &chosen))
        defer { SCardDisconnect(handle, DWORD(SCARD_LEAVE_CARD)) }
        return try control(code, data: data, handle: handle)
    }

    private func control(_ code: UInt32, data: [UInt8], handle: SCARDHANDLE) throws(PCSCError) -> [UInt8] {
        var length: DWORD = 0
        let capacity = DWORD(responseBuffer.count)
        let result = data.withUnsafeBytes { input in
            SCardControl(handle, DWORD(code), input.baseAddress, DWORD(input.count), &responseBuffer, capacity, &length)
        }
        try Self.check(result)
        guard Int(length) <= responseBuffer.count else { throw .communicationDataLost }
        return Array(responseBuffer[..<Int(length)])
    }

    /// Whether a card connection is open.
    var isConnected: Bool { card != nil }

    /// `SCardDisconnect` with `disposition` (0 leave, 1 reset, 2 unpower, 3 eject), when connected.
    func disconnect(disposition: UInt32 = 0) {
        if let card { SCardDisconnect(card, DWORD(disposition)) }
        card = nil
    }

    /// `SCardBeginTransaction`: other contexts block on this card until ``endTransaction()``.
    func beginTransaction() throws(PCSCError) {
        guard let card else { throw .invalidHandle }
        try Self.check(SCardBeginTransaction(card))
    }

    /// `SCardEndTransaction(SCARD_LEAVE_CARD)`.
    func endTransaction() throws(PCSCError) {
        guard let card else { throw .invalidHandle }
        try Self.check(SCardEndTransaction(card, DWORD(SCARD_LEAVE_CARD)))
    }

    private static func check(_ code: LONG) throws(PCSCError) {
        if code != 0 { throw PCSCError(code: code) }  // 0 is SCARD_S_SUCCESS
    }
}

/// The part of a context another thread may use: `SCardCancel` is documented as callable from
/// any thread to end a pending `SCardGetStatusChange`.
struct PCSCCancelHandle: Sendable {
    let context: SCARDCONTEXT

    /// `SCardCancel`.
    func cancel() {
        SCardCancel(context)
    }
}

extension PCSCError {
    /// Wraps a pcsc-lite `LONG` return code.
    init(code: LONG) {
        self.init(rawValue: UInt32(truncatingIfNeeded: code))
    }
}
