internal import DeviceCore
public import SmartCard

/// A secure-messaging channel after PACE, used inside the card transaction that ran PACE (or a
/// later one on the same card session): ``send(_:through:)`` protects each command and checks
/// each answer. Any failure — a wrong MAC, a missing DO99 or DO8E, 6987/6988 from the card, a
/// transport fault — ends the channel: its keys are wiped and every later call throws
/// ``SecureMessagingError/channelClosed``. Never retries a command.
public struct SecureChannel: Sendable {
    private var codec: SecureMessagingCodec?
    /// The plaintext bytes asked per READ BINARY: 223 keeps a protected AES or 3DES answer within
    /// 256 bytes for short APDUs.
    public var readChunkSize = 223

    /// A channel on `keys`, send sequence counter 0 (as PACE leaves it).
    public init(keys: SessionKeys) {
        codec = SecureMessagingCodec(keys: keys)
    }

    /// Whether the channel can still be used.
    public var isOpen: Bool { codec != nil }

    /// Sends `command` protected and returns the checked plain answer. Status words are
    /// returned (a 6A82 is an answer), except 6987/6988, which end the channel.
    public mutating func send(_ command: CommandAPDU, through card: inout CardTransaction) throws(SecureMessagingError) -> ResponseAPDU {
        guard var codec else { throw .channelClosed }
        do throws(SecureMessagingError) {
            let protected = try codec.protect(command)
            let response: ResponseAPDU
            do throws(DeviceError) { response = try card.send(protected) } catch { throw .transport(error) }
            let plain = try codec.unprotect(response)
            self.codec = codec
            return plain
        } catch {
            codec.wipe()
            close()
            throw error
        }
    }

    /// Reads the current EF (or, with `shortFileID`, that EF) in chunks through the channel until
    /// end of file (6282, a short chunk, 6B00 at a chunk boundary) or `length` bytes. Another
    /// status word is returned as the failure of the read.
    public mutating func readBinary(shortFileID: UInt8? = nil, length: Int? = nil,
                                    through card: inout CardTransaction) throws(SecureMessagingError) -> (contents: [UInt8], status: StatusWord) {
        var contents: [UInt8] = []
        var first = true
        while length.map({ contents.count < $0 }) ?? true {
            let chunk = min(readChunkSize, length.map { $0 - contents.count } ?? readChunkSize)
            let command = if first, let shortFileID {
                CardCommands.readBinary(shortFileID: shortFileID, length: chunk)
            } else {
                CardCommands.readBinary(offset: contents.count, length: chunk)
            }
            first = false
            let response = try send(command, through: &card)
            switch response.status {
            case .success, .endOfFile:
                contents += response.data
                if response.status == .endOfFile || response.data.count < chunk { return (contents, .success) }
            case .wrongParameters where !contents.isEmpty:
                return (contents, .success)
            default:
                return (contents, response.status)
            }
        }
        return (contents, .success)
    }

    /// Ends the channel and wipes its keys.
    public mutating func close() {
        codec?.wipe()
        codec = nil
    }
}
