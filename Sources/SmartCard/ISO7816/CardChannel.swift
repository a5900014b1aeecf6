public import DeviceCore

/// ISO 7816-4 exchanges over a ``CardReader``: encodes commands, collects 61xx continuations
/// with GET RESPONSE, resends with the corrected Le on 6Cxx, and reads whole files in chunks.
///
/// Status words are returned, not thrown: a 6A82 is an answer. Transport faults (card removed,
/// reader gone) and malformed responses throw ``DeviceError``.
public struct CardChannel: Sendable {
    /// The reader carrying the APDUs.
    public let reader: any CardReader
    /// The largest Le the channel asks for per READ BINARY (short APDUs: 256; extended: up to 65536).
    public var maximumReadLength: Int

    /// Creates a channel; `maximumReadLength` above 256 needs a reader and card with extended length.
    public init(reader: any CardReader, maximumReadLength: Int = 256) {
        self.reader = reader
        self.maximumReadLength = maximumReadLength
    }

    /// Sends `command` and returns the complete response.
    public func send(_ command: CommandAPDU) async throws(DeviceError) -> ResponseAPDU {
        var response = try await exchange(command)
        if let correct = response.status.correctLength {
            var retry = command
            retry.expectedLength = correct
            response = try await exchange(retry)
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
            response = try await exchange(getResponse)
            data += response.data
        }
        return ResponseAPDU(data: data, status: response.status)
    }

    /// Reads the current EF from offset 0 until end of file (6282, 6B00 or a short chunk), or
    /// exactly `length` bytes when the length is known. Offsets past 32767 use odd-INS READ BINARY.
    public func readBinary(length: Int? = nil) async throws(DeviceError) -> [UInt8] {
        var contents: [UInt8] = []
        while length.map({ contents.count < $0 }) ?? true {
            let chunk = min(maximumReadLength, length.map { $0 - contents.count } ?? maximumReadLength)
            let response = try await send(CardCommands.readBinary(offset: contents.count, length: chunk))
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

    private func exchange(_ command: CommandAPDU) async throws(DeviceError) -> ResponseAPDU {
        let bytes: [UInt8]
        do { bytes = try command.encoded() } catch {
            throw DeviceError(.other, operation: "encode APDU", message: error.description, remedy: "Fix the command's length fields.")
        }
        let raw = try await reader.transmit(bytes)
        do { return try ResponseAPDU(bytes: raw) } catch {
            throw DeviceError(.protocol, operation: "transmit APDU", message: error.description,
                              remedy: "Reinsert the card; a response without status word means the card stopped answering.")
        }
    }
}
