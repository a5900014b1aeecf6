extension Duration {
    /// Whole milliseconds, rounded up so that a wait never ends early; 0 for zero and negative
    /// durations, `Int64.max` where the count would overflow. The one conversion behind the
    /// `poll` timeouts (SystemIO) and the libusb timeouts (USBHost).
    public var wholeMillisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int64.max }
        // Attoseconds stay below 1e18, so adding the rounding term cannot overflow.
        let (total, overflowed) = whole.addingReportingOverflow((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return overflowed ? Int64.max : max(total, 0)
    }
}
