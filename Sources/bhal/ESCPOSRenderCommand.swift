import ArgumentParser
import Foundation
import ReceiptPrinter

/// `bhal escpos render FILE.bin --png OUT.png [--text] [--profile NAME]`.
struct ESCPOSRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render printer bytes (ESC/POS, or Star Line Mode for Star profiles) as the simulated printer would print them.",
        discussion: """
            Writes a PNG at the profile's dot width; --text prints the receipt's text (UTF-8). Notes about unknown or broken \
            commands go to stderr. Like a paper roll, the render ends after --max-paper-length millimetres (and \
            \(RenderLimits.default.maximumTextLines) text lines): the rest of a longer job is cut off, with a note naming the byte \
            offset.
            """)

    @Argument(help: "The job's bytes (ESC/POS, or Star Line Mode with --profile star-tsp100 or star-tsp650).")
    var file: String

    @Option(name: .long, help: "The PNG file to write.")
    var png: String

    @Flag(name: .long, help: "Also print the receipt's text on standard output.")
    var text = false

    @Option(name: .long, help: "Printer profile: \(PrinterProfile.builtIn.map(\.id).joined(separator: ", ")).")
    var profile: String = PrinterProfile.default.id

    @OptionGroup var paper: PaperLengthOption

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
        let rendered = ESCPOSInterpreter.render(bytes, profile: PrinterProfile.named(profile) ?? .default, limits: paper.limits)
        for note in rendered.notes { FileHandle.standardError.write(Data("bhal: note: \(file) \(note)\n".utf8)) }
        do { try Data(rendered.png()).write(to: URL(fileURLWithPath: png)) } catch {
            throw CommandFailure("\(png): cannot write: \(error.localizedDescription)", status: ExitStatus.failed)
        }
        if text { print(rendered.text, terminator: "") }
    }
}

/// `--max-paper-length MM`: where the simulated paper ends (``RenderLimits``), shared by
/// `bhal escpos render` and `bhal simulate printer`.
struct PaperLengthOption: ParsableArguments {
    @Option(name: .customLong("max-paper-length"), help: ArgumentHelp(
        "Paper drawn per job, in millimetres (8 dots each; at most 100000); the rest of a longer job is cut off with a note.",
        valueName: "MM"))
    var millimetres = RenderLimits.default.maximumLengthMillimetres

    func validate() throws {
        guard (1...100_000).contains(millimetres) else { throw ValidationError("--max-paper-length must be 1...100000 millimetres") }
    }

    /// The render limits with this paper length.
    var limits: RenderLimits { RenderLimits(maximumLengthMillimetres: millimetres) }
}
