/// Renders decoded ZVT messages for technicians reading logs: a readable field list or JSON.
///
/// Both outputs mask card numbers (BMP 22, TLV 5A) to first 6 / last 4 at most, print passwords as
/// `******` and never show track data, CVV or PIN data. Free text (BMP 3C, 8B, print lines, TLV
/// text) passes ``CardDataRedactor``, the journal's redactor: terminals in the field put full card
/// numbers there. Typed fields (amounts, dates, TIDs, receipt numbers) are not redacted: their
/// meaning is known and they are never card numbers.
public struct ZVTMessageFormatter: Sendable {
    /// The character set for text inside TLV objects (BMP texts were decoded with the message).
    public var charset: ZVTCharset

    /// Creates a formatter.
    public init(charset: ZVTCharset = .default) { self.charset = charset }

    // MARK: Text

    /// A header line, one line per field (TLV objects indented below their container) and warnings.
    public func text(_ message: ZVTMessage) -> String {
        var lines = ["\(message.type) (\(message.type.direction.rawValue))"]
        var warnings = message.warnings
        if !message.fields.isEmpty {
            lines.append(row("BMP", "OFFSET", "FIELD", "VALUE"))
        }
        for field in message.fields {
            lines.append(row(field.bmp?.description ?? "--", String(field.offset), field.name, value(field)))
            if case .tlv(let objects) = field.value {
                appendTLV(objects, depth: 1, offset: field.offset, to: &lines, warnings: &warnings)
            }
        }
        if let code = message.resultCode {
            lines.append("  result: \(code.description) / \(code.germanText) [\(code.outcome.rawValue)]")
        }
        for warning in warnings { lines.append("  warning: \(warning)") }
        return lines.joined(separator: "\n")
    }

    /// `ACK`, `NAK`, or the message's text.
    public func text(_ event: ZVTSerialEvent, message: ZVTMessage?) -> String {
        switch event {
        case .ack: "ACK (06)"
        case .nak: "NAK (15)"
        case .apdu: message.map(text) ?? event.description
        }
    }

