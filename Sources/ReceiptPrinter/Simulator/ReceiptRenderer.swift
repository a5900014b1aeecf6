/// Draws parsed printer commands (from ESC/POS or Star Line Mode) onto paper the way the printer
/// would, and keeps a UTF-8 transcript of the printed lines.
///
/// Bounded by ``RenderLimits``: once the paper or the transcript reaches its limit, the command
/// that crossed it is the last one drawn, a note names its offset (``cutOffOffset``) and later
/// commands are ignored, so memory and time stay bounded whatever the stream asks for.
struct ReceiptRenderer: Sendable {
    let profile: PrinterProfile
    let limits: RenderLimits
    var canvas: ReceiptCanvas
    var modes: PrintModes
    /// The top of the next line.
    var y = 0
    var line = PendingLine()
    var transcript: [String] = []
    private var log: NoteLog
    var cutCount = 0
    /// The offset of the command at which the receipt was cut off, once a limit is reached.
    private(set) var cutOffOffset: Int?
    private var warnedInternationalSet = false
    /// The text run being drawn, as the job wrote it: its first byte and the byte after it. A run
    /// that a network read split arrives as two text commands; the second continues the first, so
    /// a cut-off names the same offset however the job was read.
    private var textRun: (start: Int, end: Int)?

    init(profile: PrinterProfile, limits: RenderLimits = .default) {
        self.profile = profile
        self.limits = limits
        canvas = ReceiptCanvas(width: profile.printWidthDots, maximumHeight: limits.maximumLengthDots)
        modes = .powerOn(profile)
        log = NoteLog(limit: limits.maximumNotes)
    }

    /// The width text and blocks are laid out in: the print area right of the left margin.
    var areaWidth: Int {
        let available = max(1, profile.printWidthDots - modes.leftMargin)
        return min(available, modes.printAreaWidth ?? available)
    }

    mutating func note(_ offset: Int, _ message: String) {
        log.add(offset, message)
    }

    /// Draws one command; nothing once the receipt is cut off.
    mutating func apply(_ parsed: ParsedESCPOSCommand) {
        guard cutOffOffset == nil else { return }
        let offset = commandOffset(parsed)
        interpret(parsed)
        if y > limits.maximumLengthDots {
            cutOff(at: offset, "the receipt is longer than the render limit of \(limits.maximumLengthMillimetres) mm "
                + "(\(limits.maximumLengthDots) dots): the paper ends in this command and the rest of the job is cut off")
        } else if transcript.count > limits.maximumTextLines {
            transcript.removeLast(transcript.count - limits.maximumTextLines)
            cutOff(at: offset, "the receipt has more than the render limit of \(limits.maximumTextLines) lines: "
                + "cut off at this command, the rest of the job is not drawn")
        }
    }

    /// Where `parsed` starts in the job: for text that continues the previous text command
    /// byte for byte (a read split the run), where that run started.
    private mutating func commandOffset(_ parsed: ParsedESCPOSCommand) -> Int {
        guard case .text(let bytes) = parsed.command else {
            textRun = nil
            return parsed.offset
        }
        let start = textRun.flatMap { $0.end == parsed.offset ? $0.start : nil } ?? parsed.offset
        textRun = (start, parsed.offset + bytes.count)
        return start
    }

    /// Ends the paper at the command at `offset`: the note (kept whatever the note limit) and a
    /// marker line in the transcript; the unprinted line buffer is dropped.
    private mutating func cutOff(at offset: Int, _ message: String) {
        cutOffOffset = offset
        log.keep(ESCPOSNote(offset: offset, message: message))
        transcript.append("[cut off at byte \(offset): render limit reached]")
        line = PendingLine()
    }

