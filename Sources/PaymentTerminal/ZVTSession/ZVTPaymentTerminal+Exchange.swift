import DeviceCore
import Foundation

/// A command cycle that failed, and whether the command may have reached the terminal (then a
/// payment's outcome is in doubt).
struct ZVTExchangeFailure: Error, Sendable {
    /// What went wrong.
    var error: DeviceError
    /// Whether the terminal may have received (and acted on) the command.
    var commandMayHaveArrived: Bool
}

extension ZVTPaymentTerminal {
    /// How long one receive call on the link may block, so an Abort or a cancellation gets through.
    static let receiveSlice: Duration = .milliseconds(50)

    /// Runs an administrative command cycle (no journal): lifecycle, connection, exchange.
    func run(_ command: ZVTMessage, operation: String, endsWithAcknowledgement: Bool = false) async throws(DeviceError) -> ZVTCommandFlow {
        guard !inFlight else { throw Self.busy(operation) }
        try lifecycle.begin(operation, needsClaim: false)
        inFlight = true
        defer { inFlight = false }
        var flow = makeFlow(endsWithAcknowledgement: endsWithAcknowledgement)
        do {
            try await exchange(command, flow: &flow)
        } catch {
            await finishConnection()
            lifecycle.failed(error.error)
            throw error.error
        }
        await finishConnection()
        lifecycle.succeeded()
        return flow
    }

    /// A fresh flow with the configured timers.
    func makeFlow(endsWithAcknowledgement: Bool = false) -> ZVTCommandFlow {
        ZVTCommandFlow(endsWithAcknowledgement: endsWithAcknowledgement, charset: configuration.charset,
                       acknowledgementTimeout: configuration.acknowledgementTimeout,
                       completionTimeout: configuration.completionTimeout)
    }

    /// Sends `command` and follows the terminal's messages until the cycle ends, acknowledging
    /// each and journaling the messages (bounded by ``ZVTJournalBudget``) when `journaledRequestID`
    /// is set. Each wait is T3 or T4, cut short by the overall deadline
    /// (``ZVTTerminalConfiguration/transactionDeadline``); once that passes the ECR sends Abort
    /// `06 B0` and the terminal gets ``ZVTTerminalConfiguration/abortGracePeriod`` to end the cycle.
    func exchange(_ command: ZVTMessage, flow: inout ZVTCommandFlow) async throws(ZVTExchangeFailure) {
        let apdu: ZVTAPDU
        do {
            apdu = try command.apdu(charset: configuration.charset)
        } catch {
            throw ZVTExchangeFailure(error: DeviceError(.other, operation: "send \(command.type)", message: error.message,
                                                        remedy: "Correct the command's values, then retry."), commandMayHaveArrived: false)
        }
        do { try await link.connect() } catch { throw ZVTExchangeFailure(error: error, commandMayHaveArrived: false) }
        abortsAwaitingAnswer = 0
        var deadline = ZVTCycleDeadline(clock: clock, limit: configuration.transactionDeadline)
        // The last point at which a cancelled caller provably sent nothing.
        if Task.isCancelled {
            throw ZVTExchangeFailure(error: Self.cancelledBeforeSending(command.type), commandMayHaveArrived: false)
        }
        do { try await link.send(apdu) } catch {
            throw ZVTExchangeFailure(error: error.error, commandMayHaveArrived: error.mayHaveArrived)
        }
        var budget = ZVTJournalBudget()
        await journalRecord(.sent, command.type, command.description, budget: &budget)
        do {
            try await follow(command, flow: &flow, deadline: &deadline, budget: &budget)
        } catch {
            if error.error.kind == .cancelled {
                // The terminal may still send messages of this cycle; a fresh connection keeps them
                // away from the next command.
                await link.disconnect()
            }
            await journalClose(&budget)
            throw error
        }
        await journalClose(&budget)
    }

    /// The loop of ``exchange(_:flow:)`` after the command went out.
    private func follow(_ command: ZVTMessage, flow: inout ZVTCommandFlow, deadline: inout ZVTCycleDeadline,
                        budget: inout ZVTJournalBudget) async throws(ZVTExchangeFailure) {
        while !flow.isFinished {
            if deadline.remaining <= .zero {
                guard !flow.abortedAtDeadline else { throw ZVTExchangeFailure(error: deadlineError(command), commandMayHaveArrived: true) }
                try await sendAbortAtDeadline(budget: &budget)
                flow.noteAbortAtDeadline()
                deadline.restart(limit: ZVTTerminalConfiguration.abortGracePeriod)
            }
            let remaining = deadline.remaining
            // On a tie the protocol timer wins, so T3/T4 keep their meaning up to the deadline.
            let deadlineBinds = remaining < flow.timeout
            let phase = flow.abortedAtDeadline
                ? "wait for the terminal to end \(command.type) after the Abort at the overall deadline (\(configuration.transactionDeadline))"
                : flow.acknowledged
                    ? "wait for the terminal's next message (T4 \(flow.timeout))"
                    : "wait for the terminal to acknowledge \(command.type) (T3 \(flow.timeout))"
            let received: ZVTAPDU
            do { received = try await nextAPDU(within: deadlineBinds ? remaining : flow.timeout, operation: phase) } catch {
                if deadlineBinds, error.kind == .timeout { continue }
                throw ZVTExchangeFailure(error: error, commandMayHaveArrived: true)
            }
            let message: ZVTMessage
            do { message = try ZVTMessage.decode(received, charset: configuration.charset) } catch {
                throw ZVTExchangeFailure(error: error.deviceError(operation: phase), commandMayHaveArrived: true)
            }
            await journalRecord(.received, message, budget: &budget)
            await noteTerminalID(in: message)
            let answersAbort = flow.acknowledged && abortsAwaitingAnswer > 0
                && (message.type == .acknowledgement || message.type.isRefusal)
            if answersAbort { abortsAwaitingAnswer -= 1 }
            let step = flow.handle(message, answersAbort: answersAbort)
            for event in step.events { lifecycle.emit(event) }
            if message.type == .intermediateStatus, let displayHandler {
                displayHandler(ZVTDisplayEvent.display(for: message, charset: configuration.charset))
            }
            if let reply = step.reply {
                do { try await link.send(reply) } catch { throw ZVTExchangeFailure(error: error.error, commandMayHaveArrived: true) }
                await journalRecord(.sent, reply.type, reply.type.description, budget: &budget)
            }
        }
    }

