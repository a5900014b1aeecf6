import DeviceCore

extension Duration {
    /// This duration as a `poll(2)` timeout: whole milliseconds rounded up (so a wait never ends
    /// early), negative as 0, and clamped to `Int32.max` (about 24 days).
    public var pollMilliseconds: Int32 { Int32(clamping: wholeMillisecondsRoundedUp) }
}