    private mutating func interpret(_ parsed: ParsedESCPOSCommand) {
        let offset = parsed.offset
        switch parsed.command {
        case .text(let bytes):
            // One text command may be as long as the stream: stop at the limits inside it too.
            for byte in bytes {
                addCharacter(byte, offset: offset)
                if y > limits.maximumLengthDots || transcript.count > limits.maximumTextLines { break }
            }
        case .lineFeed: flushLine(advance: nil)
        case .carriageReturn, .ignored, .unknown, .realTimeStatus, .realTimeRequest, .starStatusRequest, .automaticStatusBack,
             .transmitStatus, .transmitPrinterID:
            break
        case .horizontalTab: tab()
        case .initialize:
            if !line.isEmpty { note(offset, "ESC @ discards \(line.text.count) unprinted characters (no LF before it)") }
            line = PendingLine()
            modes = .powerOn(profile)
        case .selectCodePage(let number):
            let (page, message) = PrintModes.codePage(number, profile: profile)
            if let page { modes.codePage = page }
            if let message { note(offset, message) }
        case .selectInternationalSet(let set):
            modes.internationalSet = set
            if set != 0, set != 2, !warnedInternationalSet {
                warnedInternationalSet = true
                note(offset, "international character set ESC R \(set) is shown as USA (only 0 and 2 are simulated)")
            }
        case .printMode(let bits): modes.applyPrintMode(bits)
        case .emphasis(let on): modes.bold = on
        case .underline(let dots): modes.underline = min(dots, 2)
        case .justification(let value): modes.alignment = value
        case .characterSize(let width, let height): (modes.widthScale, modes.heightScale) = (width, height)
        case .reverse(let on): modes.inverse = on
        case .selectFont(let font): modes.fontB = font == 1
        case .lineSpacing(let dots): modes.lineSpacing = dots
        case .characterSpacing(let dots): modes.characterSpacing = dots
        case .absolutePosition(let dots): moveTo(dots)
        case .feedLines(let count): feed(lines: count)
        case .feedDots(let dots): flushLine(advance: dots)
        case .leftMargin(let dots): modes.leftMargin = min(dots, profile.printWidthDots - 1)
        case .printAreaWidth(let dots): modes.printAreaWidth = dots > 0 ? dots : nil
        case .barcodeHeight(let dots): modes.barcodeHeight = max(1, dots)
        case .barcodeModuleWidth(let dots): modes.barcodeModuleWidth = min(6, max(1, dots))
        case .barcodeHRIPosition(let position): modes.hriPosition = position
        case .barcodeHRIFont(let font): modes.hriFontB = font == 1
        case .barcode(let system, let data): drawBarcode(system: system, data: data, offset: offset)
        case .qrCode(let function): qrCode(function, offset: offset)
        case .rasterImage(let bitmap, let scaleX, let scaleY): drawBlock(bitmap, scaleX: scaleX, scaleY: scaleY, label: "image")
        case .columnImage(let bitmap, let scaleX, let scaleY): addColumnImage(bitmap, scaleX: scaleX, scaleY: scaleY)
        case .storeGraphics(let bitmap, let scaleX, let scaleY): modes.storedGraphics = (bitmap, scaleX, scaleY)
        case .printGraphics:
            if let stored = modes.storedGraphics {
                drawBlock(stored.bitmap, scaleX: stored.scaleX, scaleY: stored.scaleY, label: "graphics")
            } else {
                note(offset, "GS ( L print without a stored image")
            }
        case .cut(let partial, let feedDots): cut(partial: partial, feedDots: feedDots)
        case .drawerPulse(let pin, let on, _): transcript.append("[drawer pulse: pin \(pin), \(on) ms]")
        }
    }

    /// Prints what is left in the line buffer (a real printer would wait for LF) and returns the result.
    mutating func finish(parserNotes: [ESCPOSNote]) -> RenderedReceipt {
        if !line.isEmpty, cutOffOffset == nil {
            note(line.firstOffset, "the last line has no LF; a printer would hold it in its buffer (shown anyway)")
            flushLine(advance: nil)
        }
        while transcript.last == "" { transcript.removeLast() }
        let allNotes = (parserNotes + log.notes).sorted { $0.offset < $1.offset }
        return RenderedReceipt(image: canvas.bitmap(), text: transcript.joined(separator: "\n") + "\n", notes: allNotes, cutCount: cutCount,
                               cutOffOffset: cutOffOffset)
    }

    private mutating func feed(lines count: Int) {
        var remaining = count
        if !line.isEmpty {
            flushLine(advance: nil)
            remaining -= 1
        }
        for _ in 0..<max(0, remaining) {
            transcript.append("")
            y += modes.lineAdvance
        }
        canvas.extend(to: y)
    }
}

/// A receipt as the simulated printer printed it.
public struct RenderedReceipt: Sendable, Hashable {
    /// The paper at the profile's print width: 1 = black.
    public var image: MonochromeBitmap
    /// The printed lines as UTF-8 text (decoded through the selected code page), with markers in
    /// brackets for barcodes, QR codes, images, drawer pulses and cuts.
    public var text: String
    /// What the interpreter could not do as asked, by byte offset.
    public var notes: [ESCPOSNote]
    /// How many cuts the job asked for.
    public var cutCount: Int
    /// Where the receipt was cut off because it reached a ``RenderLimits`` limit: the byte offset
    /// of the first command not (or not completely) drawn; `nil` when the whole job was drawn.
    public var cutOffOffset: Int?

    /// Creates a rendered receipt.
    public init(image: MonochromeBitmap, text: String, notes: [ESCPOSNote], cutCount: Int, cutOffOffset: Int? = nil) {
        self.image = image
        self.text = text
        self.notes = notes
        self.cutCount = cutCount
        self.cutOffOffset = cutOffOffset
    }

    /// The image as a PNG file (1-bit grayscale) with a white `border` of paper around it.
    public func png(border: Int = 16) -> [UInt8] {
        PNGEncoder.encode(image, border: border)
    }
}
