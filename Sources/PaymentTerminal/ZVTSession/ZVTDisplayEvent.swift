import DeviceCore

/// Turns an Intermediate Status `04 FF` into the event the kiosk shows: what the citizen must do,
/// in German, word for word as the terminal's table or TLV text gives it.
enum ZVTDisplayEvent {
    /// The display text: the TLV 24/07 lines when sent, else the status table's German text.
    static func text(of message: ZVTMessage, charset: ZVTCharset) -> String {
        var lines: [String] = []
        for object in message.tlv {
            guard let texts = object.first(.displayTexts) else { continue }
            for line in texts.children where line.tag == .textLine {
                lines.append(charset.decode(line.bytes ?? []).string)
            }
        }
        if !lines.isEmpty { return lines.filter { !$0.isEmpty }.joined(separator: " ") }
        return status(of: message).germanText
    }

    /// The status byte (`FF` when the message lacks it).
    static func status(of message: ZVTMessage) -> ZVTIntermediateStatus {
        if case .intermediateStatus(let status)? = message.field(id: .intermediateStatus)?.value { return status }
        return .textInTLV
    }

    /// `userActionRequired` for statuses that ask the citizen to act, `statusChanged` otherwise.
    static func event(for message: ZVTMessage, charset: ZVTCharset) -> DeviceEvent {
        let status = status(of: message)
        let text = text(of: message, charset: charset)
        let code: String? = switch status.rawValue {
        case 0x0A: "insertCard"
        case 0x0B, 0x41...0x5D, 0x66, 0x67: "removeCard"
        case 0x01, 0x02: "watchPINPad"
        case 0xFF: "followTerminalDisplay"
        default: nil
        }
        if let code { return .userActionRequired(UserAction(code: code, prompt: text)) }
        return .statusChanged(DeviceStatus(code: "terminalDisplay", detail: text))
    }
}
