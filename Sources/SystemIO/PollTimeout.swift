extension Duration {
    /// This duration as a `poll(2)` timeout: whole milliseconds rounded up (so a wait never ends
    /// early), negative as 0, and clamped to `Int32.max` (about 24 days).
    public var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int32.max }
        // Attoseconds are below 1e18 in magnitude, so adding the rounding term cannot overflow.
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let (total, overflowed) = milliseconds.addingReportingOverflow(fraction)
        guard !overflowed else { return Int32.max }
        return Int32(clamping: max(total, 0))
    }
}
