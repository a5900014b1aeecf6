/// Splits a byte stream (ZVT over TCP: bare APDUs, reads split anywhere) into APDUs.
///
/// Shaped like NIO's single-step byte-to-message decoder, without NIO: ``append(_:)`` what the
/// transport read, then call ``next()`` until it returns `nil`. Offsets in errors count from the
/// first byte ever appended. A length above ``maxDataLength`` is an error and poisons the decoder:
/// the APDU boundaries are lost, so the connection must be closed.
public struct ZVTAPDUStreamDecoder: Sendable {
    /// The largest data length accepted; larger announced lengths throw ``ZVTDecodingError/Reason/tooLong``.
    public let maxDataLength: Int
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// The stream offset of `buffer[0]`.
    private var bufferBase = 0
    private var failure: ZVTDecodingError?

    /// Creates a decoder accepting APDUs with up to `maxDataLength` data bytes (capped at 65535).
    public init(maxDataLength: Int = 32 * 1024) {
        self.maxDataLength = min(max(maxDataLength, 0), ZVTAPDU.maxDataLength)
    }

    /// Bytes appended but not yet returned as an APDU.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// The stream offset of the next undecoded byte.
    public var offset: Int { bufferBase + readIndex }

    /// Adds bytes read from the transport. Ignored after an error.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete APDU, or `nil` when more bytes are needed.
    public mutating func next() throws(ZVTDecodingError) -> ZVTAPDU? {
        if let failure { throw failure }
        guard case .complete(let headerLength, let dataLength) = ZVTAPDU.header(buffer, at: readIndex) else { return nil }
        guard dataLength <= maxDataLength else {
            let error = ZVTDecodingError(.tooLong, offset: offset + 2,
                                         "expected at most \(maxDataLength) data bytes, the header announces \(dataLength)")
            failure = error
            throw error
        }
        let start = readIndex + headerLength
        guard buffer.count - start >= dataLength else { return nil }
        let apdu = ZVTAPDU(class: buffer[readIndex], instruction: buffer[readIndex + 1],
                           data: Array(buffer[start..<(start + dataLength)]))
        readIndex = start + dataLength
        compact()
        return apdu
    }

    /// Appends `bytes` and returns every APDU that is now complete.
    public mutating func decode(_ bytes: some Sequence<UInt8>) throws(ZVTDecodingError) -> [ZVTAPDU] {
        append(bytes)
        var apdus: [ZVTAPDU] = []
        while let apdu = try next() { apdus.append(apdu) }
        return apdus
    }

    /// Call at end of stream: throws when a partial APDU is left over.
    public func finish() throws(ZVTDecodingError) {
        if let failure { throw failure }
        guard bufferedByteCount == 0 else {
            let needed: Int
            switch ZVTAPDU.header(buffer, at: readIndex) {
            case .incomplete(let headerBytes): needed = headerBytes
            case .complete(let headerLength, let dataLength): needed = headerLength + dataLength
            }
            throw ZVTDecodingError(.truncated, offset: bufferBase + buffer.count,
                                   "stream ended inside an APDU starting at offset \(offset): expected \(needed) bytes, found \(bufferedByteCount)")
        }
    }

    /// Drops consumed bytes once they dominate the buffer.
    private mutating func compact() {
        if readIndex == buffer.count {
            bufferBase += readIndex
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
            return
        }
        guard readIndex > 4096, readIndex * 2 > buffer.count else { return }
        buffer.removeFirst(readIndex)
        bufferBase += readIndex
        readIndex = 0
    }
}
