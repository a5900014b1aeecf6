/// A simulated printer mechanism: parses a job's bytes (possibly in pieces) in the profile's
/// dialect and draws the receipt at the profile's dot width, with a UTF-8 transcript.
///
/// ESC/POS profiles: understands what ``ESCPOSEncoder`` emits and what python-escpos and
/// escpos-php commonly send (``ESCPOSParser``). Star profiles: Star Line Mode as ``ESCPOSEncoder``
/// emits it (``StarLineParser``). Pure and never trapping: unknown or broken commands become notes.
public struct ESCPOSInterpreter: Sendable {
    private var parser: any PrinterCommandParser
    private var renderer: ReceiptRenderer

    /// Creates an interpreter for a printer of `profile` (paper width, dialect, code-page numbers)
    /// that draws at most what `limits` allow; the rest of a longer job is cut off with a note.
    public init(profile: PrinterProfile = .default, limits: RenderLimits = .default) {
        renderer = ReceiptRenderer(profile: profile, limits: limits)
        parser = switch profile.dialect {
        case .escpos: ESCPOSParser(maximumNotes: limits.maximumNotes)
        case .starLine: StarLineParser(maximumNotes: limits.maximumNotes)
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

    /// Whether a ``RenderLimits`` limit was reached: the rest of the job is parsed (a network
    /// printer still answers status requests in it) but not drawn.
    public var isCutOff: Bool { renderer.cutOffOffset != nil }

    /// The piece size ``render(_:profile:limits:)`` feeds: the parsed commands of one piece are
    /// all that is held at a time.
    static let pieceSize = 64 << 10

    /// Renders a whole job, in pieces so that memory stays bounded by `limits`, not by the job.
    public static func render(_ bytes: [UInt8], profile: PrinterProfile = .default, limits: RenderLimits = .default) -> RenderedReceipt {
        var interpreter = ESCPOSInterpreter(profile: profile, limits: limits)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + pieceSize)
            _ = interpreter.feed(bytes[start..<end])
            start = end
        }
        return interpreter.finish()
    }
}

/// A streaming parser of one printer dialect.
protocol PrinterCommandParser: Sendable {
    /// Parses what `bytes` completes.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [ParsedESCPOSCommand]
    /// Ends the stream.
    mutating func finish() -> [ParsedESCPOSCommand]
    /// Problems found so far.
    var notes: [ESCPOSNote] { get }
}

extension ESCPOSParser: PrinterCommandParser {}
extension StarLineParser: PrinterCommandParser {}
