import ArgumentParser
import Foundation
import ReceiptPrinter

/// `bhal escpos`: receipt encoding that needs no printer.
struct ESCPOSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escpos",
        abstract: "Encode receipts to ESC/POS (or Star Line Mode) bytes without a printer.",
        subcommands: [ESCPOSEncodeCommand.self, ESCPOSRenderCommand.self, ESCPOSProfilesCommand.self])
}

/// `bhal escpos encode RECEIPT.json --out FILE.bin [--profile NAME]`.
struct ESCPOSEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode a receipt JSON file (docs/receipt-format.md) to printer bytes.",
        discussion: """
            Writes the job for the chosen printer profile. Characters the profile's code page cannot print are \
            printed as a visible stand-in and listed as warnings on stderr (more than five: one summary line). Exit codes: 0 written, 1 the output \
            cannot be written, 2 the receipt is invalid (the message names the JSON location) or cannot be printed \
            on that profile.
            """)

    @Argument(help: "The receipt JSON file.")
    var receipt: String

    @Option(name: .long, help: "The file to write the printer bytes to.")
    var out: String

    @Option(name: .long, help: "Printer profile: \(PrinterProfile.builtIn.map(\.id).joined(separator: ", ")).")
    var profile: String = PrinterProfile.default.id

    func validate() throws {
        guard PrinterProfile.named(profile) != nil else {
            throw ValidationError("unknown profile \"\(profile)\"; use one of \(PrinterProfile.builtIn.map(\.id).joined(separator: ", "))")
        }
    }

    func run() throws {
        let printer = PrinterProfile.named(profile) ?? .default
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: receipt))
        } catch {
            throw CommandFailure("\(receipt): cannot read the receipt: \(error.localizedDescription)", status: ExitStatus.usage)
        }
        let encoded: EncodedReceipt
        do {
            encoded = try ESCPOSEncoder(profile: printer).encode(try ReceiptJSON.decode(data))
        } catch {
            throw CommandFailure("\(receipt): \(error)", status: ExitStatus.usage)
        }
        for line in CharacterReplacement.report(encoded.replacements) { warn("\(receipt): \(line)") }
        for warning in encoded.warnings { warn("\(receipt): \(warning)") }
        do {
            try Data(encoded.bytes).write(to: URL(fileURLWithPath: out))
        } catch {
            throw CommandFailure("\(out): cannot write the printer bytes: \(error.localizedDescription)", status: ExitStatus.failed)
        }
        print("wrote \(encoded.bytes.count) bytes to \(out) (\(printer.id), \(encoded.codePage.displayName))")
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("bhal: warning: \(message)\n".utf8))
    }
}

/// `bhal escpos profiles`: the built-in printer profiles.
struct ESCPOSProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List the built-in printer profiles for --profile.")

    func run() {
        let rows = [["PROFILE", "MODEL", "PAPER", "DOTS", "CHARS A/B", "DIALECT", "CODE PAGES"]] + PrinterProfile.builtIn.map { profile in
            [profile.id, profile.displayName, "\(profile.paperWidthMillimetres) mm", "\(profile.printWidthDots)",
             "\(profile.charactersPerLineFontA)/\(profile.charactersPerLineFontB)", profile.dialect.rawValue,
             profile.codePages.map { "\($0.codePage.displayName)=\($0.number)" }.joined(separator: " ")]
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
    }
}
