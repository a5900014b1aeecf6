import DeviceCore
import Foundation

/// The terminal side of one ECR connection: answers each command by the current scenario.
/// Runs on one of the simulator's threads (one owner, not thread-safe); blocking calls are expected here.
final class ZVTSimulatorConnection {
    /// Whether the connection stays usable after a command.
    private enum Next { case keepOpen, drop }

    /// The link lost or closed while the terminal was talking.
    private struct Lost: Error {}

    let transport: any ZVTTransport
    let state: ZVTSimulatorState
    let isSerial: Bool
    /// How long the ECR may stay silent before a command (TCP: the connection is then closed).
    let idleTimeout: Duration
    /// An Abort `06 B0` that arrived while the terminal waited for an acknowledgement.
    private var pendingAbort = false

    /// The longest the terminal floods or waits for an Abort before it gives the connection up.
    static let longestCommand: Duration = .seconds(600)

    init(transport: any ZVTTransport, state: ZVTSimulatorState, isSerial: Bool, idleTimeout: Duration = .seconds(30)) {
        self.transport = transport
        self.state = state
        self.isSerial = isSerial
        self.idleTimeout = idleTimeout
    }

    /// Serves commands until the ECR closes the connection, the line fails or the simulator stops.
    func serve() {
        while !state.isStopped {
            if let serial = transport as? ZVTSerialTransport { serial.framesToReject = state.scenario.rejectedFrames }
            pendingAbort = false
            guard let command = nextCommand() else { return }
            let next: Next
            do { next = try handle(command) } catch { return }
            if next == .drop {
                if isSerial { continue }
                transport.close()
                return
            }
        }
    }

    /// The next command from the ECR (late acknowledgements skipped); `nil` when the link ends or,
    /// on TCP, when the ECR stays silent for ``idleTimeout``.
    private func nextCommand() -> ZVTAPDU? {
        var idleSince = ContinuousClock.now
        while !state.isStopped {
            do {
                guard let apdu = try transport.receive(waitingAtMost: 100) else {
                    if !isSerial, ContinuousClock.now - idleSince >= idleTimeout {
                        state.recordIdleClose()
                        return nil
                    }
                    continue
                }
                idleSince = ContinuousClock.now
                if apdu.classByte == 0x80 || apdu.classByte == 0x84 { continue }
                return apdu
            } catch {
                return nil
            }
        }
        return nil
    }

    private func handle(_ apdu: ZVTAPDU) throws(Lost) -> Next {
        let scenario = state.scenario
        state.recordCommand(apdu.type)
        if scenario.outcome == .noAcknowledgement { return .keepOpen }
        guard let message = try? ZVTMessage.decode(apdu) else {
            try send(ZVTSimulatorMessages.refusal(.protocolError))
            return .keepOpen
        }
        let terminalID = state.terminalID
        switch message.type {
        case .statusEnquiry:
            try acknowledge()
            try tell(ZVTSimulatorMessages.statusEnquiryCompletion(terminalID: terminalID), scenario)
        case .registration, .diagnosis:
            try acknowledge()
            try tell(ZVTSimulatorMessages.completion(terminalID: terminalID), scenario)
        case .logOff, .displayText, .abort:
            try acknowledge()
        case .repeatReceipt:
            try acknowledge()
            guard let last = state.lastTransaction else {
                try tell(ZVTSimulatorMessages.abort(.functionNotPossible), scenario)
                return .keepOpen
            }
            try finishBooking(last, scenario)
        case .endOfDay:
            try acknowledge()
            let total = state.transactions.filter { !$0.reversed && $0.command != .endOfDay }.reduce(0) { $0 + $1.amountCents }
            try tell(.intermediateStatus, .status(.pleaseWait), scenario)
            let transaction = state.book(.endOfDay, amountCents: total)
            try tell(ZVTSimulatorMessages.statusInformation(.success, amountCents: total, transaction: transaction, terminalID: terminalID,
                                                            card: scenario), scenario)
            try finishBooking(transaction, scenario, resend: false)
        case .authorization, .preAuthorization, .refund, .reversal, .bookTotal, .partialReversal:
            if case .refuse(let code) = scenario.outcome {
                try send(ZVTSimulatorMessages.refusalWithResultCode(code))
                return .keepOpen
            }
            try acknowledge()
            return try payment(message, scenario)
        default:
            try send(ZVTSimulatorMessages.refusal(.functionNotPossible))
        }
        return .keepOpen
    }

