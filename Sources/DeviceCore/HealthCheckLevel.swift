/// How far a health check may go (UnifiedPOS `checkHealth` levels).
public enum HealthCheckLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Checks the link and the device's own state; nothing visible happens.
    case `internal`
    /// Exercises the device (prints a test receipt, reads the card); a person may notice.
    case external
    /// Needs a person at the device (sign on the pad, insert a card).
    case interactive

    /// Levels order by how far they go: internal < external < interactive.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The raw value.
    public var description: String { rawValue }
}
