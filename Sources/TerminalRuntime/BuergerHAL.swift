/// Facts about this build of BuergerHAL.
public enum BuergerHAL {
    /// The version printed by `bhal --version`.
    public static let version = "0.1.0"
}
