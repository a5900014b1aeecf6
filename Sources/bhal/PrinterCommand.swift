import ArgumentParser
import DeviceCore
import Foundation
import ReceiptPrinter

/// `bhal printer status|resume --printer URI [--profile NAME]`.
struct PrinterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer", abstract: "Read a receipt printer's status or print what its spool holds.",
        subcommands: [Status.self, Resume.self])

    /// `bhal printer status`
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the printer's real-time status. Exit codes: 0 ready, 1 a fault or no answer, 2 usage.",
            discussion: "tcp:// and usb:// printers are asked with DLE EOT, or with ESC ACK SOH (Star ASB) for a Star profile (--profile star-tsp100|star-tsp650); cups:// reports the queue's state.")

        @OptionGroup var target: PrinterTargetOptions

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            let service = try target.printService()
            try await service.printer.open()
            let status: PrinterStatus
            do { status = try await service.status() } catch {
                await service.printer.close()
                throw CommandFailure("\(error)", status: ExitStatus.failed)
            }
            await service.printer.close()
            let spooled = service.pendingJobs.count
            let fault = status.blockingFault("print")
            if json {
                struct Output: Encodable { var printer: String; var status: PrinterStatus; var ready: Bool; var spooledReceipts: Int }
                print(try JSONText.encode(Output(printer: target.printer, status: status, ready: fault == nil, spooledReceipts: spooled)))
            } else {
                print(PrinterStatusText.lines(printer: target.printer, status: status, spooled: spooled, resumeCommand: target.resumeCommand)
                    .joined(separator: "\n"))
            }
            if fault != nil { throw ExitCode(ExitStatus.failed) }
        }
    }

    /// `bhal printer resume`
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the receipts spooled for this printer, oldest first, each exactly once.",
            discussion: "Stops at the first failure; that receipt and later ones stay in the spool. Exit codes: 0 done, 1 a fault stopped it.")

        @OptionGroup var target: PrinterTargetOptions

        func run() async throws {
            let service = try target.printService()
            for file in service.interruptedJobs {
                FileHandle.standardError.write(Data("bhal: warning: \(file.path) was being sent when bhal stopped; it may have printed, so it is not resent (delete or rename it to .job)\n".utf8))
            }
            try await service.printer.open()
            do throws(SpoolResumeFailure) {
                let count = try await service.resume()
                await service.printer.close()
                print("printed \(count) spooled receipt(s) on \(target.printer)")
            } catch {
                await service.printer.close()
                throw CommandFailure("\(error.error)\nbhal: \(error.remaining) receipt(s) stay in the spool", status: ExitStatus.failed)
            }
        }
    }
}
