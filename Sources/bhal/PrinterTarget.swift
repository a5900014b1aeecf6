import ArgumentParser
import DeviceCore
import Foundation
import ReceiptPrinter
import TerminalRuntime

/// `--printer URI` and `--spool-dir DIR`, shared by `bhal print` and `bhal printer`.
struct PrinterTargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The printer: tcp://HOST:PORT, cups://QUEUE[?server=HOST:PORT], usb://VID:PID[/SERIAL] or file:///PATH.", valueName: "URI"))
    var printer: String

    @Option(name: .long, help: ArgumentHelp("Where receipts stopped by a printer fault are kept (default $BHAL_SPOOL_DIR or /var/spool/buergerhal).", valueName: "DIR"))
    var spoolDir: String?

    /// The spool of this printer.
    var spool: ReceiptSpool {
        let root = spoolDir ?? ProcessInfo.processInfo.environment["BHAL_SPOOL_DIR"] ?? "/var/spool/buergerhal"
        return ReceiptSpool(root: URL(fileURLWithPath: root), printerURI: printer)
    }

    /// The opened printer for the URI (through the standard backend catalog).
    func open() async throws -> any ReceiptPrinter {
        guard let scheme = printer.split(separator: ":").first.map(String.init), ["tcp", "cups", "usb", "file"].contains(scheme) else {
            throw ValidationError("--printer must be tcp://HOST:PORT, cups://QUEUE, usb://VID:PID[/SERIAL] or file:///PATH, not \"\(printer)\"")
        }
        let configuration = DeviceConfiguration(logicalName: "printer", family: .receiptPrinter, backend: scheme, uri: printer)
        guard let device = try BackendCatalog.standard.makeDevice(configuration) as? any ReceiptPrinter else {
            throw ValidationError("\(printer) is not a receipt printer")
        }
        try await device.open()
        return device
    }
}

/// Writes `bhal: message` to standard error and exits with `status`.
func exitWithMessage(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("bhal: \(message)\n".utf8))
    Foundation.exit(status)
}
