import DeviceCore

/// Turns an Intermediate Status `04 FF` into the event the kiosk shows: what the citizen must do,
/// in German, word for word as the terminal's table or TLV text gives it.
///
/// Codes outside the table (vendor codes such as Ingenico's A0–A5, codes of newer revisions) and
/// `FF` without text show ``genericText``: the citizen is pointed at the terminal's own display,
/// and the payment goes on. The code itself is in the journal's message record.
enum ZVTDisplayEvent {
    /// What the kiosk shows for a status it has no text for.
    static let genericText = "Bitte Anzeige am Terminal beachten"

    /// The display text: the TLV 24/07 lines when sent, else the status table's German text, else
    /// ``genericText``.
    static func text(of message: ZVTMessage, charset: ZVTCharset) -> String {
        var lines: [String] = []
        for object in message.tlv {
            guard let texts = object.first(.displayTexts) else { continue }
            for line in texts.children where line.tag == .textLine {
                lines.append(charset.decode(line.bytes ?? []).string)
            }
        }
        let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
        if !text.isEmpty { return CardDataRedactor.redact(text) }
        let status = status(of: message)
        return status.isKnown && status != .textInTLV ? status.germanText : genericText
    }

    /// The status byte (`FF` when the message lacks it).
    static func status(of message: ZVTMessage) -> ZVTIntermediateStatus {
        if case .intermediateStatus(let status)? = message.field(id: .intermediateStatus)?.value { return status }
        return .textInTLV
    }

    /// The typed display: the prompt for statuses that ask the citizen to act, none otherwise.
    static func display(for message: ZVTMessage, charset: ZVTCharset) -> PaymentDisplay {
        let status = status(of: message)
        let prompt: PaymentDisplay.Prompt? = switch status.rawValue {
        case 0x0A: .insertCard
        case 0x0B, 0x41...0x5D, 0x66, 0x67: .removeCard
        case 0x01, 0x02: .watchPINPad
        case 0xFF: .followTerminalDisplay
        default: nil
        }
        return PaymentDisplay(prompt: prompt, text: text(of: message, charset: charset), status: status)
    }

    /// `userActionRequired` for statuses that ask the citizen to act, `statusChanged` otherwise.
    static func event(for message: ZVTMessage, charset: ZVTCharset) -> DeviceEvent {
        display(for: message, charset: charset).event
    }
}
