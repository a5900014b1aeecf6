public import DeviceCore

/// ISO 7816-4 exchanges over a ``CardReader``, one call at a time: each ``send(_:)`` and each
/// ``readBinary(length:)`` runs in its own card transaction (``CardReader/transaction(_:)``), so
/// the GET RESPONSE rounds of one answer and the chunks of one file are never interleaved with
/// another client's commands. The exchange rules themselves live in ``CardTransaction``.
///
/// For longer sequences (select, read, authenticate) use one ``CardReader/transaction(_:)`` directly.
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
        let limit = maximumReadLength
        return try await reader.transaction { (card: inout CardTransaction) throws(DeviceError) in
            card.maximumReadLength = limit
            return try card.send(command)
        }
    }

    /// Reads the current EF from offset 0 until end of file (6282, 6B00 or a short chunk), or
    /// exactly `length` bytes when the length is known. Offsets past 32767 use odd-INS READ BINARY.
    public func readBinary(length: Int? = nil) async throws(DeviceError) -> [UInt8] {
        let limit = maximumReadLength
        return try await reader.transaction { (card: inout CardTransaction) throws(DeviceError) in
            card.maximumReadLength = limit
            return try card.readBinary(length: length)
        }
    }
}
