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

    /// The logical name of the one printer `--printer` configures.
    static let logicalName = "printer"

    /// A registry holding the one printer `--printer` names (backend by the URI's scheme, the
    /// profile given here), with the spool directory given here.
    func registry() throws -> DeviceRegistry {
        guard let scheme = printer.split(separator: ":").first.map(String.init), ["tcp", "cups", "usb", "file"].contains(scheme) else {
            throw ValidationError("--printer must be tcp://HOST:PORT, cups://QUEUE, usb://VID:PID[/SERIAL] or file:///PATH, not \"\(printer)\"")
        }
        let device = DeviceConfiguration(logicalName: Self.logicalName, family: .receiptPrinter, backend: scheme, uri: printer,
                                         profile: printerProfile.id)
        let spoolRoot = spoolDir.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? BackendContext.defaultSpoolDirectory
        return try DeviceRegistry(configuration: TerminalConfiguration(devices: [device]), context: BackendContext(spoolDirectory: spoolRoot))
    }

    /// The print service of the printer the URI names (through the registry; not yet opened),
    /// asking status in the profile's dialect, encoding for the profile, with its spool: under
    /// --spool-dir (else $BHAL_SPOOL_DIR or /var/spool/buergerhal), in the directory of its
    /// normalised endpoint, so `tcp://h` and `tcp://h:9100` share one.
    func printService() throws -> ReceiptPrintService {
        try registry().receiptPrintService(Self.logicalName)
    }
}
