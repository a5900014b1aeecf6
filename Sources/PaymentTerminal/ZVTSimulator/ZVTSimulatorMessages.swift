import Foundation

/// The terminal-side messages the simulator sends, built with the ZVT codec.
enum ZVTSimulatorMessages {
    /// The ECR-visible card number: already masked by the terminal (digits E), as real terminals do.
    static let maskedCardNumber = "672559******1234"
    /// The simulator's VU (merchant) number.
    static let vuNumber = "BHALSIM00000001"

    /// `80 00 00`.
    static let acknowledgement = ZVTAPDU(class: 0x80, instruction: 0x00)

    /// A public Visa test number (not a real card), for the scenario of a terminal that does not mask.
    static let unmaskedCardNumber = "4761739001010010"

    /// A message type outside the specification (`04 EE`, one raw byte of data) for the flood of
    /// unknown messages.
    static let unknownMessage = ZVTMessage(type: ZVTMessageType(class: 0x04, instruction: 0xEE),
                                           fields: [ZVTField(.rawData, value: .binary([0x99]))])

    /// `84 xx 00`: the command is refused with `code`.
    static func refusal(_ code: ZVTResultCode) -> ZVTAPDU { ZVTAPDU(class: 0x84, instruction: code.rawValue) }

    /// `84 1E 01 <code>`: a refusal naming its result code in the data, as terminals send it for
    /// wrong currencies and some firmwares for any abort.
    static func refusalWithResultCode(_ code: ZVTResultCode) -> ZVTAPDU { ZVTAPDU(class: 0x84, instruction: 0x1E, data: [code.rawValue]) }

    /// The card number a scenario's terminal shows: BMP 22 digits (`*` masked) and receipt text.
    static func cardNumber(_ style: ZVTSimulatorScenario.CardNumber) -> String {
        switch style {
        case .masked: maskedCardNumber
        case .empty: ""
        case .unmasked: unmaskedCardNumber
        }
    }

    /// Intermediate Status `04 FF`: a table status, or status FF with the text in TLV 24/07.
    static func intermediateStatus(_ display: ZVTSimulatorScenario.Display, charset: ZVTCharset) -> ZVTMessage {
        switch display {
        case .status(let status):
            return ZVTMessage(type: .intermediateStatus, fields: [ZVTField(.intermediateStatus, value: .intermediateStatus(status))])
        case .text(let text):
            let tlv: [ZVTTLV] = [.constructed(.displayTexts, [.primitive(.textLine, charset.encode(text).bytes)])]
            return ZVTMessage(type: .intermediateStatus, fields: [
                ZVTField(.intermediateStatus, value: .intermediateStatus(.textInTLV)),
                ZVTField(.statusTimeout, value: .number(5)),
                ZVTField(.bmp(.tlv), value: .tlv(tlv)),
            ])
        }
    }

    /// Status Information `04 0F` for a booked transaction or a declined attempt.
    static func statusInformation(_ code: ZVTResultCode, amountCents: Int, transaction: ZVTSimulatedTransaction?, terminalID: String,
                                  card: ZVTSimulatorScenario = .approve) -> ZVTMessage {
        let now = Calendar(identifier: .gregorian).dateComponents([.month, .day, .hour, .minute, .second], from: Date())
        var fields = [
            ZVTField(.bmp(.resultCode), value: .resultCode(code)),
            ZVTField(.bmp(.amount), value: .amount(amountCents)),
            ZVTField(.bmp(.currencyCode), value: .currency(978)),
            ZVTField(.bmp(.time), value: .time(hour: now.hour ?? 0, minute: now.minute ?? 0, second: now.second ?? 0)),
            ZVTField(.bmp(.date), value: .date(month: now.month ?? 1, day: now.day ?? 1)),
            ZVTField(.bmp(.terminalID), value: .digits(terminalID)),
            ZVTField(.bmp(.vuNumber), value: .text(vuNumber)),
            ZVTField(.bmp(.cardType), value: .cardType(ZVTCardType(rawValue: 0x05))),
        ]
        if let name = card.cardName { fields.append(ZVTField(.bmp(.cardName), value: .text(name))) }
        if let pan = ZVTPAN(digits: cardNumber(card.cardNumber)) { fields.append(ZVTField(.bmp(.pan), value: .pan(pan))) }
        if let transaction {
            fields.append(ZVTField(.bmp(.traceNumber), value: .number(transaction.trace)))
            fields.append(ZVTField(.bmp(.receiptNumber), value: .number(transaction.receiptNumber)))
        }
        return ZVTMessage(type: .statusInformation, fields: fields)
    }

