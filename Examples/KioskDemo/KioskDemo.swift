import DeviceCore
import Foundation
import PaymentTerminal
import ReceiptPrinter
import SignaturePad
import SmartCard
import TerminalRuntime

/// KioskDemo: one visit at a citizen-service kiosk, through the BuergerHAL library only.
///
/// `KioskDemo [CONFIG.yaml]` opens the devices of the configuration (default: one simulator per
/// family, ``SimulatorConfiguration``), takes a fee on the payment terminal (journaled, with the
/// money rules of `bhal payment`), prints the fee receipt with the terminal's customer receipt
/// (spooled if a printer fault stops it), reads the card in one card transaction and captures a
/// signature. It prints facts, never secrets or signature samples. Exit 1 on any failure.
@main
struct KioskDemo {
    /// The fee for a certificate of good conduct (Führungszeugnis), in cents.
    static let feeCents = 1300

    /// Runs the visit; prints the error and exits 1 if a step fails.
    static func main() async {
        do {
            try await visit(configuration: try configuration(CommandLine.arguments.dropFirst().first))
        } catch {
            FileHandle.standardError.write(Data("KioskDemo: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The configuration file given, or the bundled simulators.
    static func configuration(_ path: String?) throws(ConfigurationError) -> TerminalConfiguration {
        guard let path else { return try ConfigurationLoader().parse(SimulatorConfiguration.yaml, file: "KioskDemo simulators") }
        return try ConfigurationLoader().load(path: path)
    }

    /// Every step of the visit on the configuration's devices (the first of each family).
    static func visit(configuration: TerminalConfiguration) async throws {
        let registry = try DeviceRegistry(configuration: configuration, context: context())
        let result = try await takeFee(try registry.paymentTerminal(name(.paymentTerminal, in: configuration)))
        try await printReceipt(for: result, on: try registry.receiptPrintService(name(.receiptPrinter, in: configuration)))
        try await readCard(try registry.cardReader(name(.smartCardReader, in: configuration)))
        try await captureSignature(try registry.signaturePad(name(.signaturePad, in: configuration)))
    }

    /// Takes the fee; the payment is journaled before its first byte goes to the terminal.
    static func takeFee(_ terminal: any PaymentTerminal) async throws -> PaymentResult {
        try await terminal.open()
        try await terminal.claim()
        _ = try await terminal.recoverInDoubtPayments()        // settle what a crash left in doubt
        let result = try await terminal.authorize(amountCents: feeCents, requestID: "kiosk-\(UUID().uuidString)") { display in
            print("terminal: \(display.text)")
        }
        await terminal.close()
        guard result.outcome == .approved else { throw DemoFailure("the payment ended \(result.outcome.rawValue)") }
        print("paid: \(euros(result.amountCents ?? 0)) (\(result.outcome.rawValue))")
        return result
    }

    /// Prints the fee receipt with the terminal's customer receipt appended.
    static func printReceipt(for payment: PaymentResult, on service: ReceiptPrintService) async throws {
        let receipt = Receipt(elements: [
            .text("Bürgeramt", style: TextStyle(bold: true, doubleWidth: true), alignment: .center),
            .text("Führungszeugnis: \(euros(feeCents))"), .rule(),
        ] + payment.customerReceipt.map { .text($0) } + [.cut(.partial)])
        try await service.printer.open()
        let outcome = try await service.print(receipt)
        await service.printer.close()
        switch outcome {
        case .printed(let printed):
            print("receipt: printed \(printed.byteCount) bytes with \(payment.customerReceipt.count) terminal receipt lines")
        case .spooled(let kept):
            print("receipt: kept in the spool (\(kept.error.message)); `bhal printer resume` prints it once")
        }
        for replacement in outcome.replacements { print("receipt: note: \(replacement)") }
        // On the simulator, what came out of the real ESC/POS interpreter:
        if let simulated = service.printer as? SimulatedReceiptPrinter, let paper = await simulated.printedReceipts.last {
            print("paper: " + paper.text.split(separator: "\n").prefix(2).joined(separator: " | "))
        }
    }

    /// Selects the card's master file in one card transaction (nothing can interleave with it).
    static func readCard(_ reader: any CardReader) async throws {
        try await reader.open()
        let response = try await reader.transaction { card throws(DeviceError) in
            try card.send(CardCommands.selectMasterFile)
        }
        await reader.close()
        print("card: SELECT MF → SW \(response.status)")
    }

    /// Captures one signature; reports counts only (samples are biometric data).
    static func captureSignature(_ pad: any SignaturePad) async throws {
        try await pad.open()
        print("signature pad: please sign")
        let session = try await pad.startCapture(CaptureOptions(timeout: .seconds(60), completeAfterPenUp: CaptureOptions.defaultPenUpCompletion))
        let outcome = try await session.outcome()
        await pad.close()
        guard let capture = outcome.capture else { throw DemoFailure("the signature ended \(outcome.name)") }
        print("signature: \(outcome.name), \(capture.strokeCount) strokes, \(capture.samples.count) samples")
    }

    /// The journal and spool: `$BHAL_PAYMENT_JOURNAL` / `$BHAL_SPOOL_DIR`, else in the temporary directory.
    static func context() -> BackendContext {
        let environment = ProcessInfo.processInfo.environment
        let temporary = FileManager.default.temporaryDirectory
        let journal = environment["BHAL_PAYMENT_JOURNAL"] ?? temporary.appendingPathComponent("kiosk-demo-payments.sqlite").path
        let spool = environment["BHAL_SPOOL_DIR"].map { URL(fileURLWithPath: $0) } ?? temporary.appendingPathComponent("kiosk-demo-spool")
        return BackendContext(journalPath: journal, spoolDirectory: spool)
    }

    /// The logical name of the configuration's first device of `family`.
    static func name(_ family: DeviceFamily, in configuration: TerminalConfiguration) throws -> String {
        guard let entry = configuration.devices.first(where: { $0.family == family }) else {
            throw DemoFailure("the configuration has no \(family.rawValue) device; add one (see README.md, Self-test)")
        }
        return entry.logicalName
    }

    /// `cents` as German euros: `13,00 €`.
    static func euros(_ cents: Int) -> String { String(format: "%d,%02d €", cents / 100, cents % 100) }
}

/// A step of the visit that did not end as the kiosk needs; the text says which and why.
struct DemoFailure: Error, CustomStringConvertible {
    /// What happened.
    var description: String

    /// A failure described by `description`.
    init(_ description: String) { self.description = description }
}
