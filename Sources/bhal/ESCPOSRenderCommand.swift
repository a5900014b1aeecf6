import ArgumentParser
import Foundation
import ReceiptPrinter

/// `bhal escpos render FILE.bin --png OUT.png [--text] [--profile NAME]`.
struct ESCPOSRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render printer bytes (ESC/POS, or Star Line Mode for Star profiles) as the simulated printer would print them.",
        discussion: "Writes a PNG at the profile's dot width; --text prints the receipt's text (UTF-8). Notes about unknown or broken commands go to stderr.")

    @Argument(help: "The job's bytes (ESC/POS, or Star Line Mode with --profile star-tsp100 or star-tsp650).")
    var file: String

    @Option(name: .long, help: "The PNG file to write.")
    var png: String

    @Flag(name: .long, help: "Also print the receipt's text on standard output.")
    var text = false

    @Option(name: .long, help: "Printer profile: \(PrinterProfile.builtIn.map(\.id).joined(separator: ", ")).")
    var profile: String = PrinterProfile.default.id

    func validate() throws {
        guard PrinterProfile.named(profile) != nil else {
            throw ValidationError("unknown profile \"\(profile)\"; use one of \(PrinterProfile.builtIn.map(\.id).joined(separator: ", "))")
        }
    }

    func run() throws {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
            throw CommandFailure("\(file): cannot read: \(error.localizedDescription)", status: ExitStatus.usage)
        }
        let rendered = ESCPOSInterpreter.render(bytes, profile: PrinterProfile.named(profile) ?? .default)
        for note in rendered.notes { FileHandle.standardError.write(Data("bhal: note: \(file) \(note)\n".utf8)) }
        do { try Data(rendered.png()).write(to: URL(fileURLWithPath: png)) } catch {
            throw CommandFailure("\(png): cannot write: \(error.localizedDescription)", status: ExitStatus.failed)
        }
        if text { print(rendered.text, terminator: "") }
    }
}
