/// A ZVT message decoded into named fields: the message type plus its positional and BMP fields.
///
/// ``description`` and every field's description mask PANs and hide passwords and track data, so a
/// message can be logged; the raw APDU cannot.
public struct ZVTMessage: Sendable, Hashable, CustomStringConvertible {
    /// Class and instruction.
    public var type: ZVTMessageType
    /// The fields in wire order.
    public var fields: [ZVTField]
    /// Things the decoder accepted but noticed (unmappable characters, vendor deviations).
    public var warnings: [ZVTDecodingWarning]

    /// Creates a message, e.g. to encode it.
    public init(type: ZVTMessageType, fields: [ZVTField] = [], warnings: [ZVTDecodingWarning] = []) {
        self.type = type
        self.fields = fields
        self.warnings = warnings
    }

    /// The first field with `bmp`.
    public func field(_ bmp: ZVTBMP) -> ZVTField? { fields.first { $0.bmp == bmp } }

    /// The first field with `id`.
    public func field(id: ZVTField.ID) -> ZVTField? { fields.first { $0.id == id } }

    /// The result code: a positional one (`06 1E`, refusal data), else BMP 27, else a refusal's APRC.
    public var resultCode: ZVTResultCode? {
        for field in fields {
            if case .resultCode(let code) = field.value, field.id == .resultCode || field.bmp == .resultCode { return code }
        }
        return type.isRefusal ? ZVTResultCode(rawValue: type.instruction) : nil
    }

    /// The amount of BMP 04 in cents.
    public var amountCents: Int? {
        if case .amount(let cents)? = field(.amount)?.value { return cents }
        return nil
    }

    /// The objects of the TLV container (BMP 06); empty without one.
    public var tlv: [ZVTTLV] {
        if case .tlv(let objects)? = field(.tlv)?.value { return objects }
        return []
    }

    /// `04 0F Status Information: 27 Result code: 00 no error; 04 Amount: 12.50; ...` (masked).
    public var description: String {
        fields.isEmpty ? type.description : "\(type.description): " + fields.map(\.description).joined(separator: "; ")
    }

    /// Decodes an APDU; offsets count from its class byte, assuming the shortest length form.
    public static func decode(_ apdu: ZVTAPDU, charset: ZVTCharset = .default) throws(ZVTDecodingError) -> ZVTMessage {
        try decode(type: apdu.type, data: apdu.data, dataOffset: apdu.headerLength, charset: charset)
    }

    /// Decodes the bytes of exactly one APDU; offsets count from its first byte.
    public static func decode(bytes: [UInt8], charset: ZVTCharset = .default) throws(ZVTDecodingError) -> ZVTMessage {
        let apdu = try ZVTAPDU.decode(bytes)
        return try decode(type: apdu.type, data: apdu.data, dataOffset: bytes.count - apdu.data.count, charset: charset)
    }

    /// Encodes the message as an APDU; text uses `charset` (characters it lacks become `?`).
    public func apdu(charset: ZVTCharset = .default) throws(ZVTEncodingError) -> ZVTAPDU {
        var data: [UInt8] = []
        for field in fields {
            if let bmp = field.bmp {
                data += try ZVTBMPCodec.encode(bmp, field.value, charset: charset)
            } else {
                data += try Self.positionalBytes(field, charset: charset)
            }
        }
        guard data.count <= ZVTAPDU.maxDataLength else {
            throw ZVTEncodingError("\(type) data of \(data.count) bytes exceeds the ZVT maximum of \(ZVTAPDU.maxDataLength)")
        }
        return ZVTAPDU(class: type.classByte, instruction: type.instruction, data: data)
    }

    /// The message types that start with a 3-byte BCD password.
    static let passwordFirst: Set<ZVTMessageType> = [
        .registration, .statusEnquiry, .reversal, .refund, .endOfDay, .initialisation, .repeatReceipt, .resetTerminal,
    ]

