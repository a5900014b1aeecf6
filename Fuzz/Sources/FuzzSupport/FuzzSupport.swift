/// Helpers shared by the fuzz targets: the input as bytes, invariant checks, stream splits.

/// The bytes libFuzzer passes to `LLVMFuzzerTestOneInput` (no bytes for a null pointer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the process when an invariant does not hold: libFuzzer reports the input as a crash
/// ("deadly signal") and writes it as an artifact.
public func invariant(_ condition: Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError("invariant violated: \(message())", file: file, line: line) }
}

/// Whether a reported error offset points into the input or just past its end.
public func offsetInInput(_ offset: Int, count: Int, base: Int = 0) -> Bool {
    offset >= base && offset <= base + count
}

/// `bytes` cut into pieces of 1 to 16 bytes, sizes drawn from a generator seeded by the input
/// itself, so a stream decoder is fed as a transport delivers (reads split anywhere) and the same
/// input always splits the same way (a crash reproduces).
public func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var state = UInt32(truncatingIfNeeded: bytes.count) &* 2_654_435_761 ^ UInt32(bytes.first ?? 0)
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    while start < bytes.count {
        state = state &* 1_103_515_245 &+ 12_345
        let size = Int((state >> 16) % 16) + 1
        let end = min(start + size, bytes.count)
        result.append(bytes[start..<end])
        start = end
    }
    return result
}
