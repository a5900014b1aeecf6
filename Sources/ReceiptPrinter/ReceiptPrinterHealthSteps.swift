public import DeviceCore

/// The health-check steps every receipt printer shares, whatever its transport.
public enum ReceiptPrinterHealthSteps {
    /// A short test receipt: initialise, code page PC858, German text with €, feed and partial cut.
    public static let testReceipt: [UInt8] = {
        var bytes: [UInt8] = [0x1B, 0x40, 0x1B, 0x74, 19]  // ESC @, ESC t 19 (PC858)
        bytes += Array("BuergerHAL Selbsttest".utf8) + [0x0A]
        // "Gebühr: 0,00 €" in PC858: ü = 81, € = D5.
        bytes += Array("Geb".utf8) + [0x81] + Array("hr: 0,00 ".utf8) + [0xD5, 0x0A]
        bytes += [0x1B, 0x64, 0x03, 0x1D, 0x56, 0x01]  // ESC d 3, GS V 1 (partial cut)
        return bytes
    }()

    /// The same test receipt in Star Line Mode: `ESC @`, `ESC GS t 4` (PC858), the two lines,
    /// `ESC d 3` (feed to the cutter, partial cut).
    public static let starTestReceipt: [UInt8] = {
        var bytes: [UInt8] = [0x1B, 0x40, 0x1B, 0x1D, 0x74, 4]
        bytes += Array("BuergerHAL Selbsttest".utf8) + [0x0A]
        bytes += Array("Geb".utf8) + [0x81] + Array("hr: 0,00 ".utf8) + [0xD5, 0x0A]
        bytes += [0x1B, 0x64, 0x03]
        return bytes
    }()

    /// The test receipt for printers that speak `dialect`.
    public static func testReceipt(for dialect: CommandDialect) -> [UInt8] {
        switch dialect {
        case .escpos: testReceipt
        case .starLine: starTestReceipt
        }
    }

    /// Internal: status readable and no fault. External: a test receipt in `dialect` prints.
    public static func record(_ level: HealthCheckLevel, of printer: some ReceiptPrinter, dialect: CommandDialect = .escpos,
                              into recorder: inout HealthCheckRecorder) async {
        await recorder.step("status readable") {
            let status = try await printer.status()
            if let fault = status.blockingFault("read status") { throw fault }
            var notes = ["online"]
            if status.paperNearEnd { notes.append("paper near end") }
            return (notes + status.reasons.filter { $0 != "none" }).joined(separator: ", ")
        }
        if level >= .external {
            let receipt = testReceipt(for: dialect)
            await recorder.step("test receipt printed") {
                try await printer.printRaw(receipt)
                return "\(receipt.count) bytes"
            }
        }
    }
}
