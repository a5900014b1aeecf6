/// Decodes and encodes BMP fields (`<BMP> <value>` sequences) by the table in ``ZVTBMPDefinition``.
public enum ZVTBMPCodec {
    /// Decodes BMP fields until `bytes` end. `baseOffset` is added to every offset (pass the position
    /// of `bytes[0]` in the APDU). Text fields use `charset`; unmappable characters become warnings.
    public static func decodeFields(_ bytes: [UInt8], baseOffset: Int = 0, charset: ZVTCharset = .default)
        throws(ZVTDecodingError) -> (fields: [ZVTField], warnings: [ZVTDecodingWarning])
    {
        var reader = ZVTByteReader(bytes, base: baseOffset)
        var warnings: [ZVTDecodingWarning] = []
        let fields = try decodeFields(&reader, charset: charset, warnings: &warnings)
        return (fields, warnings)
    }

    /// Encodes BMP fields in order. Text is encoded with `charset`; characters it lacks become `?`
    /// (check with ``ZVTCharset/encode(_:)`` first when that matters). Positional fields throw.
    public static func encodeFields(_ fields: [ZVTField], charset: ZVTCharset = .default) throws(ZVTEncodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in fields {
            guard let bmp = field.bmp else { throw ZVTEncodingError("\(field.name) is not a BMP field") }
            bytes += try encode(bmp, field.value, charset: charset)
        }
        return bytes
    }

    /// One BMP field: number, length prefix (LLVAR, LLLVAR or BER when the table says so) and value.
    public static func encode(_ bmp: ZVTBMP, _ value: ZVTFieldValue, charset: ZVTCharset = .default) throws(ZVTEncodingError) -> [UInt8] {
        guard let definition = bmp.definition else { throw ZVTEncodingError("BMP \(bmp) is not in the BMP table") }
        let content = try contentBytes(value, definition: definition, charset: charset)
        let prefix: [UInt8]
        switch definition.length {
        case .fixed(let count):
            guard content.count == count else {
                throw ZVTEncodingError("BMP \(bmp) (\(definition.name)) takes \(count) bytes, the value has \(content.count)")
            }
            prefix = []
        case .llvar:
            prefix = try variableLength(content.count, digits: 2, bmp: bmp)
        case .lllvar:
            prefix = try variableLength(content.count, digits: 3, bmp: bmp)
        case .ber:
            prefix = try ZVTTLV.berLength(content.count)
        }
        return [bmp.rawValue] + prefix + content
    }

    // MARK: Decoding

    /// Decodes fields until the reader's end.
    static func decodeFields(_ reader: inout ZVTByteReader, charset: ZVTCharset, warnings: inout [ZVTDecodingWarning])
        throws(ZVTDecodingError) -> [ZVTField]
    {
        var fields: [ZVTField] = []
        while !reader.isAtEnd {
            fields.append(try decodeField(&reader, charset: charset, warnings: &warnings))
        }
        return fields
    }

    /// Decodes one field at the reader's position.
    static func decodeField(_ reader: inout ZVTByteReader, charset: ZVTCharset, warnings: inout [ZVTDecodingWarning])
        throws(ZVTDecodingError) -> ZVTField
    {
        let start = reader.offset
        let bmp = ZVTBMP(rawValue: try reader.readByte("a BMP number"))
        guard let definition = bmp.definition else {
            throw ZVTDecodingError(.unknownBMP, offset: start,
                                   "expected a BMP number from the BMP table, found \(bmp) (its length is unknown, so parsing stops)")
        }
        // Built only for an error or a warning: formatting it for every field costs more than decoding the field.
        func what() -> String { "BMP \(bmp) (\(definition.name))" }
        let length: Int
        switch definition.length {
        case .fixed(let count): length = count
        case .llvar: length = try readVariableLength(&reader, digits: 2, of: what())
        case .lllvar: length = try readVariableLength(&reader, digits: 3, of: what())
        case .ber: length = try ZVTTLV.readBERLength(&reader, of: what())
        }
        let valueOffset = reader.offset
        let bytes = try reader.readBytes(length, what())
        let value = try decodeValue(bytes, content: definition.content, offset: valueOffset, what: what(),
                                    charset: charset, warnings: &warnings)
        return ZVTField(.bmp(bmp), offset: start, value: value)
    }

