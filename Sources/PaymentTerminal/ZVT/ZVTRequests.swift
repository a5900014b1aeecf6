/// Builders for the commands the cash register sends (PA00P015 §2), as messages ready to encode.
///
/// Amounts are in cents; currencies are ISO 4217 numbers (978 EUR); passwords are 6 decimal digits.
/// Every builder validates its values and throws ``ZVTEncodingError`` for what ZVT cannot carry.
public enum ZVTRequest {
    /// Registration `06 00`: `<password> <config> [<CC>] [03 <service>] [06 <TLV>]`. The currency
    /// code follows the config byte without BMP prefix (PA00P015 §2.1); service byte and TLV need it.
    public static func registration(password: String, configByte: UInt8, currency: Int? = 978, serviceByte: UInt8? = nil,
                                    tlv: [ZVTTLV]? = nil) throws(ZVTEncodingError) -> ZVTMessage
    {
        var fields = [try ZVTField.password(password), ZVTField.configByte(configByte)]
        if let currency {
            fields.append(ZVTField(.currencyCode, value: .currency(currency)))
        } else if serviceByte != nil || tlv != nil {
            throw ZVTEncodingError("Registration needs the currency code when it carries a service byte or TLV")
        }
        if let serviceByte { fields.append(ZVTField.serviceByte(serviceByte)) }
        if let tlv { fields.append(ZVTField(.bmp(.tlv), value: .tlv(tlv))) }
        return ZVTMessage(type: .registration, fields: fields)
    }

    /// Authorization `06 01`: `04 <amount> [49 <CC>] [19 <payment type>] [01 <timeout>] [02 <max status infos>] [06 <TLV>]`.
    public static func authorization(amountCents: Int, currency: Int? = nil, paymentType: UInt8? = nil, timeoutSeconds: UInt8? = nil,
                                     maxStatusInfos: UInt8? = nil, tlv: [ZVTTLV]? = nil) throws(ZVTEncodingError) -> ZVTMessage
    {
        var fields = [try ZVTField.amount(amountCents)]
        if let currency { fields.append(try ZVTField.currency(currency)) }
        if let paymentType { fields.append(ZVTField.paymentType(paymentType)) }
        if let timeoutSeconds { fields.append(ZVTField.timeout(seconds: timeoutSeconds)) }
        if let maxStatusInfos { fields.append(ZVTField.maxStatusInfos(maxStatusInfos)) }
        if let tlv { fields.append(ZVTField(.bmp(.tlv), value: .tlv(tlv))) }
        return ZVTMessage(type: .authorization, fields: fields)
    }

    /// Pre-Authorisation `06 22`: like Authorization, reserving the amount.
    public static func preAuthorization(amountCents: Int, currency: Int? = nil, paymentType: UInt8? = nil) throws(ZVTEncodingError) -> ZVTMessage {
        var message = try authorization(amountCents: amountCents, currency: currency, paymentType: paymentType)
        message.type = .preAuthorization
        return message
    }

    /// Book Total `06 24`: `87 <receipt> [04 <amount>] [0B <trace>]` completes a pre-authorisation.
    public static func bookTotal(receiptNumber: Int, amountCents: Int? = nil, trace: Int? = nil) throws(ZVTEncodingError) -> ZVTMessage {
        var fields = [try ZVTField.receiptNumber(receiptNumber)]
        if let amountCents { fields.append(try ZVTField.amount(amountCents)) }
        if let trace { fields.append(try ZVTField.trace(trace)) }
        return ZVTMessage(type: .bookTotal, fields: fields)
    }

    /// Reversal `06 30`: `<password> 87 <receipt>` (without a receipt number: the last transaction).
    public static func reversal(password: String, receiptNumber: Int?) throws(ZVTEncodingError) -> ZVTMessage {
        var fields = [try ZVTField.password(password)]
        if let receiptNumber { fields.append(try ZVTField.receiptNumber(receiptNumber)) }
        return ZVTMessage(type: .reversal, fields: fields)
    }

    /// Refund `06 31`: `<password> 04 <amount> [49 <CC>]`.
    public static func refund(password: String, amountCents: Int, currency: Int? = nil) throws(ZVTEncodingError) -> ZVTMessage {
        var fields = [try ZVTField.password(password), try ZVTField.amount(amountCents)]
        if let currency { fields.append(try ZVTField.currency(currency)) }
        return ZVTMessage(type: .refund, fields: fields)
    }

    /// End-of-Day `06 50`: `<password>`.
    public static func endOfDay(password: String) throws(ZVTEncodingError) -> ZVTMessage {
        ZVTMessage(type: .endOfDay, fields: [try ZVTField.password(password)])
    }

    /// Status Enquiry `05 01`: `<password> [03 <service byte>]`.
    public static func statusEnquiry(password: String, serviceByte: UInt8? = nil) throws(ZVTEncodingError) -> ZVTMessage {
        var fields = [try ZVTField.password(password)]
        if let serviceByte { fields.append(ZVTField.serviceByte(serviceByte)) }
        return ZVTMessage(type: .statusEnquiry, fields: fields)
    }

