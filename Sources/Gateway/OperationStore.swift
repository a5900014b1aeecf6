import HTTPTypes
import Foundation

/// The gateway's operations and device leases, and the one place their state changes.
///
/// Each device is leased to one operation at a time: starting another operation on it is
/// refused with 409 naming the holder. A payment's request id maps to one operation for the
/// server's lifetime, so the same request again returns that operation (never a second payment).
/// Every state change is published on the event hub, in order.
actor OperationStore {
    private var operations: [String: GatewayOperation] = [:]
    private var byRequestID: [String: String] = [:]
    private var leases: [String: String] = [:]
    private var cancelHandlers: [String: @Sendable () async -> Void] = [:]
    private let hub: GatewayEventHub

    init(hub: GatewayEventHub) {
        self.hub = hub
    }

    /// The operation with `id`.
    func operation(_ id: String) -> GatewayOperation? { operations[id] }

    /// The operation holding `device`, if any.
    func holder(of device: String) -> String? { leases[device] }

    /// The payment operation of `requestID`, if this server has one.
    func payment(requestID: String) -> GatewayOperation? { byRequestID[requestID].flatMap { operations[$0] } }

    /// Starts an operation leasing `devices`. For a payment whose request id is known, returns
    /// that operation (`isNew` false) when the amount matches, and refuses a different amount.
    func start(_ kind: GatewayOperation.Kind, devices: [String], clientID: String?, requestID: String? = nil,
               amountCents: Int? = nil) throws(GatewayProblem) -> (operation: GatewayOperation, isNew: Bool) {
        if let requestID, let existing = payment(requestID: requestID) {
            guard existing.amountCents == amountCents else {
                throw GatewayProblem(.conflict, type: "request-id-reused",
                                     detail: "request id \(requestID) was already used for \(existing.amountCents ?? 0) cents, not \(amountCents ?? 0)",
                                     remedy: "Use a new request id for a new payment; repeat a request only with the same amount to learn its result.",
                                     extra: ["operation": existing.id, "requestId": requestID])
            }
            return (existing, false)
        }
        try ensureFree(devices)
        let operation = GatewayOperation(id: UUID().uuidString.lowercased(), kind: kind, devices: devices, state: .accepted,
                                         clientID: clientID, requestID: requestID, amountCents: amountCents)
        operations[operation.id] = operation
        if let requestID { byRequestID[requestID] = operation.id }
        for device in devices { leases[device] = operation.id }
        publish(operation)
        return (operation, true)
    }

    /// Throws 409 naming the holder when one of `devices` is leased.
    func ensureFree(_ devices: [String]) throws(GatewayProblem) {
        for device in devices {
            if let holder = leases[device] {
                throw GatewayProblem(.conflict, type: "device-busy", detail: "device \(device) is held by operation \(holder)",
                                     remedy: "Wait for operation \(holder) to end (GET /v1/operations/\(holder) or the events WebSocket), then retry.",
                                     extra: ["device": device, "holderOperation": holder])
            }
        }
    }

    /// Leases free devices among `devices` for a short internal check; returns the ones taken.
    func leaseFree(_ devices: [String], holder: String) -> [String] {
        let free = devices.filter { leases[$0] == nil }
        for device in free { leases[device] = holder }
        return free
    }

    /// Releases leases taken with ``leaseFree(_:holder:)``.
    func release(_ devices: [String], holder: String) {
        for device in devices where leases[device] == holder { leases[device] = nil }
    }

    /// Registers how to cancel a running operation. Returns false (and registers nothing) when a
    /// cancel was already requested: the caller must then stop before doing anything irreversible.
    @discardableResult
    func onCancel(_ id: String, _ handler: @escaping @Sendable () async -> Void) -> Bool {
        guard operations[id]?.state != .cancelling else { return false }
        cancelHandlers[id] = handler
        return true
    }

    /// `accepted → running`; returns false when the operation was cancelled before it ran.
    func markRunning(_ id: String) -> Bool {
        guard var operation = operations[id], operation.state == .accepted else { return false }
        operation.state = .running
        store(operation)
        return true
    }

    /// Ends an operation: `completed` with `result` or `failed` with `error`; releases its devices.
    func finish(_ id: String, result: JSONValue? = nil, error: JSONValue? = nil) {
        guard var operation = operations[id], !operation.state.isFinal else { return }
        operation.state = error == nil ? .completed : .failed
        operation.result = result
        operation.error = error
        cancelHandlers[id] = nil
        for device in operation.devices where leases[device] == id { leases[device] = nil }
        store(operation)
    }

    /// Cancels an operation that is accepted or running; 409 naming the expected states otherwise.
    func cancel(_ id: String) async throws(GatewayProblem) -> GatewayOperation {
        guard var operation = operations[id] else { throw Self.unknown(id) }
        guard operation.state == .accepted || operation.state == .running else {
            throw GatewayProblem(.conflict, type: "invalid-state",
                                 detail: "operation \(id) is \(operation.state.rawValue); only an accepted or running operation can be cancelled",
                                 remedy: "Nothing to cancel: read its result with GET /v1/operations/\(id).",
                                 extra: ["state": operation.state.rawValue, "expectedStates": "accepted, running"])
        }
        operation.state = .cancelling
        store(operation)
        if let handler = cancelHandlers[id] { await handler() }
        return operations[id] ?? operation
    }

    /// Cancels every unfinished operation that client `clientID` started (its events connection closed).
    func cancelAll(ofClient clientID: String) async {
        let ids = operations.values.filter { $0.clientID == clientID && ($0.state == .accepted || $0.state == .running) }.map(\.id)
        for id in ids { _ = try? await cancel(id) }
    }

    static func unknown(_ id: String) -> GatewayProblem {
        GatewayProblem(.notFound, type: "unknown-operation", detail: "no operation \(id) exists on this gateway",
                       remedy: "Use the id a POST returned; operations are kept until bhal serve restarts (payments stay in GET /v1/journal).")
    }

    private func store(_ operation: GatewayOperation) {
        operations[operation.id] = operation
        publish(operation)
    }

    private func publish(_ operation: GatewayOperation) {
        hub.publish("operation", ["operation": operation.json])
    }
}
