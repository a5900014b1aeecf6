import DeviceCore

extension ZVTPaymentTerminal {
    /// Sends Abort `06 B0` into the running cycle because its overall deadline passed (the
    /// terminal kept it going with intermediate status, unknown messages or Status Information).
    /// Its `80 00`/`84 xx` answer is expected like that of ``abort()``.
    func sendAbortAtDeadline(budget: inout ZVTJournalBudget) async throws(ZVTExchangeFailure) {
        let abort = ZVTRequest.abort()
        let apdu: ZVTAPDU
        do { apdu = try abort.apdu() } catch {
            throw ZVTExchangeFailure(error: DeviceError(.other, operation: "abort at the overall deadline", message: error.message,
                                                        remedy: "Report this bug; resolve the payment with `bhal payment recover`."),
                                     commandMayHaveArrived: true)
        }
        abortsAwaitingAnswer += 1
        do { try await link.send(apdu) } catch {
            abortsAwaitingAnswer -= 1
            throw ZVTExchangeFailure(error: error.error, commandMayHaveArrived: true)
        }
        await journalRecord(.sent, abort.type, "\(abort.description) (the overall deadline of \(configuration.transactionDeadline) passed)",
                            budget: &budget)
    }

    /// The error when the terminal did not end the cycle within the grace period after that Abort.
    func deadlineError(_ command: ZVTMessage) -> DeviceError {
        DeviceError(.timeout, operation: "wait for the terminal to end \(command.type) after the Abort at the overall deadline",
                    message: "the terminal did not end the command within the overall deadline of \(configuration.transactionDeadline) "
                        + "and \(ZVTTerminalConfiguration.abortGracePeriod) after the ECR's Abort",
                    remedy: "Check the terminal's display and its ZVT settings (it kept the command running); resolve the payment "
                        + "with `bhal payment recover` before the next one. Raise the deadline (--deadline, deadline=SECONDS) "
                        + "only for a terminal known to need longer.")
    }
}
