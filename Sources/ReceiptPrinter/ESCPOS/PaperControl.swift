/// How the autocutter cuts.
public enum CutMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Through the whole width.
    case full
    /// Leaving a small bridge, so the receipt hangs until taken (the default).
    case partial
}

/// The printer's cash-drawer connector pin that drives the kick-out solenoid.
public enum DrawerPin: Int, Sendable, Hashable, Codable, CaseIterable {
    /// Pin 2: the first drawer (Star: external device 1).
    case pin2 = 2
    /// Pin 5: the second drawer (Star: external device 2).
    case pin5 = 5
}

/// A pulse that opens a cash drawer (`ESC p` on ESC/POS, `ESC BEL` + `BEL`/`SUB` on Star).
///
/// The solenoid overheats when driven too long: the on-time must be at most a fifth of the whole
/// cycle (on / (on + off) ≤ 0.2), as drawer vendors advise.
public struct DrawerPulse: Sendable, Hashable {
    /// The connector pin.
    public let pin: DrawerPin
    /// How long the solenoid is energised, in milliseconds (2...510).
    public let onMilliseconds: Int
    /// The pause after the pulse, in milliseconds (2...510).
    public let offMilliseconds: Int

    /// The largest on / (on + off) ratio allowed.
    public static let maximumDutyCycle = 0.2

    /// Creates a pulse; the defaults (100 ms on, 500 ms off) suit common drawers.
    public init(pin: DrawerPin = .pin2, onMilliseconds: Int = 100, offMilliseconds: Int = 500) throws(ReceiptError) {
        for (name, value) in [("onMs", onMilliseconds), ("offMs", offMilliseconds)] where !(2...510).contains(value) {
            throw ReceiptError(path: name, message: "drawer pulse time \(value) ms is outside 2...510 ms",
                               remedy: "ESC p counts in 2 ms steps up to 510 ms; 100 ms on and 500 ms off suit most drawers.")
        }
        let duty = Double(onMilliseconds) / Double(onMilliseconds + offMilliseconds)
        guard duty <= Self.maximumDutyCycle else {
            throw ReceiptError(path: "onMs", message: "drawer pulse duty cycle \(onMilliseconds)/(\(onMilliseconds)+\(offMilliseconds)) exceeds 0.2",
                               remedy: "Lengthen the off-time to at least 4 × the on-time, so the solenoid does not overheat.")
        }
        self.pin = pin
        self.onMilliseconds = onMilliseconds
        self.offMilliseconds = offMilliseconds
    }
}
