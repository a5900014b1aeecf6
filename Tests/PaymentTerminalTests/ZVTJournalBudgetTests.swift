@testable import PaymentTerminal
import Testing

/// The bound on what one command cycle writes to the journal (issue 9, item 4), without I/O.
@Suite("ZVT journal budget")
struct ZVTJournalBudgetTests {
    static let status = ZVTMessage(type: .intermediateStatus, fields: [ZVTField(.intermediateStatus, value: .intermediateStatus(.pleaseWait))])
    static func information(_ trace: Int) -> ZVTMessage {
        ZVTMessage(type: .statusInformation, fields: [ZVTField(.bmp(.resultCode), value: .resultCode(.success)),
                                                      ZVTField(.bmp(.traceNumber), value: .number(trace))])
    }

    @Test("a flood of 04 FF: the first 50 recorded, the rest counted; the end and the Abort always recorded")
    func floodOfIntermediateStatus() {
        var budget = ZVTJournalBudget()
        var recorded = 0
        let command = budget.admits(.sent, .authorization, timestamp: 0)
        #expect(command)
        recorded += 1
        for index in 0..<100_000 {
            if budget.admits(.received, .intermediateStatus, message: Self.status, timestamp: Double(index)) { recorded += 1 }
            if budget.admits(.sent, .acknowledgement, timestamp: Double(index)) { recorded += 1 }
        }
        #expect(recorded == ZVTJournalBudget.firstMessages)
        let abort = budget.admits(.sent, .abort, timestamp: 1)
        let end = budget.admits(.received, .terminalAbort, timestamp: 2)
        #expect(abort && end)
        let closing = budget.closingMessages()
        #expect(closing.count == 3, "\(closing.map(\.summary))")
        let received = closing.first { $0.direction == .received }?.summary ?? ""
        let sent = closing.first { $0.direction == .sent }?.summary ?? ""
        #expect(received.contains("\(100_000 - 25) × 04 FF"), "\(received)")
        #expect(sent.contains("\(100_000 - 24) × 80 00"), "\(sent)")
        #expect(closing.last?.summary.hasPrefix("04 FF") == true && closing.last?.summary.contains("the last message received") == true)
        let again = budget.closingMessages()
        #expect(again.isEmpty, "counts are reset")
    }

    @Test("a flood of Status Information keeps the last one for the closing records")
    func floodOfStatusInformation() {
        var budget = ZVTJournalBudget()
        var admitted = 0
        for trace in 1...1_000 where budget.admits(.received, .statusInformation, message: Self.information(trace), timestamp: Double(trace)) {
            admitted += 1
        }
        #expect(admitted == ZVTJournalBudget.firstMessages + ZVTJournalBudget.laterStatusInformation)
        let closing = budget.closingMessages()
        #expect(closing.contains { $0.summary.hasPrefix("04 0F") && $0.summary.contains("Trace number: 1000") && $0.summary.contains("last Status Information") },
                "\(closing.map(\.summary))")
        #expect(closing.count == 2)
    }

    @Test("a short cycle records everything and closes with nothing")
    func shortCycle() {
        var budget = ZVTJournalBudget()
        for type in [ZVTMessageType.authorization, .acknowledgement, .intermediateStatus, .statusInformation, .completion] {
            let admitted = budget.admits(.received, type, timestamp: 0)
            #expect(admitted)
        }
        let closing = budget.closingMessages()
        #expect(closing.isEmpty)
    }

    @Test("unknown message types are counted by name, at most 16 names")
    func manyTypes() {
        var budget = ZVTJournalBudget()
        for _ in 0..<ZVTJournalBudget.firstMessages { _ = budget.admits(.received, .intermediateStatus, timestamp: 0) }
        for instruction in 0..<200 { _ = budget.admits(.received, ZVTMessageType(class: 0x04, instruction: UInt8(instruction)), timestamp: 0) }
        let summary = budget.closingMessages().first?.summary ?? ""
        #expect(summary.contains("other message types"), "\(summary)")
        #expect(summary.split(separator: "×").count <= ZVTJournalBudget.countedTypes + 2)
    }
}
