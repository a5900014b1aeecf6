import Foundation

/// The state of one encoding run: bytes so far, the printer's current modes, the text line count
/// and the reports. Mode commands are sent only when a mode changes.
///
/// Every element ends with the print position at the start of a line (text ends in LF; `GS k`,
/// `GS ( k` and `GS v 0` return to the line start), so cut and raster commands, which act only at
/// a line start, always follow a completed line.
struct EncodingSession {
    let profile: PrinterProfile
    let commands: any CommandSet
    let transcoder: TextTranscoder
    let font: ReceiptFont
    private(set) var bytes: [UInt8]
    private(set) var replacements: [CharacterReplacement] = []
    private(set) var warnings: [String] = []
    /// The 1-based text line the next line feed ends.
    private var line = 1
    private var style = TextStyle.plain
    private var alignment = TextAlignment.left

    /// Starts a job: reset, code page, font.
    init(profile: PrinterProfile, codePage: CodePage, font: ReceiptFont) {
        self.profile = profile
        commands = profile.dialect == .escpos ? EpsonCommandSet() : StarLineCommandSet()
        transcoder = TextTranscoder(codePage: codePage)
        self.font = font
        bytes = commands.initialize(codePage: profile.number(of: codePage) ?? 0, font: font)
    }

    /// Appends one element; errors carry paths relative to the element.
    mutating func append(_ element: ReceiptElement, path: String) throws(ReceiptError) {
        switch element {
        case .text(let text, let style, let alignment):
            let width = columns(doubleWidth: style.doubleWidth)
            set(style, alignment)
            if appendLineIfSimple(text, width: width) { return }
            for paragraph in TextTranscoder.paragraphs(of: text) {
                let (cells, pending) = transcoder.cells(for: paragraph.text, firstOffset: paragraph.firstOffset, field: 0)
                emit(ReceiptLayout.wrap(cells, width: width, isSpace: { $0.isSpace }), pending: pending, paths: [path + ".text"])
            }
        case .row(let label, let amount, let style):
            let width = columns(doubleWidth: style.doubleWidth)
            set(style, .left)
            if appendRowIfSimple(label: label, amount: amount, width: width) { return }
            let (labelCells, labelPending) = transcoder.cells(for: TextTranscoder.singleLine(label), firstOffset: 1, field: 0)
            let (amountCells, amountPending) = transcoder.cells(for: TextTranscoder.singleLine(amount), firstOffset: 1, field: 1)
            let lines = ReceiptLayout.row(label: labelCells, amount: amountCells, width: width, space: .padding, isSpace: { $0.isSpace })
            emit(lines, pending: labelPending + amountPending, paths: [path + ".label", path + ".amount"])
        case .rule(let character):
            set(.plain, .left)
            let (cells, pending) = transcoder.cells(for: Substring(String(character)), firstOffset: 1, field: 0)
            let width = columns(doubleWidth: false)
            emit([Array(repeating: cells.first ?? .padding, count: width)], pending: pending, paths: [path + ".char"])
        case .barcode(let barcode):
            set(.plain, barcode.alignment)
            if barcode.hri == .above || barcode.hri == .both, profile.dialect == .starLine {
                warnings.append("\(path): Star printers print barcode text only below the bars; printed it below")
            }
            bytes += try commands.barcode(barcode)
        case .qrCode(let code):
            guard profile.features.nativeQRCode else {
                throw ReceiptError(message: "the \(profile.displayName) cannot draw QR codes",
                                   remedy: "Choose a profile with native QR support or leave the QR code out.")
            }
            set(.plain, code.alignment)
            bytes += try commands.qrCode(code)
        case .image(let image):
            try appendImage(image)
        case .feed(let lines):
            guard (1...255).contains(lines) else {
                throw ReceiptError(path: "lines", message: "feed of \(lines) lines is outside 1...255", remedy: "Feed between 1 and 255 lines.")
            }
            bytes += commands.feed(lines: lines)
            line += lines
        case .cut(let mode):
            if profile.features.cutter {
                bytes += commands.cut(mode)
            } else {
                bytes += commands.feed(lines: profile.tearOffFeedLines)
                line += profile.tearOffFeedLines
                warnings.append("\(path): the \(profile.displayName) has no cutter; fed \(profile.tearOffFeedLines) lines to tear off instead")
            }
        case .drawerPulse(let pulse):
            guard profile.features.cashDrawer else {
                warnings.append("\(path): the \(profile.displayName) has no cash-drawer connector; drawer pulse left out")
                return
            }
            if pulse.pin == .pin5, profile.dialect == .starLine, pulse.onMilliseconds != 200 || pulse.offMilliseconds != 200 {
                warnings.append("\(path): Star printers pulse drawer 2 (pin 5) for a fixed 200 ms on and 200 ms off")
            }
            bytes += commands.drawerPulse(pulse)
        }
    }

    /// The common case of a text element, without cells: one line that fits, every character
    /// printable as it stands. Appends the line as ``ReceiptLayout/wrap(_:width:)`` would lay it out
    /// (trailing spaces dropped) and returns `true`, or appends nothing and returns `false`.
    private mutating func appendLineIfSimple(_ text: String, width: Int) -> Bool {
        let start = bytes.count
        guard transcoder.appendIfSimple(text, to: &bytes) else { return false }
        while bytes.count > start, bytes.last == 0x20 { bytes.removeLast() }
        guard bytes.count - start <= width else {
            bytes.removeSubrange(start...)
            return false
        }
        bytes.append(ControlByte.lf)
        line += 1
        return true
    }

