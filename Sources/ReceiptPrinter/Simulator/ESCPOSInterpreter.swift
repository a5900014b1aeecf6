/// A simulated ESC/POS printer mechanism: parses a job's bytes (possibly in pieces) and draws the
/// receipt at the profile's dot width, with a UTF-8 transcript.
///
/// Understands what ``ESCPOSEncoder`` emits for ESC/POS profiles and what python-escpos and
/// escpos-php commonly send. Pure and never trapping: unknown or broken commands become notes.
public struct ESCPOSInterpreter: Sendable {
    private var parser = ESCPOSParser()
    private var renderer: ReceiptRenderer

    /// Creates an interpreter for a printer of `profile` (paper width, code-page numbers).
    public init(profile: PrinterProfile = .default) {
        renderer = ReceiptRenderer(profile: profile)
        if profile.dialect != .escpos {
            renderer.note(0, "\(profile.displayName) speaks Star Line Mode; the simulator interprets ESC/POS only")
        }
    }

    /// Interprets the next piece of the job and returns its commands (a network printer answers
    /// the ``ESCPOSCommand/realTimeStatus(_:)`` requests among them).
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ParsedESCPOSCommand] {
        let commands = parser.feed(bytes)
        for command in commands { renderer.apply(command) }
        return commands
    }

    /// Ends the job and returns the printed receipt.
    public mutating func finish() -> RenderedReceipt {
        for command in parser.finish() { renderer.apply(command) }
        return renderer.finish(parserNotes: parser.notes)
    }

    /// Whether anything printable (text, barcode, image, cut) has been fed.
    public var hasPrinted: Bool {
        renderer.y > 0 || !renderer.line.isEmpty || renderer.cutCount > 0 || !renderer.transcript.isEmpty
    }

    /// Renders a whole job at once.
    public static func render(_ bytes: [UInt8], profile: PrinterProfile = .default) -> RenderedReceipt {
        var interpreter = ESCPOSInterpreter(profile: profile)
        _ = interpreter.feed(bytes)
        return interpreter.finish()
    }
}
