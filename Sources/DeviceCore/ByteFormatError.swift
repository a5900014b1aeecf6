/// Bytes from a device or a file that do not have the expected shape: the offset where parsing
/// stopped and what was expected there. Parsers of external bytes return this instead of trapping.
public struct ByteFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The byte (or character) offset of the problem in the parsed input.
    public var offset: Int
    /// What was wrong or expected.
    public var reason: String

    /// Creates an error.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `offset N: reason`
    public var description: String { "offset \(offset): \(reason)" }
}