    /// The common case of a row, without cells: label and amount printable as they stand and on
    /// one line together. Appends it as ``ReceiptLayout/row(label:amount:width:)`` would lay it
    /// out and returns `true`, or appends nothing and returns `false`.
    private mutating func appendRowIfSimple(label: String, amount: String, width: Int) -> Bool {
        let start = bytes.count
        guard transcoder.appendIfSimple(label, to: &bytes) else { return false }
        while bytes.count > start, bytes.last == 0x20 { bytes.removeLast() }
        let labelEnd = bytes.count
        guard transcoder.appendIfSimple(amount, to: &bytes) else {
            bytes.removeSubrange(start...)
            return false
        }
        let labelColumns = labelEnd - start, amountColumns = bytes.count - labelEnd
        let labelWidth = width - amountColumns - 1
        guard labelWidth >= ReceiptLayout.minimumLabelWidth(for: width), labelColumns <= labelWidth else {
            bytes.removeSubrange(start...)
            return false
        }
        bytes.insert(contentsOf: repeatElement(0x20, count: width - labelColumns - amountColumns), at: labelEnd)
        bytes.append(ControlByte.lf)
        line += 1
        return true
    }

    /// Checks the image against the profile, dithers it and appends the raster commands.
    private mutating func appendImage(_ element: ReceiptImage) throws(ReceiptError) {
        guard profile.features.rasterImages else {
            throw ReceiptError(message: "the \(profile.displayName) cannot print raster images",
                               remedy: "Leave the image out for this printer.")
        }
        guard element.image.width <= profile.printWidthDots else {
            throw ReceiptError(path: "width", message: "image is \(element.image.width) dots wide; the \(profile.displayName) prints at most \(profile.printWidthDots)",
                               remedy: "Scale the image to at most \(profile.printWidthDots) pixels wide.")
        }
        set(.plain, element.alignment)
        bytes += commands.raster(element.image.dithered(element.dither))
    }

    /// Characters per line for the receipt font, halved for double width.
    private func columns(doubleWidth: Bool) -> Int {
        profile.charactersPerLine(font) / (doubleWidth ? 2 : 1)
    }

    /// Sends the mode commands that differ from the printer's current modes.
    private mutating func set(_ newStyle: TextStyle, _ newAlignment: TextAlignment) {
        if newAlignment != alignment { bytes += commands.alignment(newAlignment) }
        if newStyle.bold != style.bold { bytes += commands.bold(newStyle.bold) }
        if newStyle.underline != style.underline { bytes += commands.underline(newStyle.underline) }
        if newStyle.doubleWidth != style.doubleWidth || newStyle.doubleHeight != style.doubleHeight {
            bytes += commands.size(doubleWidth: newStyle.doubleWidth, doubleHeight: newStyle.doubleHeight)
        }
        if newStyle.inverse != style.inverse { bytes += commands.inverse(newStyle.inverse) }
        style = newStyle
        alignment = newAlignment
    }

    /// Sends laid-out lines, each ended by LF, and files the pending replacements under the line
    /// that shows them. `paths[field]` names the source text of cells with that field.
    ///
    /// Linear in cells plus replacements: the replacements of each field come in offset order, so
    /// each line files a prefix of each field's queue, those its cells of that field reach.
    private mutating func emit(_ lines: [[TextCell]], pending: [PendingReplacement], paths: [String]) {
        var queues = Array(repeating: [PendingReplacement](), count: paths.count)
        for replacement in pending { queues[replacement.field].append(replacement) }
        for field in queues.indices { queues[field].sort { $0.characterOffset < $1.characterOffset } }
        var next = Array(repeating: 0, count: paths.count)
        for (index, cells) in lines.enumerated() {
            bytes.append(contentsOf: cells.lazy.map(\.byte))
            bytes.append(ControlByte.lf)
            // A replaced character belongs to the first line that reaches its offset (a replaced
            // space dropped at a line break is filed under the following line, or the last line).
            let isLast = index == lines.count - 1
            if next.indices.contains(where: { next[$0] < queues[$0].count }) {
                var reach = Array(repeating: 0, count: paths.count)
                for cell in cells where cell.field >= 0 && cell.field < reach.count { reach[cell.field] = max(reach[cell.field], cell.sourceOffset) }
                for field in queues.indices {
                    while next[field] < queues[field].count, isLast || queues[field][next[field]].characterOffset <= reach[field] {
                        record(queues[field][next[field]], paths: paths)
                        next[field] += 1
                    }
                }
            }
            line += 1
        }
    }

    /// Adds a report for `replacement` on the current line.
    private mutating func record(_ replacement: PendingReplacement, paths: [String]) {
        replacements.append(CharacterReplacement(path: paths[replacement.field], characterOffset: replacement.characterOffset,
                                                 line: line, original: replacement.original,
                                                 replacement: replacement.replacement, codePage: transcoder.codePage))
    }
}
