/// Collects the receipts a terminal sends while a command runs, as text lines ready for the
/// `ReceiptPrinter` family.
///
/// Print Text Block (`06 D3`) names its receipt (TLV 1F07: 01 merchant, 02 customer, 03
/// administration, filed with the merchant's). Print Line (`06 D1`) does not: a receipt ends at a
/// line whose attribute has bit 8 set, and a receipt naming "Händlerbeleg"/"merchant" is the
/// merchant's, one naming "Kundenbeleg"/"customer" the customer's; otherwise the first receipt is
/// the customer's and later ones the merchant's.
///
/// A text holding line breaks (terminals separate lines with CR) becomes several lines. At most
/// ``maximumLines`` lines are kept per cycle, so a terminal flooding print lines cannot exhaust
/// memory; the lines beyond are counted in a closing line of the merchant receipt.
struct ZVTReceiptCollector: Sendable, Hashable {
    /// The most receipt lines one command cycle keeps.
    static let maximumLines = 2_000

    /// The customer receipt's lines.
    private(set) var customer: [String] = []
    /// The merchant (and administration) receipt's lines.
    private(set) var merchant: [String] = []
    /// Print lines of the receipt in progress.
    private var pending: [String] = []
    /// Lines not kept beyond ``maximumLines``.
    private var droppedLines = 0

    /// Adds a Print Line `06 D1`.
    mutating func addPrintLine(_ message: ZVTMessage) {
        var attribute: UInt8 = 0
        if case .byte(let byte)? = message.field(id: .printAttribute)?.value { attribute = byte }
        var text = ""
        if case .text(let line)? = message.field(id: .printText)?.value { text = line }
        if attribute == 0xFF {
            pending += kept([""])
            return
        }
        pending += kept(Self.lines(text))
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
                    lines += Self.lines(charset.decode(line.bytes ?? []).string)
                }
            }
        }
        lines = kept(lines)
        switch type {
        case 0x02: customer += lines
        case 0x01, 0x03: merchant += lines
        default: file(lines)
        }
    }

    /// Ends a receipt still open (a print-line receipt without last-line mark).
    mutating func finish() {
        flush()
        if droppedLines > 0 {
            merchant.append("[\(droppedLines) further receipt lines not kept]")
            droppedLines = 0
        }
    }

    /// The lines of one text, split at its line breaks.
    private static func lines(_ text: String) -> [String] {
        guard text.contains("\n") else { return [text] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The part of `lines` that fits under ``maximumLines``; the rest is counted.
    private mutating func kept(_ lines: [String]) -> [String] {
        let room = max(Self.maximumLines - customer.count - merchant.count - pending.count, 0)
        guard lines.count > room else { return lines }
        droppedLines += lines.count - room
        return Array(lines.prefix(room))
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