    private static func decode(type: ZVTMessageType, data: [UInt8], dataOffset: Int, charset: ZVTCharset)
        throws(ZVTDecodingError) -> ZVTMessage
    {
        var reader = ZVTByteReader(data, base: dataOffset)
        var fields: [ZVTField] = []
        var warnings: [ZVTDecodingWarning] = []

        func positional(_ id: ZVTField.ID, _ count: Int, _ what: String, _ make: ([UInt8]) throws(ZVTDecodingError) -> ZVTFieldValue)
            throws(ZVTDecodingError)
        {
            let offset = reader.offset
            let bytes = try reader.readBytes(count, what)
            fields.append(ZVTField(id, offset: offset, value: try make(bytes)))
        }
        func byte(_ bytes: [UInt8]) -> UInt8 { bytes.first ?? 0 }
        /// A raw currency code follows a result code 6F when the next byte does not start a BMP.
        func currencyAfterWrongCurrency() throws(ZVTDecodingError) {
            guard case .resultCode(let code)? = fields.last?.value, code == .wrongCurrency, reader.remaining >= 2,
                  let next = reader.peek(), ZVTBMP(rawValue: next).definition == nil else { return }
            let offset = reader.offset
            try positional(.currencyCode, 2, "the currency code after result 6F") { (bytes) throws(ZVTDecodingError) in
                ZVTBCD.isNoValue(bytes) ? .noValue : .currency(try ZVTBCD.number(bytes, offset: offset, field: "the currency code"))
            }
        }

        // The password is mandatory once the command carries data; an empty command is accepted as is.
        if passwordFirst.contains(type), !reader.isAtEnd {
            try positional(.password, 3, "the password") { .secret(ZVTSecret($0)) }
        }
        switch type {
        case .registration:
            if !reader.isAtEnd {
                try positional(.configByte, 1, "the config byte") { .byte(byte($0)) }
            }
            // The specification puts the CC here without BMP prefix; zvt.md writes `49 <CC>`: accept both.
            if reader.remaining >= 2, reader.peek() != ZVTBMP.currencyCode.rawValue {
                let offset = reader.offset
                try positional(.currencyCode, 2, "the currency code") { (bytes) throws(ZVTDecodingError) in
                    ZVTBCD.isNoValue(bytes) ? .noValue : .currency(try ZVTBCD.number(bytes, offset: offset, field: "the currency code"))
                }
            }
        case .intermediateStatus:
            try positional(.intermediateStatus, 1, "the intermediate status byte") { .intermediateStatus(ZVTIntermediateStatus(rawValue: byte($0))) }
            if !reader.isAtEnd {
                let offset = reader.offset
                try positional(.statusTimeout, 1, "the display timeout") { (bytes) throws(ZVTDecodingError) in
                    ZVTBCD.isNoValue(bytes) ? .noValue : .number(try ZVTBCD.number(bytes, offset: offset, field: "the display timeout"))
                }
            }
        case .terminalAbort:
            if !reader.isAtEnd {
                try positional(.resultCode, 1, "the result code") { .resultCode(ZVTResultCode(rawValue: byte($0))) }
                try currencyAfterWrongCurrency()
            }
        case .printLine:
            try positional(.printAttribute, 1, "the print attribute byte") { .byte(byte($0)) }
            let offset = reader.offset
            let text = ZVTBMPCodec.decodeText(reader.readRest(), offset: offset, what: "the print line", charset: charset, warnings: &warnings)
            fields.append(ZVTField(.printText, offset: offset, value: .text(text)))
        case .completion where isStatusEnquiryCompletion(reader):
            let offset = reader.offset
            let digits = try reader.readBytes(3, "the software version length").map { Int($0 & 0x0F) }
            let length = digits.reduce(0) { $0 * 10 + $1 }
            let textOffset = reader.offset
            let bytes = try reader.readBytes(length, "the software version")
            let text = ZVTBMPCodec.decodeText(bytes, offset: textOffset, what: "the software version", charset: charset, warnings: &warnings)
            fields.append(ZVTField(.softwareVersion, offset: offset, value: .text(text)))
            try positional(.terminalStatus, 1, "the terminal status byte") { .terminalStatus(ZVTTerminalStatus(rawValue: byte($0))) }
        default:
            // `84 1E` always carries its result code first (PA00P015: wrong currency `84 1E 03 6F 09 78`;
            // some firmwares end any transaction that way), even a code that is also a BMP id (05, 9A).
            // Other refusals carry one only when the byte is not a BMP id.
            if type.isRefusal, let next = reader.peek(), type.instruction == 0x1E || ZVTBMP(rawValue: next).definition == nil {
                try positional(.resultCode, 1, "the result code") { .resultCode(ZVTResultCode(rawValue: byte($0))) }
                try currencyAfterWrongCurrency()
            }
        }

        if type.name == nil, !reader.isAtEnd {
            // Unknown message type: try BMPs, else keep the bytes and say so.
            var trial = reader
            var trialWarnings = warnings
            do {
                let bmpFields = try ZVTBMPCodec.decodeFields(&trial, charset: charset, warnings: &trialWarnings)
                return ZVTMessage(type: type, fields: fields + bmpFields, warnings: trialWarnings)
            } catch {
                let offset = reader.offset
                warnings.append(ZVTDecodingWarning(offset: offset, message: "\(type) is not a known message type and its data are not BMP fields (\(error)); shown raw"))
                fields.append(ZVTField(.rawData, offset: offset, value: .binary(reader.readRest())))
                return ZVTMessage(type: type, fields: fields, warnings: warnings)
            }
        }
        fields += try ZVTBMPCodec.decodeFields(&reader, charset: charset, warnings: &warnings)
        return ZVTMessage(type: type, fields: fields, warnings: warnings)
    }

