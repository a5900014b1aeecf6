import DeviceCore
import ReceiptPrinter

/// The text answer of `bhal printer status`: a fault reads as a fault, with what to do about it.
enum PrinterStatusText {
    /// The lines for `printer` in `status` with `spooled` receipts waiting (printed by
    /// `resumeCommand`), e.g.
    /// `tcp://…: FAULT: the printer is out of paper — Load a new paper roll and close the cover, then print again.`
    static func lines(printer: String, status: PrinterStatus, spooled: Int, resumeCommand: String) -> [String] {
        var lines: [String] = []
        let fault = status.blockingFault("print")
        if let fault {
            lines.append("\(printer): FAULT: \(fault.message) — \(fault.remedy)")
            if status.summary.contains(",") { lines.append("\(printer): condition: \(status.summary)") }
        } else if status.paperNearEnd {
            lines.append("\(printer): ready; paper near end — Have a new paper roll at hand and replace the roll soon.")
        } else {
            lines.append("\(printer): ready")
        }
        let reasons = status.reasons.filter { $0 != "none" }
        if !reasons.isEmpty { lines.append("\(printer): printer-state-reasons: \(reasons.joined(separator: ", "))") }
        if spooled > 0 {
            let when = fault == nil ? "print them with" : "once the fault is cleared, print them with"
            lines.append("\(printer): \(spooled) receipt(s) in the spool; \(when) `\(resumeCommand)`")
        }
        return lines
    }
}