    /// A payment command after its acknowledgement, by the scenario.
    private func payment(_ message: ZVTMessage, _ scenario: ZVTSimulatorScenario) throws(Lost) -> Next {
        for display in scenario.displays { try tell(.intermediateStatus, display, scenario) }
        var amount = message.amountCents ?? 0
        var original: ZVTSimulatedTransaction?
        if case .number(let number)? = message.field(.receiptNumber)?.value {
            original = state.transaction(receiptNumber: number)
            if amount == 0 { amount = original?.amountCents ?? 0 }
        }
        switch scenario.outcome {
        case .approve, .dropAfterStatusInformation:
            if message.type == .reversal {
                guard let original, !original.reversed else {
                    try tell(ZVTSimulatorMessages.abort(ZVTResultCode(rawValue: original == nil ? 0xB5 : 0xB4)), scenario)
                    return .keepOpen
                }
                state.markReversed(receiptNumber: original.receiptNumber)
            }
            let transaction = state.book(message.type, amountCents: amount)
            try tell(ZVTSimulatorMessages.statusInformation(.success, amountCents: amount, transaction: transaction, terminalID: state.terminalID,
                                                            card: scenario), scenario)
            if scenario.outcome == .dropAfterStatusInformation { return .drop }
            try finishBooking(transaction, scenario, resend: false)
        case .approveThenAbort(let code):
            let transaction = state.book(message.type, amountCents: amount)
            try tell(ZVTSimulatorMessages.statusInformation(.success, amountCents: amount, transaction: transaction, terminalID: state.terminalID,
                                                            card: scenario), scenario)
            try tell(ZVTSimulatorMessages.abort(code), scenario)
        case .decline(let code):
            try tell(ZVTSimulatorMessages.statusInformation(code, amountCents: amount, transaction: nil, terminalID: state.terminalID,
                                                            card: scenario), scenario)
            try tell(ZVTSimulatorMessages.abort(code), scenario)
        case .citizenAbort:
            try tell(ZVTSimulatorMessages.abort(.aborted), scenario)
        case .noAnswer:
            return try waitForAbort()
        case .refuseAfterAcknowledgement(let code):
            pause(scenario)
            try send(ZVTSimulatorMessages.refusalWithResultCode(code))
        case .flood(let kind):
            return try flood(kind, amountCents: amount, type: message.type, scenario)
        case .noAcknowledgement, .refuse:
            break
        }
        return .keepOpen
    }

    /// Sends one kind of message again and again (each waits for the ECR's answer) until the ECR
    /// sends Abort `06 B0` (answered with `80 00` and `06 1E 6C`), leaves, or ``longestCommand`` passes.
    private func flood(_ kind: ZVTSimulatorScenario.Flood, amountCents: Int, type: ZVTMessageType,
                       _ scenario: ZVTSimulatorScenario) throws(Lost) -> Next {
        let message: ZVTMessage
        switch kind {
        case .intermediateStatus, .intermediateStatusIgnoringAbort:
            message = ZVTSimulatorMessages.intermediateStatus(.status(.pleaseWait), charset: scenario.charset)
        case .unknownMessages:
            message = ZVTSimulatorMessages.unknownMessage
        case .statusInformation:
            let transaction = state.book(type, amountCents: amountCents)
            message = ZVTSimulatorMessages.statusInformation(.success, amountCents: amountCents, transaction: transaction,
                                                             terminalID: state.terminalID, card: scenario)
        }
        guard let apdu = try? message.apdu(charset: scenario.charset) else { throw Lost() }
        let started = ContinuousClock.now
        while !state.isStopped, ContinuousClock.now - started < Self.longestCommand {
            if pendingAbort, kind == .intermediateStatusIgnoringAbort {
                pendingAbort = false
                try acknowledge()
            } else if pendingAbort {
                pendingAbort = false
                try acknowledge()
                try tell(ZVTSimulatorMessages.abort(.aborted), scenario)
                return .keepOpen
            }
            try tell(apdu, scenario)
        }
        return .drop
    }

