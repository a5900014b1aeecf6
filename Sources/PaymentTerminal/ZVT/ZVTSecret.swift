/// Bytes that must never be shown: passwords, track data, CVV, PIN data. Kept for re-encoding only.
public struct ZVTSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret bytes (internal: re-encoding only).
    let bytes: [UInt8]

    /// Wraps secret bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// How many bytes the secret has.
    public var count: Int { bytes.count }

    /// `******`
    public var description: String { "******" }

    /// `ZVTSecret(n bytes)`
    public var debugDescription: String { "ZVTSecret(\(bytes.count) bytes)" }
}
