import HTTPTypes
public import TerminalRuntime
import DeviceCore
import Foundation
import PaymentTerminal

/// What the gateway's routes do, on one ``DeviceRegistry``: list devices, check health, start
/// operations (payments, the self-test) and read the journal. Holds the operations and leases
/// (``OperationStore``) and publishes on the ``GatewayEventHub``.
public final class GatewayController: Sendable {
    /// The devices the gateway serves.
    public let registry: DeviceRegistry
    /// The events every `/v1/events` connection receives.
    public let hub: GatewayEventHub
    let store: OperationStore

    /// A controller on `registry`.
    public init(registry: DeviceRegistry) {
        self.registry = registry
        hub = GatewayEventHub()
        store = OperationStore(hub: hub)
    }

    /// The configured devices: name, family, backend, normalised endpoint, state, lease holder.
    func devices() async -> JSONValue {
        var list: [JSONValue] = []
        for (device, entry) in zip(registry.devices, registry.configurations) {
            let state = await device.state
            list.append(.object([
                "name": .string(entry.logicalName), "family": .string(entry.family.rawValue), "backend": .string(entry.backend),
                "endpoint": .optional(entry.endpoint.flatMap { $0 == DeviceEndpoint.none ? nil : $0.key }),
                "state": .string(state.rawValue), "leasedBy": .optional(await store.holder(of: entry.logicalName)),
            ]))
        }
        return .object(["devices": .array(list)])
    }

    /// The internal-level health check of every device not held by an operation; a held one is
    /// reported busy with its holder (checking it would open and close it under the operation).
    func health() async -> JSONValue {
        let names = registry.devices.map(\.info.logicalName)
        let holder = "health-" + UUID().uuidString.lowercased()
        let leased = await store.leaseFree(names, holder: holder)
        let runner = SelfTestRunner(clock: registry.context.clock)
        let reports = await withTaskGroup(of: (Int, JSONValue).self) { group in
            for (index, device) in registry.devices.enumerated() {
                let name = device.info.logicalName
                if leased.contains(name) {
                    group.addTask { (index, SelfTestJSONValue.report(await runner.check(device, level: .internal))) }
                } else {
                    let busyHolder = await store.holder(of: name)
                    group.addTask {
                        (index, .object(["device": .string(name), "family": .string(device.info.family.rawValue), "passed": .null,
                                         "busy": .bool(true), "leasedBy": .optional(busyHolder), "steps": .array([])]))
                    }
                }
            }
            var collected: [(Int, JSONValue)] = []
            for await item in group { collected.append(item) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        await store.release(leased, holder: holder)
        return .object(["level": .string("internal"), "devices": .array(reports)])
    }

    /// Starts the self-test of every device as an operation (it leases all of them).
    func startSelfTest(level: HealthCheckLevel, clientID: String?) async throws(GatewayProblem) -> GatewayOperation {
        let names = registry.devices.map(\.info.logicalName)
        let operation = try await store.start(.selfTest, devices: names, clientID: clientID).operation
        let store = self.store
        let devices = registry.devices
        let runner = SelfTestRunner(clock: registry.context.clock)
        let task = Task {
            guard await store.markRunning(operation.id) else {
                await store.finish(operation.id, error: .object(["type": .string("cancelled"), "detail": .string("cancelled before it started")]))
                return
            }
            let report = await runner.run(devices, level: level)
            await store.finish(operation.id, result: SelfTestJSONValue.report(report))
        }
        await store.onCancel(operation.id) { task.cancel() }
        return operation
    }

    /// Starts a payment of `amountCents` on `device` under `requestID`, or returns the operation
    /// that already has that request id (same amount), or refuses (different amount, device busy,
    /// request id already journaled by another path).
    func startPayment(device: String, amountCents: Int, requestID: String,
                      clientID: String?) async throws(GatewayProblem) -> (operation: GatewayOperation, isNew: Bool) {
        let terminal: any PaymentTerminal
        do { terminal = try registry.paymentTerminal(device) } catch {
            throw GatewayProblem(.notFound, type: "unknown-device", detail: error.description,
                                 remedy: "Name a configured payment terminal (GET /v1/devices).", extra: ["device": device])
        }
        if await store.payment(requestID: requestID) == nil, let entry = try await journalEntry(requestID) {
            // Journaled before (earlier run of the gateway, or bhal payment): never sent again.
            throw GatewayProblem(.conflict, type: "request-id-journaled",
                                 detail: "request id \(requestID) is already in the payment journal (state \(entry.state.rawValue)); it is never sent again",
                                 remedy: "Read its outcome in GET /v1/journal; use a new request id for a new payment.",
                                 extra: ["requestId": requestID, "journalState": entry.state.rawValue])
        }
        let started = try await store.start(.payment, devices: [device], clientID: clientID, requestID: requestID, amountCents: amountCents)
        if started.isNew {
            let runner = PaymentOperationRunner(registry: registry, store: store, hub: hub)
            Task { await runner.run(started.operation, terminal: terminal) }
        }
        return started
    }

    /// The operation with `id`.
    func operation(_ id: String) async throws(GatewayProblem) -> GatewayOperation {
        guard let operation = await store.operation(id) else { throw OperationStore.unknown(id) }
        return operation
    }

    /// Cancels an operation (a payment: Abort to the terminal; it ends with the terminal's answer).
    func cancel(_ id: String) async throws(GatewayProblem) -> GatewayOperation {
        try await store.cancel(id)
    }

    /// Cancels what the client of a closed events connection started.
    func clientDisconnected(_ clientID: String) async {
        await store.cancelAll(ofClient: clientID)
    }

    /// The newest journal entries, read-only.
    func journal(limit: Int) async throws(GatewayProblem) -> JSONValue {
        do {
            let entries = try await registry.context.paymentJournal.recent(limit: limit)
            return .object(["entries": .array(entries.map(PaymentJSON.entry))])
        } catch {
            throw GatewayProblem(.serviceUnavailable, type: "journal-unavailable", detail: error.message, remedy: error.remedy)
        }
    }

    private func journalEntry(_ requestID: String) async throws(GatewayProblem) -> JournalEntry? {
        do { return try await registry.context.paymentJournal.entry(requestID: requestID) } catch {
            throw GatewayProblem(.serviceUnavailable, type: "journal-unavailable", detail: error.message, remedy: error.remedy)
        }
    }

    /// Publishes the registry's device events until the stream ends (call once).
    func pumpDeviceEvents() async {
        for await (device, event) in await registry.events() {
            hub.publish("device", ["device": .string(device), "event": DeviceEventJSON.value(event)])
        }
    }
}
