public import DeviceCore

extension ZVTPaymentTerminal {
    /// Registration `06 00`: tells the terminal how the ECR works (``defaultConfigByte``: the ECR
    /// prints receipts from Print Line/Text Block and wants intermediate status), the currency
    /// (EUR) and, in TLV, that Print Text Block `06 D3` is permitted and the character set.
    public func register(configByte: UInt8 = ZVTPaymentTerminal.defaultConfigByte, serviceByte: UInt8? = nil) async throws(DeviceError) -> TerminalStatus {
        var tlv: [ZVTTLV] = [.constructed(.permittedCommands, [.primitive(.permittedCommand, [0x06, 0xD3])])]
        if let code = configuration.charset.tlvCode { tlv.append(.primitive(.characterSet, [code])) }
        let password = configuration.password
        let command = try Self.build("registration") { () throws(ZVTEncodingError) in
            try ZVTRequest.registration(password: password, configByte: configByte, currency: 978, serviceByte: serviceByte, tlv: tlv)
        }
        return Self.terminalStatus(from: try await run(command, operation: "registration"))
    }

    /// Log-Off `06 02`: the ECR signs off.
    public func logOff() async throws(DeviceError) {
        try Self.requireAcknowledged(try await run(ZVTRequest.logOff(), operation: "log-off", endsWithAcknowledgement: true), "log-off")
    }

    /// Display Text `06 E0`: shows up to 8 lines on the terminal for `durationSeconds` (0 = until replaced).
    public func displayText(_ lines: [String], durationSeconds: UInt8? = nil) async throws(DeviceError) {
        let command = try Self.build("display text") { () throws(ZVTEncodingError) in try ZVTRequest.displayText(lines, durationSeconds: durationSeconds) }
        try Self.requireAcknowledged(try await run(command, operation: "display text", endsWithAcknowledgement: true), "display text")
    }

    /// Abort `06 B0`. While a payment runs on this handle it is sent into that cycle and the
    /// payment ends with the terminal's Abort `06 1E` (outcome aborted); otherwise it is a command
    /// of its own that the terminal acknowledges.
    public func abort() async throws(DeviceError) {
        if inFlight {
            let apdu: ZVTAPDU
            do { apdu = try ZVTRequest.abort().apdu() } catch {
                throw DeviceError(.other, operation: "abort", message: error.message, remedy: "Report this bug.")
            }
            abortsAwaitingAnswer += 1
            do { try await link.send(apdu) } catch {
                abortsAwaitingAnswer -= 1
                throw error.error
            }
            await journalRecord(.sent, ZVTRequest.abort().description)
            return
        }
        try Self.requireAcknowledged(try await run(ZVTRequest.abort(), operation: "abort", endsWithAcknowledgement: true), "abort")
    }

    /// Repeat Receipt `06 20`: the terminal sends the last transaction's Status Information and
    /// receipts again. The way to learn the true outcome of a payment in doubt.
    public func repeatReceipt() async throws(DeviceError) -> PaymentResult {
        let password = configuration.password
        let command = try Self.build("repeat receipt") { () throws(ZVTEncodingError) in try ZVTRequest.repeatReceipt(password: password) }
        return ZVTPaymentResultBuilder.result(of: try await run(command, operation: "repeat receipt"))
    }

    private static func requireAcknowledged(_ flow: ZVTCommandFlow, _ operation: String) throws(DeviceError) {
        guard case .refused(let code)? = flow.end else { return }
        throw code.deviceError(operation: operation)
            ?? DeviceError(.other, operation: operation, message: "the terminal refused: \(code.description)",
                           remedy: "See the terminal's display; retry when it shows its idle screen.",
                           backendCode: .init(domain: "ZVT", value: Int64(code.rawValue), name: code.englishText))
    }
}
