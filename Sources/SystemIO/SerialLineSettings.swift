/// How a serial line is set up: raw (no echo, no line editing, no flow control), 8 data bits,
/// the speed, parity and stop bits given here.
public struct SerialLineSettings: Sendable, Hashable {
    /// The speeds the kiosk devices use.
    public enum Baud: Int, Sendable, Hashable, CaseIterable {
        /// 9600 bit/s.
        case b9600 = 9600
        /// 19200 bit/s.
        case b19200 = 19200
        /// 38400 bit/s.
        case b38400 = 38400
        /// 57600 bit/s.
        case b57600 = 57600
        /// 115200 bit/s.
        case b115200 = 115200
    }

    /// Parity bit.
    public enum Parity: Sendable, Hashable {
        /// No parity bit.
        case none
        /// Even parity.
        case even
        /// Odd parity.
        case odd
    }

    /// The speed.
    public var baud: Baud
    /// The parity bit.
    public var parity: Parity
    /// 1 or 2 stop bits.
    public var stopBits: Int

    /// Settings; `stopBits` other than 2 means 1.
    public init(baud: Baud, parity: Parity = .none, stopBits: Int = 1) {
        self.baud = baud
        self.parity = parity
        self.stopBits = stopBits == 2 ? 2 : 1
    }
}