    private func row(_ bmp: String, _ offset: String, _ name: String, _ value: String) -> String {
        "  " + pad(bmp, 4) + pad(offset, 7) + pad(name, 36) + value
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func value(_ field: ZVTField) -> String {
        switch field.value {
        case .secret(let secret) where field.id != .password: "\(secret) (\(secret.count) bytes redacted)"
        default: field.value.description
        }
    }

    private func appendTLV(_ objects: [ZVTTLV], depth: Int, offset: Int, to lines: inout [String], warnings: inout [ZVTDecodingWarning]) {
        for object in objects {
            let indent = String(repeating: "  ", count: depth)
            let label = indent + object.tag.description
            switch object.value {
            case .constructed(let children):
                lines.append(row("", "", label, "(\(children.count) object\(children.count == 1 ? "" : "s"))"))
                appendTLV(children, depth: depth + 1, offset: offset, to: &lines, warnings: &warnings)
            case .primitive(let bytes):
                lines.append(row("", "", label, render(object.tag, bytes, offset: offset, warnings: &warnings)))
            }
        }
    }

    /// A primitive TLV value for humans; secrets never shown.
    func render(_ tag: ZVTTLVTag, _ bytes: [UInt8], offset: Int, warnings: inout [ZVTDecodingWarning]) -> String {
        switch tag.rendering {
        case .text:
            let text = ZVTBMPCodec.decodeText(bytes, offset: offset, what: "TLV \(tag)", charset: charset, warnings: &warnings)
            return "\"" + ZVTFieldValue.displayed(text) + "\""
        case .number:
            guard bytes.count <= 4 else { return ZVTBCD.hex(bytes) }
            return String(bytes.reduce(0) { $0 << 8 | Int($1) })
        case .bcd:
            if ZVTBCD.isNoValue(bytes) { return ZVTFieldValue.noValue.description }
            return (try? ZVTBCD.digits(bytes, offset: 0, field: "")) ?? ZVTBCD.hex(bytes)
        case .command:
            guard bytes.count == 2 else { return ZVTBCD.hex(bytes) }
            return ZVTMessageType(class: bytes[0], instruction: bytes[1]).description
        case .pan:
            return (try? ZVTPAN.decode(bytes, offset: 0).masked) ?? "****** (\(bytes.count) bytes redacted)"
        case .secret:
            return "****** (\(bytes.count) bytes redacted)"
        case .hex:
            let hex = bytes.isEmpty ? "(empty)" : ZVTBCD.hex(bytes)
            guard bytes.count == 1, let byte = bytes.first, let meaning = Self.meaning(of: tag, byte) else { return hex }
            return "\(hex) \(meaning)"
        }
    }

    private static func meaning(of tag: ZVTTLVTag, _ byte: UInt8) -> String? {
        switch tag {
        case .characterSet: ZVTCharset(tlvCode: byte).map { "(\($0))" }
        case .receiptType: [1: "merchant receipt", 2: "customer receipt", 3: "administration receipt"][byte]
        case .cardholderAuthentication:
            [0: "no CVM", 1: "signature", 2: "online PIN", 3: "offline enciphered PIN", 4: "offline plaintext PIN", 0xFF: "unknown"][byte]
        case .cardTechnology: [0: "magnetic stripe", 1: "chip", 2: "contactless"][byte]
        default: nil
        }
    }

    // MARK: JSON

    /// One JSON document: `{"messages": [...]}` with each message's type, fields and warnings.
    public func json(_ messages: [ZVTMessage]) -> String {
        ZVTJSONValue.object([("messages", .array(messages.map(jsonValue)))]).rendered()
    }

    /// One JSON document for a serial stream: `{"events": [...]}`, ACK/NAK as `{"event": "ACK"}`.
    public func json(events: [(ZVTSerialEvent, ZVTMessage?)]) -> String {
        let items: [ZVTJSONValue] = events.map { event, message in
            switch event {
            case .ack: .object([("event", .string("ACK"))])
            case .nak: .object([("event", .string("NAK"))])
            case .apdu: .object([("event", .string("frame"))] + (message.map { [("message", jsonValue($0))] } ?? []))
            }
        }
        return ZVTJSONValue.object([("events", .array(items))]).rendered()
    }

    func jsonValue(_ message: ZVTMessage) -> ZVTJSONValue {
        var warnings = message.warnings
        var members: [(String, ZVTJSONValue)] = [
            ("type", .string(ZVTBCD.hex([message.type.classByte, message.type.instruction]))),
            ("name", message.type.name.map(ZVTJSONValue.string) ?? .null),
            ("direction", .string(message.type.direction.rawValue)),
        ]
        let fields = message.fields.map { jsonValue($0, warnings: &warnings) }
        members.append(("fields", .array(fields)))
        if let code = message.resultCode { members.append(("resultCode", jsonValue(code))) }
        members.append(("warnings", .array(warnings.map { .string($0.description) })))
        return .object(members)
    }

    private func jsonValue(_ field: ZVTField, warnings: inout [ZVTDecodingWarning]) -> ZVTJSONValue {
        var members: [(String, ZVTJSONValue)] = [
            ("bmp", field.bmp.map { .string($0.description) } ?? .null),
            ("name", .string(field.name)),
            ("offset", .int(field.offset)),
            ("value", .string(value(field))),
        ]
        switch field.value {
        case .amount(let cents): members.append(("cents", .int(cents)))
        case .number(let number): members.append(("number", .int(number)))
        case .currency(let code): members.append(("currency", .int(code)))
        case .byte(let byte): members.append(("byte", .int(Int(byte))))
        case .text(let text): members.append(("text", .string(CardDataRedactor.redact(text))))
        case .noValue: members.append(("noValue", .bool(true)))
        case .pan(let pan): members.append(("maskedPAN", .string(pan.masked)))
        case .secret: members.append(("redacted", .bool(true)))
        case .resultCode(let code): members.append(("resultCode", jsonValue(code)))
        case .intermediateStatus(let status):
            members += [("code", .string(ZVTBCD.hex(status.rawValue))), ("text", .string(status.englishText)),
                        ("textDE", .string(status.germanText)), ("displayVerbatim", .bool(status.mustDisplayVerbatim))]
        case .tlv(let objects): members.append(("tlv", .array(objects.map { jsonValue($0, offset: field.offset, warnings: &warnings) })))
        default: break
        }
        return .object(members)
    }

    private func jsonValue(_ code: ZVTResultCode) -> ZVTJSONValue {
        .object([("code", .string(ZVTBCD.hex(code.rawValue))), ("text", .string(code.englishText)),
                 ("textDE", .string(code.germanText)), ("outcome", .string(code.outcome.rawValue))])
    }

    private func jsonValue(_ object: ZVTTLV, offset: Int, warnings: inout [ZVTDecodingWarning]) -> ZVTJSONValue {
        var members: [(String, ZVTJSONValue)] = [
            ("tag", .string(object.tag.bytes.map { ZVTBCD.hex($0) }.joined())),
            ("name", object.tag.name.map(ZVTJSONValue.string) ?? .null),
        ]
        switch object.value {
        case .constructed(let children):
            members.append(("children", .array(children.map { jsonValue($0, offset: offset, warnings: &warnings) })))
        case .primitive(let bytes):
            members.append(("value", .string(render(object.tag, bytes, offset: offset, warnings: &warnings))))
        }
        return .object(members)
    }
}
