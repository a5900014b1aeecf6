public import DeviceCore

/// A feature report the host sets on a Wacom STU pad (HID SET_REPORT over EP0) to drive a
/// capture. The host encodes it; the simulated pad decodes it, as a real pad would.
public enum STUCommand: Sendable, Hashable {
    /// Clear the screen (20); the pad is in state `image` until it is done.
    case clearScreen
    /// Switch the pad's own inking on or off (21).
    case inkingMode(on: Bool)
    /// Start sending pen data for the capture `id` (15; the id is chosen by the host, big-endian).
    case startCapture(id: UInt32)
    /// Stop sending pen data (16).
    case endCapture

    /// The report's bytes, report ID first.
    public var bytes: [UInt8] {
        switch self {
        case .clearScreen: [STUReport.ID.clearScreen.rawValue, 0]
        case .inkingMode(let on): [STUReport.ID.inkingMode.rawValue, on ? 1 : 0]
        case .startCapture(let id):
            [STUReport.ID.startCapture.rawValue] + STUReport.bigEndian(UInt16(truncatingIfNeeded: id >> 16))
                + STUReport.bigEndian(UInt16(truncatingIfNeeded: id))
        case .endCapture: [STUReport.ID.endCapture.rawValue, 0]
        }
    }

    /// Decodes a feature report the pad received; throws naming the offset for an ID that is not
    /// a capture command, a short report or a value the pad would refuse.
    public init(decoding report: [UInt8]) throws(STUReport.ParseError) {
        guard let first = report.first else { throw STUReport.ParseError(offset: 0, reason: "empty report") }
        guard let id = STUReport.ID(rawValue: first), [.clearScreen, .inkingMode, .startCapture, .endCapture].contains(id) else {
            throw STUReport.ParseError(offset: 0, reason: "report id 0x\(String(first, radix: 16, uppercase: true)) is not a capture command")
        }
        try STUReport.expect(report, id: id)
        switch id {
        case .inkingMode:
            guard report[1] <= 1 else { throw STUReport.ParseError(offset: 1, reason: "inking mode \(report[1]), expected 0 or 1") }
            self = .inkingMode(on: report[1] == 1)
        case .startCapture:
            self = .startCapture(id: UInt32(STUReport.be16(report, 1)) << 16 | UInt32(STUReport.be16(report, 3)))
        case .endCapture:
            self = .endCapture
        default:
            guard report[1] == 0 else { throw STUReport.ParseError(offset: 1, reason: "clear screen takes 0, not \(report[1])") }
            self = .clearScreen
        }
    }
}