    /// Completion `06 0F` with the terminal id.
    static func completion(terminalID: String) -> ZVTMessage {
        ZVTMessage(type: .completion, fields: [ZVTField(.bmp(.terminalID), value: .digits(terminalID))])
    }

    /// A Completion `06 0F` with `malformation` built in. Its TID is the terminal's, so the bytes
    /// (and the ECR's error) are the same however the ECR is connected.
    static func malformedCompletion(terminalID: String, _ malformation: ZVTSimulatorScenario.Malformation) -> ZVTAPDU {
        switch malformation {
        case .truncatedTerminalID:
            // BMP 29 and its 4 BCD bytes as the codec writes them, the last 2 cut off.
            let data = (try? completion(terminalID: terminalID).apdu(charset: .cp437).data) ?? []
            return ZVTAPDU(class: 0x06, instruction: 0x0F, data: Array(data.dropLast(2)))
        }
    }

    /// The completion of a Status Enquiry: software version, terminal status (ready), terminal id.
    static func statusEnquiryCompletion(terminalID: String) -> ZVTMessage {
        ZVTMessage(type: .completion, fields: [
            ZVTField(.softwareVersion, value: .text("BHAL-SIM 1.0")),
            ZVTField(.terminalStatus, value: .terminalStatus(.ready)),
            ZVTField(.bmp(.terminalID), value: .digits(terminalID)),
        ])
    }

    /// Abort `06 1E` with its result code.
    static func abort(_ code: ZVTResultCode) -> ZVTMessage {
        ZVTMessage(type: .terminalAbort, fields: [ZVTField(.resultCode, value: .resultCode(code))])
    }

    /// The receipts of a transaction as Print Line or Print Text Block messages (customer first).
    static func receipts(for transaction: ZVTSimulatedTransaction, terminalID: String, style: ZVTSimulatorScenario.ReceiptStyle,
                         charset: ZVTCharset, cardNumber card: ZVTSimulatorScenario.CardNumber = .masked) -> [ZVTMessage] {
        let receipts: [(type: UInt8, lines: [String])] = [
            (0x02, receiptLines(transaction, title: "Kundenbeleg", terminalID: terminalID, cardNumber: card)),
            (0x01, receiptLines(transaction, title: "Händlerbeleg", terminalID: terminalID, cardNumber: card)),
        ]
        switch style {
        case .none:
            return []
        case .printLines:
            return receipts.flatMap { receipt in
                receipt.lines.enumerated().map { index, line in
                    let attribute: UInt8 = index == receipt.lines.count - 1 ? 0x80 : 0x00
                    return ZVTMessage(type: .printLine, fields: [ZVTField(.printAttribute, value: .byte(attribute)),
                                                                 ZVTField(.printText, value: .text(line))])
                }
            }
        case .textBlocks:
            return receipts.map { receipt in
                let lines = receipt.lines.map { ZVTTLV.primitive(.textLine, charset.encode($0).bytes) }
                let tlv: [ZVTTLV] = [.primitive(.receiptType, [receipt.type]), .constructed(.printTexts, lines)]
                return ZVTMessage(type: .printTextBlock, fields: [ZVTField(.bmp(.tlv), value: .tlv(tlv))])
            }
        }
    }

    /// The lines of one receipt (German, with umlauts so both character sets are exercised).
    static func receiptLines(_ transaction: ZVTSimulatedTransaction, title: String, terminalID: String,
                             cardNumber card: ZVTSimulatorScenario.CardNumber = .masked) -> [String] {
        let kind = switch transaction.command {
        case .refund: "Gutschrift"
        case .reversal: "Storno"
        case .preAuthorization: "Reservierung"
        case .bookTotal: "Buchung Reservierung"
        case .partialReversal: "Teilstorno"
        case .endOfDay: "Kassenschnitt"
        default: "Zahlung"
        }
        return [
            "Bürgeramt Musterstadt", title, kind, "Betrag EUR \(euros(transaction.amountCents))", "girocard \(card == .empty ? "" : cardNumber(card))".trimmingCharacters(in: .whitespaces),
            "Beleg-Nr. \(transaction.receiptNumber)  Trace \(transaction.trace)", "Terminal-ID \(terminalID)", "Gebühr bezahlt - Danke",
        ]
    }

    /// `1250` → `12,50`.
    static func euros(_ cents: Int) -> String {
        let rest = cents % 100
        return "\(cents / 100),\(rest < 10 ? "0" : "")\(rest)"
    }
}
