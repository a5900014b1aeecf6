/// Collects the receipts a terminal sends while a command runs, as text lines ready for the
/// `ReceiptPrinter` family.
///
/// Print Text Block (`06 D3`) names its receipt (TLV 1F07: 01 merchant, 02 customer, 03
/// administration, filed with the merchant's). Print Line (`06 D1`) does not: a receipt ends at a
/// line whose attribute has bit 8 set, and a receipt naming "Händlerbeleg"/"merchant" is the
/// merchant's, one naming "Kundenbeleg"/"customer" the customer's; otherwise the first receipt is
/// the customer's and later ones the merchant's.
struct ZVTReceiptCollector: Sendable, Hashable {
    /// The customer receipt's lines.
    private(set) var customer: [String] = []
    /// The merchant (and administration) receipt's lines.
    private(set) var merchant: [String] = []
    /// Print lines of the receipt in progress.
    private var pending: [String] = []

    /// Adds a Print Line `06 D1`.
    mutating func addPrintLine(_ message: ZVTMessage) {
        var attribute: UInt8 = 0
        if case .byte(let byte)? = message.field(id: .printAttribute)?.value { attribute = byte }
        var text = ""
        if case .text(let line)? = message.field(id: .printText)?.value { text = line }
        if attribute == 0xFF {
            pending.append("")
            return
        }
        pending.append(text)
        if attribute & 0x80 != 0 { flush() }
    }

    /// Adds a Print Text Block `06 D3` (TLV 1F07 receipt type, 25 with 07 lines).
    mutating func addTextBlock(_ message: ZVTMessage, charset: ZVTCharset) {
        let objects = message.tlv
        var type: UInt8?
        var lines: [String] = []
        for object in objects {
            if let found = object.first(.receiptType)?.bytes?.first { type = found }
            if let texts = object.first(.printTexts) {
                for line in texts.children where line.tag == .textLine {
                    lines.append(charset.decode(line.bytes ?? []).string)
                }
            }
        }
        switch type {
        case 0x02: customer += lines
        case 0x01, 0x03: merchant += lines
        default: file(lines)
        }
    }

    /// Ends a receipt still open (a print-line receipt without last-line mark).
    mutating func finish() {
        flush()
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        file(pending)
        pending = []
    }

    private mutating func file(_ lines: [String]) {
        let text = lines.joined(separator: "\n").lowercased()
        if text.contains("händlerbeleg") || text.contains("haendlerbeleg") || text.contains("merchant") {
            merchant += lines
        } else if text.contains("kundenbeleg") || text.contains("customer") || customer.isEmpty {
            customer += lines
        } else {
            merchant += lines
        }
    }
}
