public import DeviceCore

/// The card connection inside ``CardReader/transaction(_:)``: every APDU sent through it goes to
/// the card directly, on the reader's own isolation, with no other task's or program's command in
/// between and no thread hop per APDU.
///
/// It also carries the ISO 7816-4 exchange rules once for every caller: ``send(_:)`` completes
/// 61xx answers with GET RESPONSE and resends with the corrected Le on 6Cxx, ``readBinary(length:)``
/// reads a whole file in chunks. Status words are returned, not thrown (a 6A82 is an answer);
/// transport faults (card removed, reader gone), malformed responses and cancellation of the
/// caller's task throw ``DeviceError``.
///
/// Reader backends create one per transaction; it must not outlive the transaction's body, which
/// is why it cannot be copied.
public struct CardTransaction: ~Copyable {
    /// Sends raw command bytes; the backend's single APDU exchange.
    public typealias Transmit = ([UInt8]) throws(DeviceError) -> [UInt8]
    /// Sends a reader control request (`SCardControl`).
    public typealias Control = (CardReaderControlCode, [UInt8]) throws(DeviceError) -> [UInt8]

    private let transmitBytes: Transmit
    private let controlReader: Control
    /// The largest Le asked for per READ BINARY (short APDUs: 256; extended: up to 65536).
    public var maximumReadLength: Int

    /// Creates the transaction of a reader backend from its APDU exchange and control call.
    public init(maximumReadLength: Int = 256, transmit: @escaping Transmit, control: @escaping Control) {
        self.maximumReadLength = maximumReadLength
        transmitBytes = transmit
        controlReader = control
    }

    /// Sends raw command bytes and returns the raw response (data, SW1, SW2). Throws
    /// ``DeviceError/Kind/cancelled`` once the caller's task is cancelled, before the next APDU.
    public func transmit(_ command: [UInt8]) throws(DeviceError) -> [UInt8] {
        if Task.isCancelled { throw .cancelled("transmit APDU") }
        return try transmitBytes(command)
    }

    /// Sends a control request to the reader itself (PC/SC part 10 features, PIN pad).
    public func control(code: CardReaderControlCode, data: [UInt8] = []) throws(DeviceError) -> [UInt8] {
        if Task.isCancelled { throw .cancelled("reader control") }
        return try controlReader(code, data)
    }

    /// Sends `command` and returns the complete response (61xx continued, 6Cxx resent).
    public func send(_ command: CommandAPDU) throws(DeviceError) -> ResponseAPDU {
        var response = try exchange(command)
        if let correct = response.status.correctLength {
            var retry = command
            retry.expectedLength = correct
            response = try exchange(retry)
        }
        var data = response.data
        var rounds = 0
        while let remaining = response.status.bytesRemaining {
            rounds += 1
            guard rounds <= 256 else {
                throw DeviceError(.protocol, operation: "GET RESPONSE", message: "the card keeps answering 61xx",
                                  remedy: "Reinsert the card; if it persists, the card is faulty.")
            }
            var getResponse = CardCommands.getResponse(length: remaining)
            getResponse.cla = command.cla & 0x03  // keep the logical channel bits
            response = try exchange(getResponse)
            data += response.data
        }
        return ResponseAPDU(data: data, status: response.status)
    }

    /// Reads the current EF from offset 0 until end of file (6282, 6B00 or a short chunk), or
    /// exactly `length` bytes when the length is known. Offsets past 32767 use odd-INS READ BINARY.
    public func readBinary(length: Int? = nil) throws(DeviceError) -> [UInt8] {
        var contents: [UInt8] = []
        while length.map({ contents.count < $0 }) ?? true {
            let chunk = min(maximumReadLength, length.map { $0 - contents.count } ?? maximumReadLength)
            let response = try send(CardCommands.readBinary(offset: contents.count, length: chunk))
            switch response.status {
            case .success, .endOfFile:
                contents += response.data
                if response.status == .endOfFile || response.data.count < chunk || response.data.isEmpty { return contents }
            case .wrongParameters where !contents.isEmpty:
                return contents  // offset beyond the end: the file ended exactly at a chunk boundary
            default:
                throw DeviceError(.protocol, operation: "READ BINARY", message: "the card answered \(response.status) at offset \(contents.count)",
                                  remedy: "Select the file first; check access rights (6982 needs authentication).")
            }
        }
        return contents
    }

    private func exchange(_ command: CommandAPDU) throws(DeviceError) -> ResponseAPDU {
        let bytes: [UInt8]
        do { bytes = try command.encoded() } catch {
            throw DeviceError(.other, operation: "encode APDU", message: error.description, remedy: "Fix the command's length fields.")
        }
        let raw = try transmit(bytes)
        do { return try ResponseAPDU(bytes: raw) } catch {
            throw DeviceError(.protocol, operation: "transmit APDU", message: error.description,
                              remedy: "Reinsert the card; a response without status word means the card stopped answering.")
        }
    }
}
