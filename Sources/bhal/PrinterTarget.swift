import ArgumentParser
import DeviceCore
import Foundation
import ReceiptPrinter
import TerminalRuntime

/// `--printer URI`, `--profile NAME` and `--spool-dir DIR`, shared by `bhal print` and `bhal printer`.
struct PrinterTargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The printer: tcp://HOST:PORT, cups://QUEUE[?server=HOST:PORT], usb://VID:PID[/SERIAL] or file:///PATH.", valueName: "URI"))
    var printer: String

    @Option(name: .long, help: ArgumentHelp(
        "Printer profile: \(PrinterProfile.builtIn.map(\.id).joined(separator: ", ")). Star profiles read status with ESC ACK SOH (Star ASB), the others with DLE EOT.",
        valueName: "NAME"))
    var profile: String = PrinterProfile.default.id

    @Option(name: .long, help: ArgumentHelp("Where receipts stopped by a printer fault are kept (default $BHAL_SPOOL_DIR or /var/spool/buergerhal).", valueName: "DIR"))
    var spoolDir: String?

    /// The spool of this printer.
    var spool: ReceiptSpool {
        let root = spoolDir ?? ProcessInfo.processInfo.environment["BHAL_SPOOL_DIR"] ?? "/var/spool/buergerhal"
        return ReceiptSpool(root: URL(fileURLWithPath: root), printerURI: printer)
    }

    func validate() throws {
        guard PrinterProfile.named(profile) != nil else {
            throw ValidationError("unknown profile \"\(profile)\"; use one of \(PrinterProfile.builtIn.map(\.id).joined(separator: ", "))")
        }
    }

    /// The profile named by `--profile`.
    var printerProfile: PrinterProfile { PrinterProfile.named(profile) ?? .default }

    /// The `bhal printer resume` command for this printer, with the profile (when not the
    /// default) and spool directory given here.
    var resumeCommand: String {
        "bhal printer resume --printer \(printer)" + (printerProfile == .default ? "" : " --profile \(printerProfile.id)")
            + (spoolDir.map { " --spool-dir \($0)" } ?? "")
    }

    /// The opened printer for the URI (through the standard backend catalog), asking status in
    /// the profile's dialect.
    func open() async throws -> any ReceiptPrinter {
        guard let scheme = printer.split(separator: ":").first.map(String.init), ["tcp", "cups", "usb", "file"].contains(scheme) else {
            throw ValidationError("--printer must be tcp://HOST:PORT, cups://QUEUE, usb://VID:PID[/SERIAL] or file:///PATH, not \"\(printer)\"")
        }
        let configuration = DeviceConfiguration(logicalName: "printer", family: .receiptPrinter, backend: scheme, uri: printer, profile: printerProfile.id)
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
