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
    /// each and journaling every message when `journaledRequestID` is set.
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
        do { try await link.send(apdu) } catch {
            throw ZVTExchangeFailure(error: error.error, commandMayHaveArrived: error.mayHaveArrived)
        }
        await journalRecord(.sent, command.description)
        while !flow.isFinished {
            let phase = flow.acknowledged
                ? "wait for the terminal's next message (T4 \(flow.timeout))"
                : "wait for the terminal to acknowledge \(command.type) (T3 \(flow.timeout))"
            let received: ZVTAPDU
            do { received = try await nextAPDU(within: flow.timeout, operation: phase) } catch {
                throw ZVTExchangeFailure(error: error, commandMayHaveArrived: true)
            }
            let message: ZVTMessage
            do { message = try ZVTMessage.decode(received, charset: configuration.charset) } catch {
                throw ZVTExchangeFailure(error: error.deviceError(operation: phase), commandMayHaveArrived: true)
            }
            await journalRecord(.received, message.description)
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
                await journalRecord(.sent, reply.type.description)
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
            throw DeviceError(.other, operation: operation, message: "the wait was cancelled",
                              remedy: "The caller cancelled the command; resolve a payment in doubt before the next one.")
        }
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
        guard let journal, let requestID = journaledRequestID else { return }
        let message = JournalMessage(direction: direction, summary: summary, timestamp: Date().timeIntervalSince1970)
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