    /// The next APDU within `limit` on the injected clock; throws a timeout error naming the timer.
    func nextAPDU(within limit: Duration, operation: String) async throws(DeviceError) -> ZVTAPDU {
        let link = self.link
        do {
            return try await withDeadline(limit, on: clock, operation: operation) {
                while true {
                    try Task.checkCancellation()
                    if let apdu = try await link.receive(waitingAtMost: Self.receiveSlice) { return apdu }
                }
            }
        } catch let error as DeviceError {
            throw error
        } catch {
            throw Self.cancelledWaiting(operation)
        }
    }

    /// The error when the caller's task was cancelled before the command's first byte went out:
    /// nothing reached the terminal.
    static func cancelledBeforeSending(_ type: ZVTMessageType) -> DeviceError {
        DeviceError(.cancelled, operation: "send \(type)", message: "the command was cancelled before it was sent; the terminal received nothing",
                    remedy: "Nothing was booked; start the command again when wanted.")
    }

    /// The error when the caller's task was cancelled while the ECR waited for the terminal, after
    /// the command went out: the terminal may have acted on it (a payment is then in doubt).
    static func cancelledWaiting(_ operation: String) -> DeviceError {
        DeviceError(.cancelled, operation: operation,
                    message: "the caller cancelled the command after it was sent; the terminal may have carried it out",
                    remedy: "Treat a payment as in doubt: run `bhal payment recover` (Repeat Receipt 06 20) before the next "
                        + "payment, or check the terminal's display and receipt.")
    }

    /// Ends a command's use of the connection (TCP: close it) and counts its traffic.
    func finishConnection() async {
        if configuration.endpoint.connectsPerCommand { await link.disconnect() }
        let traffic = await link.takeTraffic()
        lifecycle.statistics.recordTraffic(sent: traffic.sent, received: traffic.received)
    }

    /// Appends a message to the running payment's journal entry; a journal failure becomes an
    /// error event and never interrupts the terminal's cycle.
    func journalRecord(_ direction: JournalMessage.Direction, _ summary: String) async {
        guard journal != nil, journaledRequestID != nil else { return }
        await journalWrite(JournalMessage(direction: direction, summary: summary, timestamp: Date().timeIntervalSince1970))
    }

    /// Appends a message of the cycle when `budget` admits it (else the budget counts it).
    func journalRecord(_ direction: JournalMessage.Direction, _ type: ZVTMessageType, _ summary: @autoclosure () -> String,
                       budget: inout ZVTJournalBudget) async {
        guard journal != nil, journaledRequestID != nil else { return }
        let timestamp = Date().timeIntervalSince1970
        guard budget.admits(direction, type, timestamp: timestamp) else { return }
        await journalWrite(JournalMessage(direction: direction, summary: summary(), timestamp: timestamp))
    }

    /// Appends a received message when `budget` admits it (else the budget counts and keeps it).
    func journalRecord(_ direction: JournalMessage.Direction, _ message: ZVTMessage, budget: inout ZVTJournalBudget) async {
        guard journal != nil, journaledRequestID != nil else { return }
        let timestamp = Date().timeIntervalSince1970
        guard budget.admits(direction, message.type, message: message, timestamp: timestamp) else { return }
        await journalWrite(JournalMessage(direction: direction, summary: message.description, timestamp: timestamp))
    }

    /// Writes the budget's closing records (counts and last messages held back), if any.
    func journalClose(_ budget: inout ZVTJournalBudget) async {
        guard journal != nil, journaledRequestID != nil else { return }
        for message in budget.closingMessages() { await journalWrite(message) }
    }

    private func journalWrite(_ message: JournalMessage) async {
        guard let journal, let requestID = journaledRequestID else { return }
        do { try await journal.record(requestID: requestID, message: message) } catch { lifecycle.emit(.error(error)) }
    }

    /// Keeps the TID (BMP 29) of a Status Information or completion and records it once per
    /// payment in the journal, so an entry left in doubt still names the terminal that ran it.
    func noteTerminalID(in message: ZVTMessage) async {
        guard message.type == .statusInformation || message.type == .completion,
              case .digits(let terminalID)? = message.field(.terminalID)?.value, !terminalID.isEmpty else { return }
        knownTerminalID = terminalID
        guard let journal, let requestID = journaledRequestID, journaledTerminalID != terminalID else { return }
        journaledTerminalID = terminalID
        do { try await journal.recordTerminalID(requestID: requestID, terminalID: terminalID) } catch { lifecycle.emit(.error(error)) }
    }

    /// The error for a second command while one runs.
    static func busy(_ operation: String) -> DeviceError {
        DeviceError(.busy, operation: operation, message: "another command is running on this terminal",
                    remedy: "Wait for the running command to finish (or abort it), then retry.")
    }
}
