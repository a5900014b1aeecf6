/// The bytes for each printer operation in one command dialect. The encoder decides what to print
/// and in which order; a command set only spells it.
protocol CommandSet: Sendable {
    /// Reset the printer, select the code page `number` and the font: the start of every job.
    func initialize(codePage number: UInt8, font: ReceiptFont) -> [UInt8]
    /// Line alignment for text, barcodes, QR codes and images.
    func alignment(_ alignment: TextAlignment) -> [UInt8]
    /// Emphasis on or off.
    func bold(_ on: Bool) -> [UInt8]
    /// Underline on or off.
    func underline(_ on: Bool) -> [UInt8]
    /// Character size (1× or 2× in each direction).
    func size(doubleWidth: Bool, doubleHeight: Bool) -> [UInt8]
    /// White-on-black on or off.
    func inverse(_ on: Bool) -> [UInt8]
    /// Print and feed `lines` lines (1...255).
    func feed(lines: Int) -> [UInt8]
    /// Feed to the cutter and cut; the print position is at the start of a line.
    func cut(_ mode: CutMode) -> [UInt8]
    /// Open a cash drawer.
    func drawerPulse(_ pulse: DrawerPulse) -> [UInt8]
    /// Print a barcode; throws for settings the dialect cannot express.
    func barcode(_ barcode: Barcode) throws(ReceiptError) -> [UInt8]
    /// Print a QR code; throws for settings the dialect cannot express.
    func qrCode(_ code: QRCode) throws(ReceiptError) -> [UInt8]
    /// Print a raster image.
    func raster(_ bitmap: MonochromeBitmap) -> [UInt8]
}

/// ASCII control bytes used by the command sets.
enum ControlByte {
    /// Line feed: print and feed one line.
    static let lf: UInt8 = 0x0A
    /// Escape.
    static let esc: UInt8 = 0x1B
    /// Group separator (ESC/POS GS prefix).
    static let gs: UInt8 = 0x1D
    /// Record separator (Star barcode terminator, ESC RS prefix).
    static let rs: UInt8 = 0x1E
}

extension Int {
    /// The value as two little-endian bytes (`nL nH`).
    var littleEndianBytes: [UInt8] { [UInt8(self & 0xFF), UInt8((self >> 8) & 0xFF)] }
}
