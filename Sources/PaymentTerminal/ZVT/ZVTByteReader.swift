/// A bounds-checked cursor over terminal bytes. Every read checks the remaining length and throws
/// a ``ZVTDecodingError`` with the absolute offset instead of trapping.
struct ZVTByteReader {
    private let bytes: [UInt8]
    /// The index of the next byte in `bytes`.
    private(set) var index: Int
    /// The index one past the last readable byte.
    let end: Int
    /// The absolute offset of `bytes[0]`, added to every reported offset.
    let base: Int

    /// A reader over `bytes[start..<end]`; reported offsets are `base + index`.
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, base: Int = 0) {
        self.bytes = bytes
        let limit = min(max(end ?? bytes.count, 0), bytes.count)
        self.index = min(max(start, 0), limit)
        self.end = limit
        self.base = base
    }

    /// The absolute offset of the next byte.
    var offset: Int { base + index }
    /// How many bytes are left.
    var remaining: Int { end - index }
    /// Whether all bytes were read.
    var isAtEnd: Bool { index >= end }

    /// The next byte without consuming it, or `nil` at the end.
    func peek() -> UInt8? { index < end ? bytes[index] : nil }

    /// The byte `distance` bytes ahead without consuming anything, or `nil` past the end.
    func peek(ahead distance: Int) -> UInt8? {
        guard distance >= 0, distance < end - index else { return nil }
        return bytes[index + distance]
    }

    /// Reads one byte; `what` names the element for the error message.
    mutating func readByte(_ what: @autoclosure () -> String) throws(ZVTDecodingError) -> UInt8 {
        guard index < end else {
            throw ZVTDecodingError(.truncated, offset: offset, "expected \(what()), found end of data")
        }
        defer { index += 1 }
        return bytes[index]
    }

    /// Reads `count` bytes; `what` names the element for the error message.
    mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(ZVTDecodingError) -> [UInt8] {
        guard count >= 0, count <= end - index else {
            throw ZVTDecodingError(.truncated, offset: offset,
                                   "expected \(count) bytes of \(what()), found \(max(end - index, 0))")
        }
        defer { index += count }
        return Array(bytes[index..<(index + count)])
    }

    /// A reader over only the next `count` bytes (clamped to what is left), with the same offsets.
    func prefix(_ count: Int) -> ZVTByteReader {
        ZVTByteReader(bytes, start: index, end: index + min(max(count, 0), end - index), base: base)
    }

    /// The next `count` bytes (fewer at the end) without consuming them.
    func upcoming(_ count: Int) -> [UInt8] {
        Array(bytes[index..<(index + min(max(count, 0), end - index))])
    }

    /// Moves past `count` bytes (clamped to what is left).
    mutating func skip(_ count: Int) {
        index += min(max(count, 0), end - index)
    }

    /// Reads everything that is left.
    mutating func readRest() -> [UInt8] {
        defer { index = end }
        return Array(bytes[index..<end])
    }
}
