import DeviceCore
@testable import PaymentTerminal
import Testing

/// The ECR's command-cycle state machine without I/O.
@Suite("ZVT command flow")
struct ZVTCommandFlowTests {
    func flow(endsWithAcknowledgement: Bool = false) -> ZVTCommandFlow {
        ZVTCommandFlow(endsWithAcknowledgement: endsWithAcknowledgement, charset: .cp437,
                       acknowledgementTimeout: .seconds(5), completionTimeout: .seconds(180))
    }

    func message(_ hex: String) throws -> ZVTMessage { try ZVTMessage.decode(bytes: h(hex)) }

    @Test("T3 until the acknowledgement, then T4; 84 xx before it refuses the command")
    func acknowledgementAndRefusal() throws {
        var cycle = flow()
        #expect(cycle.timeout == .seconds(5))
        #expect(cycle.handle(try message("80 00 00")).reply == nil)
        #expect(cycle.timeout == .seconds(180))
        var refused = flow()
        _ = refused.handle(try message("84 6C 00"))
        #expect(refused.end == .refused(.aborted))
    }

    @Test("commands without further answer end at 80 00")
    func endsWithAcknowledgement() throws {
        var cycle = flow(endsWithAcknowledgement: true)
        _ = cycle.handle(try message("80 00 00"))
        #expect(cycle.end == .acknowledged)
    }

    @Test("the intermediate status's timeout (BCD minutes) becomes T4; every terminal message is acknowledged")
    func intermediateStatusTimeout() throws {
        var cycle = flow()
        _ = cycle.handle(try message("80 00 00"))
        let step = cycle.handle(try message("04 FF 02 0A 02"))
        #expect(step.reply == ZVTAPDU(class: 0x80, instruction: 0x00))
        #expect(cycle.timeout == .seconds(120))
        #expect(step.events == [.userActionRequired(UserAction(code: "insertCard", prompt: "Karte einstecken"))])
    }

    @Test("unknown terminal messages are answered 84 83 00 and do not end the cycle")
    func unknownMessage() throws {
        var cycle = flow()
        let step = cycle.handle(try message("06 D9 00"))
        #expect(step.reply == ZVTAPDU(class: 0x84, instruction: 0x83))
        #expect(!cycle.isFinished)
    }

    @Test("print-line receipts are filed by their heading, else customer first")
    func printLineReceipts() throws {
        var receipts = ZVTReceiptCollector()
        for (attribute, text) in [(UInt8(0), "Händlerbeleg"), (0x80, "Ende")] {
            receipts.addPrintLine(ZVTMessage(type: .printLine, fields: [ZVTField(.printAttribute, value: .byte(attribute)),
                                                                        ZVTField(.printText, value: .text(text))]))
        }
        receipts.addPrintLine(ZVTMessage(type: .printLine, fields: [ZVTField(.printAttribute, value: .byte(0)),
                                                                    ZVTField(.printText, value: .text("Beleg"))]))
        receipts.finish()
        #expect(receipts.merchant == ["Händlerbeleg", "Ende"])
        #expect(receipts.customer == ["Beleg"])
    }

    @Test("a terminal Abort 06 1E ends the cycle with its result code")
    func terminalAbort() throws {
        var cycle = flow()
        _ = cycle.handle(try message("80 00 00"))
        _ = cycle.handle(try message("06 1E 01 6C"))
        #expect(cycle.end == .terminalAbort(.aborted))
        #expect(ZVTPaymentResultBuilder.result(of: cycle).outcome == .aborted)
    }

    @Test("84 1E after the acknowledgement ends the cycle like 06 1E with the code in its data (vendor deviation)",
          arguments: [("84 1E 01 6C", UInt8(0x6C), PaymentOutcome.aborted), ("84 1E 01 05", 0x05, .declined), ("84 6C 00", 0x6C, .aborted)])
    func refusalAfterAcknowledgement(hex: String, code: UInt8, outcome: PaymentOutcome) throws {
        var cycle = flow()
        _ = cycle.handle(try message("80 00 00"))
        _ = cycle.handle(try message("04 FF 01 0A"))
        let step = cycle.handle(try message(hex))
        #expect(step.reply == nil, "a refusal is an answer, not acknowledged")
        #expect(cycle.end == .terminalAbort(ZVTResultCode(rawValue: code)))
        let result = ZVTPaymentResultBuilder.result(of: cycle, requiresStatusInformation: true)
        #expect(result.outcome == outcome && result.resultCode == code)
    }

    @Test("the terminal's answer to the ECR's own Abort (80 00 or 84 xx) does not end the payment")
    func answerToOurAbort() throws {
        for answer in ["80 00 00", "84 83 00", "84 1E 01 6C"] {
            var cycle = flow()
            _ = cycle.handle(try message("80 00 00"))
            _ = cycle.handle(try message(answer), answersAbort: true)
            #expect(!cycle.isFinished, "\(answer)")
            _ = cycle.handle(try message("06 1E 01 6C"))
            #expect(cycle.end == .terminalAbort(.aborted))
        }
    }

    @Test("intermediate statuses outside the table show a generic text and the cycle goes on",
          arguments: ["04 FF 01 A3", "04 FF 01 6B", "04 FF 01 30", "04 FF 01 FF"])
    func unknownIntermediateStatus(hex: String) throws {
        var cycle = flow()
        _ = cycle.handle(try message("80 00 00"))
        let step = cycle.handle(try message(hex))
        #expect(step.reply == ZVTAPDU(class: 0x80, instruction: 0x00))
        let texts = step.events.compactMap { event -> String? in
            switch event {
            case .userActionRequired(let action): action.prompt
            case .statusChanged(let status): status.detail
            default: nil
            }
        }
        #expect(texts == ["Bitte Anzeige am Terminal beachten"])
        #expect(!cycle.isFinished)
    }
}

/// Results built from a finished cycle.
@Suite("ZVT payment results")
struct ZVTPaymentResultBuilderTests {
    @Test("a payment completed without Status Information is in doubt, never approved blindly")
    func completionWithoutStatusInformation() throws {
        var cycle = ZVTCommandFlow(charset: .cp437, acknowledgementTimeout: .seconds(5), completionTimeout: .seconds(180))
        _ = cycle.handle(try ZVTMessage.decode(bytes: h("80 00 00")))
        _ = cycle.handle(try ZVTMessage.decode(bytes: h("06 0F 00")))
        #expect(ZVTPaymentResultBuilder.result(of: cycle, requiresStatusInformation: true).outcome == .inDoubt)
        #expect(ZVTPaymentResultBuilder.result(of: cycle).outcome == .approved)
    }

    @Test("the PAN is masked to first 6 / last 4 even when the terminal sends it in full")
    func masksFullPAN() throws {
        let pan = try #require(ZVTPAN(digits: "6725591234567891234"))
        let message = ZVTMessage(type: .statusInformation, fields: [
            ZVTField(.bmp(.resultCode), value: .resultCode(.success)), ZVTField(.bmp(.pan), value: .pan(pan)),
        ])
        var result = PaymentResult(outcome: .approved)
        ZVTPaymentResultBuilder.fill(&result, from: message)
        #expect(result.maskedPAN == "672559*********1234")
    }
}
