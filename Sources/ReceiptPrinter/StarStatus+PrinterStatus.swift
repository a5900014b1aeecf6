extension StarStatus {
    /// The bits of printer status 1 … 4 (bit masks per byte) and the reason each error bit names.
    private static let errorBits: [(byte: Int, mask: UInt8, reason: PrinterFaultReason)] = [
        (1, 0x40, .headOverheated), (1, 0x20, .unrecoverableError), (1, 0x08, .cutterError), (1, 0x04, .mechanicalError),
        (2, 0x40, .receiveBufferOverflow), (2, 0x08, .blackMarkError), (2, 0x04, .presenterPaperJam), (2, 0x02, .headUp),
    ]

    private func bit(_ byte: Int, _ mask: UInt8) -> Bool {
        byte < printerStatusBytes.count && printerStatusBytes[byte] & mask != 0
    }

    /// What the status means: cover open (status 1 bit 5), paper end (status 4 bit 3), near end
    /// (status 4 bit 2 or 1), and the error bits of status 2 and 3 as ``PrinterStatus/reasons``.
    ///
    /// A Star printer goes offline (status 1 bit 3) when the cover opens, the paper ends or an
    /// error occurs. That offline is reported as its cause, so `online` stays true; offline with
    /// no such cause, or taken by the offline switch (status 1 bit 6), is `online == false`.
    public var printerStatus: PrinterStatus {
        let coverOpen = bit(0, 0x20)
        let paperEnd = bit(3, 0x08)
        let reasons = Self.errorBits.filter { bit($0.byte, $0.mask) }.map(\.reason.name)
        let explained = coverOpen || paperEnd || reasons.contains { PrinterFaultReason.named($0)?.stopsPrinting == true }
        let online = !bit(0, 0x08) || (explained && !bit(0, 0x40))
        return PrinterStatus(online: online, coverOpen: coverOpen, paperNearEnd: bit(3, 0x04) || bit(3, 0x02),
                             paperEnd: paperEnd, reasons: reasons)
    }

    /// The ASB a Star printer in `status` sends: version 3 with printer status 1 to 7 (9 bytes,
    /// Header 1 `23`), as a network printer with Length 0 after it when `withLength` (Header 2
    /// bit 7 set), as a USB or serial printer without. Reasons this type does not know are left out.
    public init(_ status: PrinterStatus, withLength: Bool) {
        var bytes = [UInt8](repeating: 0, count: 7)
        let known = Set(status.reasons)
        for entry in Self.errorBits where known.contains(entry.reason.name) { bytes[entry.byte] |= entry.mask }
        let stops = status.reasons.contains { PrinterFaultReason.named($0)?.stopsPrinting == true }
        if status.coverOpen { bytes[0] |= 0x20 }
        if !status.online { bytes[0] |= 0x40 }
        if !status.online || status.coverOpen || status.paperEnd || stops { bytes[0] |= 0x08 }
        if status.paperEnd { bytes[3] |= 0x08 }
        if status.paperNearEnd { bytes[3] |= 0x04 }
        self.init(version: 3, printerStatusBytes: bytes, statusData: withLength ? [] : nil)
    }

    /// The status as the printer sends it: Header 1, Header 2, the printer status bytes, and the
    /// Length (low byte first) and status data when ``statusData`` is set.
    public var encoded: [UInt8] {
        let count = 2 + printerStatusBytes.count
        let header1 = 0x01 | UInt8(truncatingIfNeeded: (count & 0x07) << 1) | UInt8(truncatingIfNeeded: (count & 0x18) << 2)
        var header2 = UInt8(truncatingIfNeeded: (version & 0x07) << 1) | UInt8(truncatingIfNeeded: (version & 0x18) << 2)
        if statusData != nil { header2 |= 0x80 }
        var bytes = [header1, header2] + printerStatusBytes
        if let statusData {
            bytes += [UInt8(truncatingIfNeeded: statusData.count), UInt8(truncatingIfNeeded: statusData.count >> 8)] + statusData
        }
        return bytes
    }
}
