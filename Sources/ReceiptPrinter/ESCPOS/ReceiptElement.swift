/// One part of a receipt, printed in order.
public enum ReceiptElement: Sendable, Hashable {
    /// Text, word-wrapped to the line; `\n` starts a new line.
    case text(String, style: TextStyle = .plain, alignment: TextAlignment = .left)
    /// A label on the left and an amount flush right on the same line; long labels wrap and the
    /// amount stays on the label's last line.
    case row(label: String, amount: String, style: TextStyle = .plain)
    /// A horizontal rule: one character repeated over the whole line.
    case rule(Character = "-")
    /// A barcode drawn by the printer.
    case barcode(Barcode)
    /// A QR code drawn by the printer.
    case qrCode(QRCode)
    /// A dithered raster image.
    case image(ReceiptImage)
    /// Blank paper: `lines` (1...255) lines.
    case feed(lines: Int)
    /// Feed to the cutter and cut. On a printer without cutter this feeds to the tear bar.
    case cut(CutMode = .partial)
    /// Open a cash drawer.
    case drawerPulse(DrawerPulse)

    /// The element's type name in the JSON format (`text`, `row`, `rule`, …).
    public var typeName: String {
        switch self {
        case .text: "text"
        case .row: "row"
        case .rule: "rule"
        case .barcode: "barcode"
        case .qrCode: "qr"
        case .image: "image"
        case .feed: "feed"
        case .cut: "cut"
        case .drawerPulse: "drawer"
        }
    }
}
