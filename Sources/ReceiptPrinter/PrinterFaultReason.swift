/// A printer condition beyond paper, cover and online that a status names in
/// ``PrinterStatus/reasons`` (Star's ASB reports these), with what it means for a technician.
public struct PrinterFaultReason: Sendable, Hashable {
    /// The name in ``PrinterStatus/reasons``, e.g. `cutter-error`.
    public var name: String
    /// What is wrong, one sentence.
    public var message: String
    /// What to do about it.
    public var remedy: String
    /// Whether the printer stops printing while it lasts.
    public var stopsPrinting: Bool

    /// Creates a reason.
    public init(name: String, message: String, remedy: String, stopsPrinting: Bool) {
        self.name = name
        self.message = message
        self.remedy = remedy
        self.stopsPrinting = stopsPrinting
    }

    /// The auto-cutter failed (Star printer status 2, bit 3).
    public static let cutterError = PrinterFaultReason(
        name: "cutter-error", message: "the printer's auto-cutter is jammed or failed",
        remedy: "Open the cover, remove paper stuck in the cutter, close the cover; if the error stays, switch the printer off and on.",
        stopsPrinting: true)
    /// A mechanical error (Star printer status 2, bit 2).
    public static let mechanicalError = PrinterFaultReason(
        name: "mechanical-error", message: "the printer reports a mechanical error",
        remedy: "Open the cover, remove jammed paper and close the cover; if the error stays, switch the printer off and on, then call service.",
        stopsPrinting: true)
    /// An error the printer cannot recover from by itself (Star printer status 2, bit 5).
    public static let unrecoverableError = PrinterFaultReason(
        name: "unrecoverable-error", message: "the printer reports an unrecoverable error",
        remedy: "Switch the printer off and on; if the error stays, the printer needs service.",
        stopsPrinting: true)
    /// Printing stopped because the head is too hot (Star printer status 2, bit 6).
    public static let headOverheated = PrinterFaultReason(
        name: "head-overheated", message: "the print head is too hot, so the printer stopped",
        remedy: "Wait a few minutes until the head has cooled down, then print again.",
        stopsPrinting: true)
    /// Paper is jammed in the presenter (Star printer status 3, bit 2).
    public static let presenterPaperJam = PrinterFaultReason(
        name: "presenter-paper-jam", message: "paper is jammed in the printer's presenter",
        remedy: "Remove the jammed paper from the presenter, then print again.",
        stopsPrinting: true)
    /// The print head is lifted (Star printer status 3, bit 1).
    public static let headUp = PrinterFaultReason(
        name: "head-up", message: "the printer's head is lifted",
        remedy: "Close the head lever (or the cover) firmly, then print again.",
        stopsPrinting: true)
    /// A black mark was not found where expected (Star printer status 3, bit 3).
    public static let blackMarkError = PrinterFaultReason(
        name: "black-mark-error", message: "the printer did not find the black mark on the paper",
        remedy: "Check that the loaded paper has black marks, or switch black-mark detection off in the printer's settings.",
        stopsPrinting: false)
    /// The printer's receive buffer overflowed (Star printer status 3, bit 6); cleared once reported.
    public static let receiveBufferOverflow = PrinterFaultReason(
        name: "receive-buffer-overflow", message: "the printer's receive buffer overflowed, so part of a job may be lost",
        remedy: "Check the last receipt; reprint it if it is incomplete.",
        stopsPrinting: false)

    /// Every reason a backend of this module reports.
    public static let known: [PrinterFaultReason] = [
        cutterError, mechanicalError, unrecoverableError, headOverheated, presenterPaperJam, headUp, blackMarkError, receiveBufferOverflow,
    ]

    /// The known reason called `name`, or `nil`.
    public static func named(_ name: String) -> PrinterFaultReason? {
        known.first { $0.name == name }
    }
}