    /// The completion of a Status Enquiry starts with the software version as LLLVAR (`Fx Fx Fx`),
    /// which no BMP sequence of a completion does (F0–F9 are display BMPs the terminal never sends).
    private static func isStatusEnquiryCompletion(_ reader: ZVTByteReader) -> Bool {
        (0..<3).allSatisfy { distance in reader.peek(ahead: distance).map { (0xF0...0xF9).contains($0) } ?? false }
    }

    /// The bytes of a positional field.
    private static func positionalBytes(_ field: ZVTField, charset: ZVTCharset) throws(ZVTEncodingError) -> [UInt8] {
        switch (field.id, field.value) {
        case (.password, .secret(let secret)) where secret.count == 3:
            return secret.bytes
        case (.configByte, .byte(let byte)), (.printAttribute, .byte(let byte)):
            return [byte]
        case (.currencyCode, .currency(let code)):
            guard let bytes = ZVTBCD.encode(code, byteCount: 2) else { throw ZVTEncodingError("currency code \(code) has more than 4 digits") }
            return bytes
        case (.intermediateStatus, .intermediateStatus(let status)):
            return [status.rawValue]
        case (.statusTimeout, .number(let minutes)):
            guard let bytes = ZVTBCD.encode(minutes, byteCount: 1) else { throw ZVTEncodingError("display timeout \(minutes) is not 0–99 minutes") }
            return bytes
        case (.resultCode, .resultCode(let code)):
            return [code.rawValue]
        case (.terminalStatus, .terminalStatus(let status)):
            return [status.rawValue]
        case (.printText, .text(let text)):
            return charset.encode(text).bytes
        case (.softwareVersion, .text(let text)):
            let bytes = charset.encode(text).bytes
            guard bytes.count <= 999 else { throw ZVTEncodingError("software version of \(bytes.count) bytes exceeds LLLVAR's 999") }
            return [0xF0 | UInt8(bytes.count / 100), 0xF0 | UInt8(bytes.count / 10 % 10), 0xF0 | UInt8(bytes.count % 10)] + bytes
        case (.rawData, .binary(let bytes)):
            return bytes
        default:
            throw ZVTEncodingError("\(field.name) cannot hold a value of this kind")
        }
    }
}
