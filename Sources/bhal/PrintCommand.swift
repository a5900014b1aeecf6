import ArgumentParser
import DeviceCore
import Foundation
import ReceiptPrinter

/// `bhal print RECEIPT.json | test | --raw FILE.bin --printer URI`.
struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a receipt JSON file, raw printer bytes, or a test page.",
        discussion: """
            `bhal print test` prints a test page (code-page table, barcode, QR code). A receipt stopped by a printer \
            fault (paper out, cover open, offline), or one a tcp:// printer did not confirm (it closed or reset the \
            connection instead of answering the status request after the job), is kept in the spool and printed by \
            `bhal printer resume`; `bhal print` never re-sends older spooled receipts. Exit codes: 0 printed (and \
            confirmed), 1 not printed (spooled when a printer fault or a lost connection stopped it), 2 usage or an \
            invalid receipt.
            """)

    @Argument(help: "The receipt JSON file, or `test` for a test page.")
    var receipt: String?

    @Option(name: .long, help: ArgumentHelp("Send this file's bytes unchanged instead of a receipt.", valueName: "FILE"))
    var raw: String?

    @OptionGroup var target: PrinterTargetOptions

    func validate() throws {
        guard (receipt == nil) != (raw == nil) else { throw ValidationError("give a receipt JSON file, `test`, or --raw FILE (exactly one)") }
    }

    func run() async throws {
        let document = try jobDocument()
        let service = try target.printService()
        let job = try jobBytes(document, service: service)
        try await service.printer.open()
        let outcome: PrintOutcome
        do throws(ReceiptPrintError) {
            outcome = try await service.printRaw(job)
        } catch {
            await service.printer.close()
            switch error {
            case .notSpooled(let printError, let failure):
                throw CommandFailure("\(printError)\nbhal: and the receipt could not be spooled: \(failure)", status: ExitStatus.failed)
            default:
                throw CommandFailure("\(error)", status: ExitStatus.failed)
            }
        }
        await service.printer.close()
        switch outcome {
        case .printed:
            print("printed \(job.count) bytes on \(target.printer)")
        case .spooled(let kept):
            throw CommandFailure("\(kept.error)\nbhal: the receipt is kept in the spool (\(kept.file.lastPathComponent)); after fixing the printer run " +
                                 "`\(target.resumeCommand)`", status: ExitStatus.failed)
        }
    }

    /// What to print: raw bytes (`--raw`) or a receipt document (the test page or a JSON file).
    private enum Job {
        case raw([UInt8])
        case receipt(Receipt)
    }

    private func jobDocument() throws -> Job {
        if let raw {
            do { return .raw(Array(try Data(contentsOf: URL(fileURLWithPath: raw)))) } catch {
                throw CommandFailure("\(raw): cannot read: \(error.localizedDescription)", status: ExitStatus.usage)
            }
        }
        if receipt == "test" { return .receipt(try TestPage.receipt(for: target.printerProfile)) }
        let path = receipt ?? ""
        do {
            return .receipt(try ReceiptJSON.decode(try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch {
            throw CommandFailure("\(path): \(error)", status: ExitStatus.usage)
        }
    }

    /// The job's bytes: a receipt encoded by the service for its printer's profile, its
    /// replacements reported on standard error.
    private func jobBytes(_ job: Job, service: ReceiptPrintService) throws -> [UInt8] {
        switch job {
        case .raw(let bytes):
            return bytes
        case .receipt(let document):
            do {
                let encoded = try service.encode(document)
                for line in CharacterReplacement.report(encoded.replacements) { FileHandle.standardError.write(Data("bhal: warning: \(line)\n".utf8)) }
                return encoded.bytes
            } catch {
                throw CommandFailure("\(receipt ?? ""): \(error)", status: ExitStatus.usage)
            }
        }
    }
}

/// The `bhal print test` page: code-page table, German text, barcode and QR code.
enum TestPage {
    static func receipt(for profile: PrinterProfile) throws -> Receipt {
        let page = profile.preferredCodePage
        var table = ""
        for row in stride(from: 0x80, to: 0x100, by: 16) {
            let characters = (row..<(row + 16)).map { page.character(for: UInt8($0)).map(String.init) ?? " " }
            table += String(row, radix: 16, uppercase: true) + " " + characters.joined() + "\n"
        }
        return Receipt(elements: [
            .text("BuergerHAL Testseite", style: TextStyle(bold: true, doubleWidth: true, doubleHeight: true), alignment: .center),
            .text("\(profile.displayName), \(page.displayName)", alignment: .center),
            .rule("="),
            .text("Gebühr für Führungszeugnis: 13,00 €\nStraße\nÄÖÜäöüß"),
            .rule(),
            .text(String(table.dropLast())),
            .barcode(try Barcode.code128("BHAL-TEST")),
            .qrCode(try QRCode("https://example.de/bhal-test", errorCorrection: .medium, moduleSize: 5)),
            .cut(.partial),
        ])
    }
}
