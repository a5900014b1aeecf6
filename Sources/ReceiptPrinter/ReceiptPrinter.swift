public import DeviceCore

/// A receipt printer: real-time status and raw ESC/POS jobs.
///
/// The receipt document model and encoder build on ``printRaw(_:)``.
public protocol ReceiptPrinter: Device {
    /// The printer's current condition (online, cover, paper).
    func status() async throws(DeviceError) -> PrinterStatus
    /// Sends one job of raw printer bytes (ESC/POS) and returns when the printer has taken it.
    /// A printer fault (paper out, cover open) fails with ``DeviceError/Kind/hardwareFault``.
    func printRaw(_ job: [UInt8]) async throws(DeviceError)
}

/// A printer's condition, as far as its transport can tell.
public struct PrinterStatus: Sendable, Hashable, Codable {
    /// Whether the printer accepts data.
    public var online: Bool
    /// The cover is open.
    public var coverOpen: Bool
    /// Paper is running low.
    public var paperNearEnd: Bool
    /// Paper is out.
    public var paperEnd: Bool
    /// Further fault or state reasons as the backend reports them (IPP `printer-state-reasons`).
    public var reasons: [String]

    /// Creates a status.
    public init(online: Bool, coverOpen: Bool = false, paperNearEnd: Bool = false, paperEnd: Bool = false, reasons: [String] = []) {
        self.online = online
        self.coverOpen = coverOpen
        self.paperNearEnd = paperNearEnd
        self.paperEnd = paperEnd
        self.reasons = reasons
    }

    /// The condition in words: `ready`, or the faults and warnings, e.g. `offline, cover open, paper out`.
    public var summary: String {
        var facts: [String] = []
        if !online { facts.append("offline") }
        if coverOpen { facts.append("cover open") }
        if paperEnd { facts.append("paper out") } else if paperNearEnd { facts.append("paper near end") }
        return facts.isEmpty ? "ready" : facts.joined(separator: ", ")
    }

    /// The fault that stops printing, as an error for `operation`, or `nil` when the printer can print.
    /// Paper end and an open cover come first, then a ``PrinterFaultReason`` that stops printing
    /// (a cutter error, …), then offline.
    public func blockingFault(_ operation: String) -> DeviceError? {
        if paperEnd {
            return DeviceError(.hardwareFault, operation: operation, message: "the printer is out of paper",
                               remedy: "Load a new paper roll and close the cover, then print again.")
        }
        if coverOpen {
            return DeviceError(.hardwareFault, operation: operation, message: "the printer cover is open",
                               remedy: "Close the printer cover, then print again.")
        }
        if let reason = reasons.lazy.compactMap(PrinterFaultReason.named).first(where: \.stopsPrinting) {
            return DeviceError(.hardwareFault, operation: operation, message: reason.message, remedy: reason.remedy)
        }
        if !online {
            return DeviceError(.offline, operation: operation, message: "the printer is offline",
                               remedy: "Switch the printer on and check its cable or network connection.")
        }
        return nil
    }
}
