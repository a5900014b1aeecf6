/// One command (or run of text) read from an ESC/POS byte stream by ``ESCPOSParser``, or what a
/// Star Line Mode command amounts to, as ``StarLineParser`` translates it.
///
/// Parameters are kept as sent; ASCII forms (`'0'`/`'1'`) are normalised where the command
/// accepts both; ``selectCodePage(_:)`` numbers follow the dialect (Epson `ESC t`, Star
/// `ESC GS t`). Commands the simulator does not act on are ``ignored(_:)``; bytes it cannot read
/// are ``unknown(_:)`` and come with an ``ESCPOSNote``.
public enum ESCPOSCommand: Sendable, Hashable {
    /// Printable bytes (0x20...0xFF except 0x7F) in the current code page.
    case text([UInt8])
    /// `LF`: print the line and feed one line.
    case lineFeed
    /// `CR`: ignored in standard mode (most printers), kept for completeness.
    case carriageReturn
    /// `HT`: move to the next tab stop (every 8 characters).
    case horizontalTab
    /// `ESC @`: reset modes and clear the line buffer.
    case initialize
    /// `ESC t n`: select code page `n`.
    case selectCodePage(UInt8)
    /// `ESC R n`: international character set (0 USA, 2 Germany, …).
    case selectInternationalSet(UInt8)
    /// `ESC ! n`: print mode bits (0 font B, 3 bold, 4 double height, 5 double width, 7 underline).
    case printMode(UInt8)
    /// `ESC E n` / `ESC G n`: emphasis (bold) on or off.
    case emphasis(Bool)
    /// `ESC - n`: underline thickness 0, 1 or 2 dots.
    case underline(Int)
    /// `ESC a n`: 0 left, 1 centre, 2 right.
    case justification(Int)
    /// `GS ! n`: character size multipliers 1...8.
    case characterSize(width: Int, height: Int)
    /// `GS B n`: white-on-black on or off.
    case reverse(Bool)
    /// `ESC M n`: font 0 (A) or 1 (B).
    case selectFont(Int)
    /// `ESC 3 n` (dots) or `ESC 2` (`nil`: the default spacing).
    case lineSpacing(Int?)
    /// `ESC SP n`: extra dots right of each character.
    case characterSpacing(Int)
    /// `ESC $ nL nH`: absolute print position in dots from the left margin.
    case absolutePosition(Int)
    /// `ESC d n`: print and feed `n` lines.
    case feedLines(Int)
    /// `ESC J n`: print and feed `n` dots.
    case feedDots(Int)
    /// `GS L nL nH`: left margin in dots.
    case leftMargin(Int)
    /// `GS W nL nH`: print area width in dots.
    case printAreaWidth(Int)
    /// `GS h n`: barcode height in dots.
    case barcodeHeight(Int)
    /// `GS w n`: barcode module width in dots.
    case barcodeModuleWidth(Int)
    /// `GS H n`: HRI position (0 none, 1 above, 2 below, 3 both).
    case barcodeHRIPosition(Int)
    /// `GS f n`: HRI font (0 A, 1 B).
    case barcodeHRIFont(Int)
    /// `GS k`: barcode system `m` (function A 0...6 or function B 65...79) with its data.
    case barcode(system: UInt8, data: [UInt8])
    /// `GS ( k` with cn 49: a QR code function.
    case qrCode(QRCodeFunction)
    /// `GS v 0`: a raster image and its scale factors.
    case rasterImage(MonochromeBitmap, scaleX: Int, scaleY: Int)
    /// `ESC *` (Star: `ESC k`, `ESC K`): an image band placed in the current line.
    case columnImage(MonochromeBitmap, scaleX: Int, scaleY: Int)
    /// `GS ( L` / `GS 8 L` function 112: store a graphics image for a later print.
    case storeGraphics(MonochromeBitmap, scaleX: Int, scaleY: Int)
    /// `GS ( L` function 50 (or 2): print the stored graphics image.
    case printGraphics
    /// `GS V` (and the old `ESC i`/`ESC m`): cut, after feeding `feedDots` when given.
    case cut(partial: Bool, feedDots: Int?)
    /// `ESC p m t1 t2`: drawer pulse on pin 2 or 5.
    case drawerPulse(pin: Int, onMilliseconds: Int, offMilliseconds: Int)
    /// `DLE EOT n`: real-time status request (answered at once, even offline).
    case realTimeStatus(UInt8)
    /// `DLE ENQ n` / `DLE DC4 fn …`: another real-time request (no reply from the simulator).
    case realTimeRequest(UInt8)
    /// Star Line Mode `ESC ACK SOH`: real-time request for the automatic status (``StarStatus``).
    case starStatusRequest
    /// `GS a n`: automatic status back enable bits (0 = off).
    case automaticStatusBack(UInt8)
    /// `GS r n`: transmit status (1 paper sensor, 2 drawer).
    case transmitStatus(UInt8)
    /// `GS I n`: transmit printer ID.
    case transmitPrinterID(UInt8)
    /// A known command the simulator does not draw (named, e.g. `GS b smoothing`).
    case ignored(String)
    /// Bytes that are no command the parser knows; skipped.
    case unknown([UInt8])
}

/// A QR code function of `GS ( k` (cn 49).
public enum QRCodeFunction: Sendable, Hashable {
    /// Function 65: model 1 (49) or 2 (50).
    case selectModel(UInt8)
    /// Function 67: module size in dots.
    case moduleSize(Int)
    /// Function 69: error correction 48 L, 49 M, 50 Q, 51 H.
    case errorCorrection(UInt8)
    /// Function 80: store the data to encode.
    case store([UInt8])
    /// Function 81: print the stored symbol.
    case print
    /// Any other function (size query and the like).
    case other(UInt8)
}

/// A command and where it starts in the stream.
public struct ParsedESCPOSCommand: Sendable, Hashable {
    /// Byte offset of the command's first byte from the start of the stream.
    public var offset: Int
    /// The command.
    public var command: ESCPOSCommand

    /// Creates a parsed command.
    public init(offset: Int, command: ESCPOSCommand) {
        self.offset = offset
        self.command = command
    }
}

/// Something the interpreter could not do as the bytes asked: an unknown or truncated command, an
/// unsupported feature. Never fatal.
public struct ESCPOSNote: Sendable, Hashable, CustomStringConvertible {
    /// Byte offset in the stream the note is about.
    public var offset: Int
    /// One sentence.
    public var message: String

    /// Creates a note.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `@offset: message`, offset in hex like a hex dump.
    public var description: String { "@0x" + String(offset, radix: 16) + ": " + message }
}