    /// Receipts and Completion of a booked transaction (Repeat Receipt: Status Information first).
    private func finishBooking(_ transaction: ZVTSimulatedTransaction, _ scenario: ZVTSimulatorScenario, resend: Bool = true) throws(Lost) {
        if resend {
            try tell(ZVTSimulatorMessages.statusInformation(.success, amountCents: transaction.amountCents, transaction: transaction,
                                                            terminalID: state.terminalID, card: scenario), scenario)
        }
        let receipts = ZVTSimulatorMessages.receipts(for: transaction, terminalID: state.terminalID, style: scenario.receipts,
                                                     charset: scenario.charset, cardNumber: scenario.cardNumber)
        for receipt in receipts { try tell(receipt, scenario) }
        try tell(ZVTSimulatorMessages.completion(terminalID: state.terminalID), scenario)
    }

    /// Stays silent until the ECR sends Abort `06 B0` (then ends with `06 1E 6C`), leaves, or
    /// ``longestCommand`` passes.
    private func waitForAbort() throws(Lost) -> Next {
        let started = ContinuousClock.now
        while !state.isStopped, ContinuousClock.now - started < Self.longestCommand {
            if !pendingAbort {
                let apdu: ZVTAPDU?
                do { apdu = try transport.receive(waitingAtMost: 100) } catch { throw Lost() }
                guard let apdu, apdu.type == .abort else { continue }
                state.recordCommand(apdu.type)
            }
            pendingAbort = false
            try acknowledge()
            try tell(ZVTSimulatorMessages.abort(.aborted), state.scenario)
            return .keepOpen
        }
        return .drop
    }

    private func tell(_ type: ZVTMessageType, _ display: ZVTSimulatorScenario.Display, _ scenario: ZVTSimulatorScenario) throws(Lost) {
        try tell(ZVTSimulatorMessages.intermediateStatus(display, charset: scenario.charset), scenario)
    }

    /// The scenario's pause before a message the terminal sends unasked.
    private func pause(_ scenario: ZVTSimulatorScenario) {
        guard scenario.delay > .zero else { return }
        let (seconds, attoseconds) = scenario.delay.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Sends a message after the scenario's delay and waits (up to 5 s) for the ECR's answer.
    private func tell(_ message: ZVTMessage, _ scenario: ZVTSimulatorScenario) throws(Lost) {
        if message.type == .completion, let malformation = scenario.malformation {
            try tell(ZVTSimulatorMessages.malformedCompletion(terminalID: state.terminalID, malformation), scenario)
            return
        }
        guard let apdu = try? message.apdu(charset: scenario.charset) else { throw Lost() }
        try tell(apdu, scenario)
    }

    /// Sends an APDU after the scenario's delay and waits (up to 5 s) for the ECR's answer.
    private func tell(_ apdu: ZVTAPDU, _ scenario: ZVTSimulatorScenario) throws(Lost) {
        pause(scenario)
        try send(apdu)
        state.recordSentMessage()
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while ContinuousClock.now < deadline, !state.isStopped {
            let answer: ZVTAPDU?
            do { answer = try transport.receive(waitingAtMost: 100) } catch { throw Lost() }
            guard let answer else { continue }
            if answer.classByte == 0x80 || answer.classByte == 0x84 { return }
            if answer.type == .abort {
                state.recordCommand(answer.type)
                pendingAbort = true
            }
        }
    }

    private func acknowledge() throws(Lost) {
        try send(ZVTSimulatorMessages.acknowledgement)
    }

    private func send(_ apdu: ZVTAPDU) throws(Lost) {
        do { try transport.send(apdu) } catch { throw Lost() }
    }
}
