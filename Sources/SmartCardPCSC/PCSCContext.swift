internal import CPCSCLite

/// The one place libpcsclite is called. Not thread-safe: owned by one device actor, which runs on
/// a dedicated thread because every call here blocks on IPC with pcscd.
final class PCSCContext {
    private var context: SCARDCONTEXT
    private var card: SCARDHANDLE?
    private var activeProtocol: DWORD = 0

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

    /// `SCardConnect(SCARD_SHARE_SHARED, T=0 | T=1)`, unless already connected.
    func connect(_ reader: String) throws(PCSCError) {
        guard card == nil else { return }
        var handle: SCARDHANDLE = 0
        var chosen: DWORD = 0
        try Self.check(SCardConnect(context, reader, DWORD(SCARD_SHARE_SHARED),
                                    DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &handle, &chosen))
        card = handle
        activeProtocol = chosen
    }

    /// `SCardTransmit`: one APDU to the connected card. Responses shorter than a status word are
    /// reported as ``PCSCError/communicationDataLost`` (pcsc-lite can return 0 bytes when the card dies).
    func transmit(_ command: [UInt8]) throws(PCSCError) -> [UInt8] {
        guard let card else { throw .invalidHandle }
        var request = SCARD_IO_REQUEST(dwProtocol: activeProtocol, cbPciLength: DWORD(MemoryLayout<SCARD_IO_REQUEST>.size))
        var response = [UInt8](repeating: 0, count: 65_548)  // MAX_BUFFER_SIZE_EXTENDED
        var length = DWORD(response.count)
        let code = SCardTransmit(card, &request, command, DWORD(command.count), nil, &response, &length)
        try Self.check(code)
        guard length >= 2 else { throw .communicationDataLost }
        return Array(response.prefix(Int(length)))
    }

    /// `SCardDisconnect(SCARD_LEAVE_CARD)`, when connected.
    func disconnect() {
        if let card { SCardDisconnect(card, DWORD(SCARD_LEAVE_CARD)) }
        card = nil
    }

    private static func check(_ code: LONG) throws(PCSCError) {
        if code != 0 { throw PCSCError(code: code) }  // 0 is SCARD_S_SUCCESS
    }
}

extension PCSCError {
    /// Wraps a pcsc-lite `LONG` return code.
    init(code: LONG) {
        self.init(rawValue: UInt32(truncatingIfNeeded: code))
    }
}
