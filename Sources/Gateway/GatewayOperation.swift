/// One long-running operation of the gateway (a payment, a self-test): what a client started,
/// where it stands, and its result once finished.
public struct GatewayOperation: Sendable, Hashable {
    /// What the operation does.
    public enum Kind: String, Sendable, Hashable {
        /// A card payment (authorization).
        case payment
        /// The self-test of every device.
        case selfTest = "selftest"
    }

    /// The operation's state machine: `accepted → running → completed | failed`, with
    /// `cancelling` in between when a client cancelled or disconnected. A payment whose
    /// outcome is unknown is `completed` with outcome `inDoubt`, never `failed` or `cancelled`.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Taken; the devices are leased, nothing is sent yet.
        case accepted
        /// Working on the device.
        case running
        /// Cancel requested: a payment has been sent Abort and ends with what the terminal says.
        case cancelling
        /// Finished with a result (for payments: approved, declined, aborted or inDoubt).
        case completed
        /// Ended with an error before anything could have been booked.
        case failed

        /// Whether the operation has ended.
        public var isFinal: Bool { self == .completed || self == .failed }
    }

    /// The operation id (a UUID).
    public var id: String
    /// What it does.
    public var kind: Kind
    /// The logical names of the devices it holds while it runs.
    public var devices: [String]
    /// Where it stands.
    public var state: State
    /// The `X-BHAL-Client` id of the event connection that started it, if any: closing that
    /// connection cancels the operation.
    public var clientID: String?
    /// Payments: the request id (idempotency key).
    public var requestID: String?
    /// Payments: the amount in cents.
    public var amountCents: Int?
    /// The result once completed (a payment result or a self-test report), as JSON.
    public var result: JSONValue?
    /// The error once failed: a problem object (type, detail, remedy).
    public var error: JSONValue?

    /// The JSON representation of `GET /v1/operations/{id}`.
    public var json: JSONValue {
        .object([
            "id": .string(id), "kind": .string(kind.rawValue), "devices": .array(devices.map(JSONValue.string)),
            "state": .string(state.rawValue), "requestId": .optional(requestID), "amountCents": .optional(amountCents),
            "result": result ?? .null, "error": error ?? .null,
        ])
    }
}
