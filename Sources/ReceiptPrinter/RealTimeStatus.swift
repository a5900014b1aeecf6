/// The ESC/POS real-time status bytes (`DLE EOT n`, ASB, `GS r`, `GS I`) as a printer sends them,
/// and their meaning as a ``PrinterStatus`` (escpos.md §8).
///
/// Every `DLE EOT` reply has the fixed pattern `0xx1xx10`: an idle printer answers `0x12`.
public enum RealTimeStatus {
    /// The fixed bits of a `DLE EOT` reply (bits 1 and 4 set).
    public static let fixedBits: UInt8 = 0x12

    /// The `DLE EOT n` a status query sends, in order: 1 (printer), 2 (offline cause), 4 (paper);
    /// ``status(printer:offlineCause:paper:)`` takes the three replies.
    public static let queriedStatuses: [UInt8] = [1, 2, 4]

    /// The request `DLE EOT n`.
    public static func request(_ n: UInt8) -> [UInt8] { [0x10, 0x04, n] }

    /// Whether `byte` has the `DLE EOT` reply pattern (bits 1, 4 set; bits 0, 7 clear).
    public static func isReply(_ byte: UInt8) -> Bool { byte & 0x93 == 0x12 }

    /// The reply a printer in `status` sends to `DLE EOT n` (n 1...4), or `nil` for other `n`.
    /// Paper end, an open cover and offline all take the printer offline (n = 1, bit 3).
    public static func reply(to n: UInt8, status: PrinterStatus) -> UInt8? {
        let offline = !status.online || status.coverOpen || status.paperEnd
        switch n {
        case 1: return fixedBits | (offline ? 0x08 : 0)
        case 2: return fixedBits | (status.coverOpen ? 0x04 : 0) | (status.paperEnd ? 0x20 : 0)
        case 3: return fixedBits
        case 4: return fixedBits | (status.paperNearEnd ? 0x0C : 0) | (status.paperEnd ? 0x60 : 0)
        default: return nil
        }
    }

    /// The four Automatic Status Back bytes for `status`.
    public static func automaticStatusBack(_ status: PrinterStatus) -> [UInt8] {
        let offline = !status.online || status.coverOpen || status.paperEnd
        let first: UInt8 = 0x10 | (offline ? 0x08 : 0) | (status.coverOpen ? 0x20 : 0)
        let paper: UInt8 = (status.paperNearEnd ? 0x03 : 0) | (status.paperEnd ? 0x0C : 0)
        return [first, 0x00, paper, 0x00]
    }

    /// The `GS r n` reply: n = 1 paper sensor (near end bits 0–1, end bits 2–3), n = 2 drawer.
    public static func transmitStatus(_ n: UInt8, status: PrinterStatus) -> UInt8? {
        switch n {
        case 1, 49: return (status.paperNearEnd ? 0x03 : 0) | (status.paperEnd ? 0x0C : 0)
        case 2, 50: return 0x00
        default: return nil
        }
    }

    /// The status from the replies to `DLE EOT 1`, `2` and `4`.
    public static func status(printer: UInt8, offlineCause: UInt8, paper: UInt8) -> PrinterStatus {
        let coverOpen = offlineCause & 0x04 != 0
        let paperEnd = paper & 0x60 != 0 || offlineCause & 0x20 != 0
        var reasons: [String] = []
        if offlineCause & 0x40 != 0 { reasons.append("error") }
        if printer & 0x20 != 0 { reasons.append("waiting-for-online-recovery") }
        // Offline because of paper or cover is reported as those; offline alone means "not ready".
        let online = printer & 0x08 == 0 || coverOpen || paperEnd
        return PrinterStatus(online: online, coverOpen: coverOpen, paperNearEnd: paper & 0x0C != 0, paperEnd: paperEnd, reasons: reasons)
    }
}
