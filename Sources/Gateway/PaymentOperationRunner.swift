import HTTPTypes
import DeviceCore
import PaymentTerminal
import TerminalRuntime

/// Runs one payment operation on the runtime's payment path, as `bhal payment authorize` does:
/// the registry's typed handle (journaling into the context's journal), open, claim, settle
/// earlier payments in doubt, `authorize`, close. Never retried.
///
/// Cancelling (a client's request or its events connection closing) never cancels the task
/// that waits for the terminal: while the command runs, the terminal is sent Abort, and the
/// payment ends with what the terminal says — aborted, or in doubt when it may have booked it,
/// which stays in the journal for recovery. Before anything is sent, it ends as failed.
struct PaymentOperationRunner: Sendable {
    let registry: DeviceRegistry
    let store: OperationStore
    let hub: GatewayEventHub

    func run(_ operation: GatewayOperation, terminal: any PaymentTerminal) async {
        let id = operation.id
        guard let requestID = operation.requestID, let cents = operation.amountCents, let device = operation.devices.first else { return }
        guard await store.markRunning(id) else {
            await store.finish(id, error: Self.notSent("the payment was cancelled before it started"))
            return
        }
        let hub = self.hub
        do {
            try await terminal.open()
            try await terminal.claim()
            for resolution in try await terminal.recoverInDoubtPayments() {
                hub.publish("payment.recovery", ["operation": .string(id), "device": .string(device),
                                                 "requestId": .string(resolution.requestID), "status": PaymentJSON.recovery(resolution.status)])
            }
            // Registered in the same step that checks for a cancel while connecting or recovering:
            // then nothing was sent for this request, and nothing will be.
            let abortOnCancel: @Sendable () async -> Void = {
                // Abort 06 B0 into the running cycle; the payment ends with the terminal's answer.
                do { try await terminal.abort() } catch {
                    hub.publish("payment.abortFailed", ["operation": .string(id), "device": .string(device), "detail": .string((error as? DeviceError)?.message ?? "\(error)")])
                }
            }
            guard await store.onCancel(id, abortOnCancel) else {
                await terminal.close()
                await store.finish(id, error: Self.notSent("the payment was cancelled before it was sent to the terminal"))
                return
            }
            let result = try await terminal.authorize(amountCents: cents, requestID: requestID) { display in
                hub.publish("payment.status", ["operation": .string(id), "device": .string(device), "text": .string(display.text),
                                               "prompt": .optional(display.prompt?.rawValue), "status": .string(Hex.byte(display.status.rawValue))])
            }
            await terminal.close()
            await store.finish(id, result: PaymentJSON.result(result))
        } catch {
            await terminal.close()
            // Thrown before the command was sent (journal refused it, terminal unreachable): nothing booked.
            await store.finish(id, error: .object(["type": .string("payment-not-sent"), "detail": .string(error.message),
                                                   "remedy": .string(error.remedy), "kind": .string(error.kind.rawValue)]))
        }
    }

    static func notSent(_ detail: String) -> JSONValue {
        .object(["type": .string("payment-not-sent"), "detail": .string(detail),
                 "remedy": .string("Nothing was sent to the terminal; start a new payment with a new request id if the citizen still wants to pay.")])
    }
}
