public import DeviceCore

/// A response APDU: data followed by the status word.
public struct ResponseAPDU: Sendable, Hashable, CustomStringConvertible {
    /// The response data (may be empty).
    public var data: [UInt8]
    /// The status word.
    public var status: StatusWord

    /// Creates a response.
    public init(data: [UInt8] = [], status: StatusWord) {
        self.data = data
        self.status = status
    }

    /// A response shorter than a status word: offset (the length received) and reason.
    public typealias FormatError = ByteFormatError

    /// Splits raw response bytes into data and status word.
    public init(bytes: [UInt8]) throws(FormatError) {
        guard bytes.count >= 2 else {
            throw FormatError(offset: bytes.count, reason: "response of \(bytes.count) byte(s) has no status word")
        }
        data = Array(bytes.dropLast(2))
        status = StatusWord(sw1: bytes[bytes.count - 2], sw2: bytes[bytes.count - 1])
    }

    /// Data followed by SW1 SW2.
    public var bytes: [UInt8] { data + [status.sw1, status.sw2] }

    /// `N bytes, SW 9000 (success)`
    public var description: String { "\(data.count) bytes, SW \(status)" }
}
