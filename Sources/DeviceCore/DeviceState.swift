/// The lifecycle state every device shares (after UnifiedPOS `State`).
public enum DeviceState: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Not opened: no handle to the hardware or service is held.
    case closed
    /// Opened and ready for an operation.
    case idle
    /// An operation is running.
    case busy
    /// The last operation left the device in a fault; `close` and `open` again, or fix the cause.
    case error

    /// The raw value, for tables.
    public var description: String { rawValue }
}