    /// The typed value of a field's bytes.
    static func decodeValue(_ bytes: [UInt8], content: ZVTBMPDefinition.Content, offset: Int, what: @autoclosure () -> String,
                            charset: ZVTCharset, warnings: inout [ZVTDecodingWarning]) throws(ZVTDecodingError) -> ZVTFieldValue
    {
        func pairs() throws(ZVTDecodingError) -> [Int] {
            let digits = Array(try ZVTBCD.digits(bytes, offset: offset, field: what()).unicodeScalars.map { Int($0.value - 0x30) })
            return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] * 10 + digits[$0 + 1] }
        }
        // Terminals send all-F nibbles for "no value" (an Abort's receipt number `87 FF FF`).
        if content.isBCD, ZVTBCD.isNoValue(bytes) { return .noValue }
        switch content {
        case .amount:
            return .amount(try ZVTBCD.number(bytes, offset: offset, field: what()))
        case .number:
            return .number(try ZVTBCD.number(bytes, offset: offset, field: what()))
        case .currency:
            return .currency(try ZVTBCD.number(bytes, offset: offset, field: what()))
        case .digits:
            return .digits(try ZVTBCD.digits(bytes, offset: offset, field: what()))
        case .time:
            let values = try pairs()
            guard values.count == 3 else { throw shapeError(offset, what, expected: 3, found: bytes.count) }
            return .time(hour: values[0], minute: values[1], second: values[2])
        case .date:
            let values = try pairs()
            guard values.count == 2 else { throw shapeError(offset, what, expected: 2, found: bytes.count) }
            return .date(month: values[0], day: values[1])
        case .fullDate:
            let values = try pairs()
            guard values.count == 3 else { throw shapeError(offset, what, expected: 3, found: bytes.count) }
            return .fullDate(year: values[0], month: values[1], day: values[2])
        case .expiryDate:
            let values = try pairs()
            guard values.count == 2 else { throw shapeError(offset, what, expected: 2, found: bytes.count) }
            return .expiryDate(year: values[0], month: values[1])
        case .pan:
            return .pan(try ZVTPAN.decode(bytes, offset: offset))
        case .resultCode, .cardType, .byte:
            guard bytes.count == 1, let byte = bytes.first else { throw shapeError(offset, what, expected: 1, found: bytes.count) }
            switch content {
            case .resultCode: return .resultCode(ZVTResultCode(rawValue: byte))
            case .cardType: return .cardType(ZVTCardType(rawValue: byte))
            default: return .byte(byte)
            }
        case .text:
            return .text(decodeText(bytes, offset: offset, what: what(), charset: charset, warnings: &warnings))
        case .ascii:
            var trimmed = bytes
            while trimmed.last == 0x00 { trimmed.removeLast() }
            return .text(decodeText(trimmed, offset: offset, what: what(), charset: .ascii, warnings: &warnings))
        case .binary:
            return .binary(bytes)
        case .secret:
            return .secret(ZVTSecret(bytes))
        case .tlv:
            return .tlv(try ZVTTLV.decodeList(bytes, baseOffset: offset))
        }
    }

    /// Decodes text and records a warning per unmappable byte.
    static func decodeText(_ bytes: [UInt8], offset: Int, what: @autoclosure () -> String, charset: ZVTCharset,
                           warnings: inout [ZVTDecodingWarning]) -> String
    {
        let decoded = charset.decode(bytes)
        for relative in decoded.replacedByteOffsets {
            let byte = relative < bytes.count ? ZVTBCD.hex(bytes[relative]) : "?"
            warnings.append(ZVTDecodingWarning(offset: offset + relative,
                                               message: "byte \(byte) in \(what()) has no character in \(charset); shown as U+FFFD"))
        }
        for relative in decoded.droppedControlOffsets {
            let byte = relative < bytes.count ? ZVTBCD.hex(bytes[relative]) : "?"
            warnings.append(ZVTDecodingWarning(offset: offset + relative, message: "control byte \(byte) in \(what()) left out"))
        }
        return decoded.string
    }

    private static func shapeError(_ offset: Int, _ what: () -> String, expected: Int, found: Int) -> ZVTDecodingError {
        ZVTDecodingError(.invalidLength, offset: offset, "expected \(expected) bytes of \(what()), found \(found)")
    }

    /// Reads the `Fx` length bytes of an LLVAR (2) or LLLVAR (3).
    private static func readVariableLength(_ reader: inout ZVTByteReader, digits: Int, of what: @autoclosure () -> String) throws(ZVTDecodingError) -> Int {
        var length = 0
        for _ in 0..<digits {
            let position = reader.offset
            let byte = try reader.readByte("\(digits == 2 ? "LLVAR" : "LLLVAR") length of \(what())")
            guard byte >= 0xF0, byte <= 0xF9 else {
                throw ZVTDecodingError(.invalidLength, offset: position,
                                       "expected an \(digits == 2 ? "LLVAR" : "LLLVAR") length byte F0–F9 for \(what()), found \(ZVTBCD.hex(byte))")
            }
            length = length * 10 + Int(byte & 0x0F)
        }
        return length
    }

    // MARK: Encoding

    private static func variableLength(_ count: Int, digits: Int, bmp: ZVTBMP) throws(ZVTEncodingError) -> [UInt8] {
        let limit = digits == 2 ? 99 : 999
        guard count <= limit else {
            throw ZVTEncodingError("BMP \(bmp) holds at most \(limit) bytes, the value has \(count)")
        }
        let decimal = digits == 2 ? [count / 10, count % 10] : [count / 100, count / 10 % 10, count % 10]
        return decimal.map { 0xF0 | UInt8($0) }
    }

    /// The value bytes without BMP number and length prefix.
    static func contentBytes(_ value: ZVTFieldValue, definition: ZVTBMPDefinition, charset: ZVTCharset) throws(ZVTEncodingError) -> [UInt8] {
        let fixed: Int? = if case .fixed(let count) = definition.length { count } else { nil }
        let name = "BMP \(definition.bmp) (\(definition.name))"
        if case .noValue = value {
            guard definition.content.isBCD, let fixed else { throw ZVTEncodingError("\(name) has no \"no value\" form (all-F BCD)") }
            return [UInt8](repeating: 0xFF, count: fixed)
        }
        switch (definition.content, value) {
        case (.amount, .amount(let number)), (.number, .number(let number)), (.currency, .currency(let number)):
            return try bcd(number, byteCount: fixed ?? 0, name)
        case (.digits, .digits(let digits)):
            guard let bytes = ZVTBCD.encode(digits: digits, byteCount: fixed ?? 0) else {
                throw ZVTEncodingError("\(name) takes \(2 * (fixed ?? 0)) decimal digits, got \"\(digits)\"")
            }
            return bytes
        case (.time, .time(let hour, let minute, let second)):
            return try pairs([hour, minute, second], name)
        case (.date, .date(let month, let day)):
            return try pairs([month, day], name)
        case (.fullDate, .fullDate(let year, let month, let day)):
            return try pairs([year, month, day], name)
        case (.expiryDate, .expiryDate(let year, let month)):
            return try pairs([year, month], name)
        case (.pan, .pan(let pan)):
            return pan.bcd
        case (.resultCode, .resultCode(let code)):
            return [code.rawValue]
        case (.cardType, .cardType(let type)):
            return [type.rawValue]
        case (.byte, .byte(let byte)):
            return [byte]
        case (.text, .text(let text)):
            return charset.encode(text).bytes
        case (.ascii, .text(let text)):
            var bytes = ZVTCharset.ascii.encode(text).bytes
            if let fixed {
                guard bytes.count <= fixed else { throw ZVTEncodingError("\(name) holds \(fixed) characters, got \(bytes.count)") }
                bytes += [UInt8](repeating: 0x20, count: fixed - bytes.count)
            }
            return bytes
        case (.binary, .binary(let bytes)):
            return bytes
        case (.secret, .secret(let secret)):
            return secret.bytes
        case (.tlv, .tlv(let objects)):
            return try ZVTTLV.encodeList(objects)
        default:
            throw ZVTEncodingError("\(name) cannot hold a value of this kind")
        }
    }

    private static func bcd(_ number: Int, byteCount: Int, _ name: String) throws(ZVTEncodingError) -> [UInt8] {
        guard let bytes = ZVTBCD.encode(number, byteCount: byteCount) else {
            throw ZVTEncodingError("\(name) holds a non-negative number of at most \(2 * byteCount) digits, got \(number)")
        }
        return bytes
    }

    private static func pairs(_ values: [Int], _ name: String) throws(ZVTEncodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in values {
            guard (0...99).contains(value) else { throw ZVTEncodingError("\(name): \(value) is not a two-digit number") }
            bytes.append(UInt8(value / 10) << 4 | UInt8(value % 10))
        }
        return bytes
    }
}