    /// Repeat Receipt `06 20`: `<password>`.
    public static func repeatReceipt(password: String) throws(ZVTEncodingError) -> ZVTMessage {
        ZVTMessage(type: .repeatReceipt, fields: [try ZVTField.password(password)])
    }

    /// Diagnosis `06 70` (no data).
    public static func diagnosis() -> ZVTMessage { ZVTMessage(type: .diagnosis) }

    /// Abort `06 B0` (no data).
    public static func abort() -> ZVTMessage { ZVTMessage(type: .abort) }

    /// Log-Off `06 02` (no data).
    public static func logOff() -> ZVTMessage { ZVTMessage(type: .logOff) }

    /// Display Text `06 E0`: up to 8 lines (BMP F1–F8) and an optional duration in seconds (F0, 0 = forever).
    public static func displayText(_ lines: [String], durationSeconds: UInt8? = nil) throws(ZVTEncodingError) -> ZVTMessage {
        guard lines.count <= 8 else { throw ZVTEncodingError("Display Text takes at most 8 lines, got \(lines.count)") }
        var fields: [ZVTField] = []
        if let durationSeconds { fields.append(ZVTField(.bmp(ZVTBMP(rawValue: 0xF0)), value: .byte(durationSeconds))) }
        for (index, line) in lines.enumerated() {
            fields.append(ZVTField(.bmp(ZVTBMP(rawValue: UInt8(0xF1 + index))), value: .text(line)))
        }
        return ZVTMessage(type: .displayText, fields: fields)
    }
}

extension ZVTField {
    /// BMP 04: an amount in cents (0 to 999 999 999 999).
    public static func amount(_ cents: Int) throws(ZVTEncodingError) -> ZVTField {
        guard (0...999_999_999_999).contains(cents) else { throw ZVTEncodingError("amount \(cents) cents does not fit 6 BCD bytes") }
        return ZVTField(.bmp(.amount), value: .amount(cents))
    }

    /// BMP 49: an ISO 4217 numeric currency code (978 EUR).
    public static func currency(_ code: Int) throws(ZVTEncodingError) -> ZVTField {
        guard (0...9999).contains(code) else { throw ZVTEncodingError("currency code \(code) does not fit 2 BCD bytes") }
        return ZVTField(.bmp(.currencyCode), value: .currency(code))
    }

    /// BMP 0B: a trace number (0–999999).
    public static func trace(_ number: Int) throws(ZVTEncodingError) -> ZVTField {
        guard (0...999_999).contains(number) else { throw ZVTEncodingError("trace number \(number) does not fit 3 BCD bytes") }
        return ZVTField(.bmp(.traceNumber), value: .number(number))
    }

    /// BMP 87: a receipt number (0–9999).
    public static func receiptNumber(_ number: Int) throws(ZVTEncodingError) -> ZVTField {
        guard (0...9999).contains(number) else { throw ZVTEncodingError("receipt number \(number) does not fit 2 BCD bytes") }
        return ZVTField(.bmp(.receiptNumber), value: .number(number))
    }

    /// BMP 19: the payment type of Authorization (bit field, PA00P015 §2.2).
    public static func paymentType(_ byte: UInt8) -> ZVTField { ZVTField(.bmp(.paymentType), value: .byte(byte)) }

    /// BMP 03: the service byte (bit field; its meaning depends on the command).
    public static func serviceByte(_ byte: UInt8) -> ZVTField { ZVTField(.bmp(.serviceByte), value: .byte(byte)) }

    /// BMP 01: how long the terminal waits for the goods-issue answer, in seconds (binary).
    public static func timeout(seconds: UInt8) -> ZVTField { ZVTField(.bmp(.timeout), value: .byte(seconds)) }

    /// BMP 02: how many status informations the terminal may send (binary).
    public static func maxStatusInfos(_ count: UInt8) -> ZVTField { ZVTField(.bmp(.maxStatusInfos), value: .byte(count)) }

    /// The positional config byte of Registration (02 ECR prints payment receipts, 04 admin receipts,
    /// 08 intermediate status wanted, 10 no amount entry on the PT, 20 no admin on the PT, 80 receipts as 06 D1/06 D3).
    public static func configByte(_ byte: UInt8) -> ZVTField { ZVTField(.configByte, value: .byte(byte)) }

    /// The positional 3-byte BCD password (6 decimal digits).
    public static func password(_ digits: String) throws(ZVTEncodingError) -> ZVTField {
        guard digits.count == 6, let bytes = ZVTBCD.encode(digits: digits, byteCount: 3) else {
            throw ZVTEncodingError("the ZVT password must be 6 decimal digits")
        }
        return ZVTField(.password, value: .secret(ZVTSecret(bytes)))
    }
}
