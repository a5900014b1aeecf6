import ReceiptPrinter

/// Shared helpers for the ESC/POS encoder tests.
enum ESCPOSTest {
    /// `ESC @`, `ESC t 19` (PC858), `ESC R 0`: the start of every TM-T20 job in PC858.
    static let epsonHeader: [UInt8] = [0x1B, 0x40, 0x1B, 0x74, 0x13, 0x1B, 0x52, 0x00]
    /// `ESC @`, `ESC GS t 4` (PC858), `ESC R 0`: the start of every Star job in PC858.
    static let starHeader: [UInt8] = [0x1B, 0x40, 0x1B, 0x1D, 0x74, 0x04, 0x1B, 0x52, 0x00]

    /// The full encoding of `elements`.
    static func encode(_ elements: [ReceiptElement], profile: PrinterProfile = .epsonTMT20, codePage: CodePage? = nil,
                       font: ReceiptFont = .a) throws -> EncodedReceipt {
        try ESCPOSEncoder(profile: profile).encode(Receipt(font: font, codePage: codePage, elements: elements))
    }

    /// The bytes after the job header (reset and code page), or `nil` if the header is not there.
    static func body(_ elements: [ReceiptElement], profile: PrinterProfile = .epsonTMT20) throws -> [UInt8]? {
        let bytes = try encode(elements, profile: profile).bytes
        let header = profile.dialect == .escpos ? epsonHeader : starHeader
        guard bytes.starts(with: header) else { return nil }
        return Array(bytes.dropFirst(header.count))
    }

    /// ASCII bytes of `text`.
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// An image of one gray level.
    static func flatImage(width: Int, height: Int, gray: UInt8) throws -> GrayscaleImage {
        try GrayscaleImage(width: width, height: height, pixels: [UInt8](repeating: gray, count: width * height))
    }
}
