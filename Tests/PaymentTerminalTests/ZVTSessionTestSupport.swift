import DeviceCore
import Foundation
import Glibc
import PaymentTerminal
import Synchronization
import Testing

/// A journal in memory that records every call, for checking the session's journal contract.
actor RecordingJournal: PaymentJournal {
    /// One call, as text: `begin r1`, `record r1 sent 06 01 …`, `complete r1 approved`, `inDoubt r1`.
    private(set) var calls: [String] = []
    private var entries: [String: JournalEntry] = [:]
    private let busy: Bool

    /// A journal; with `busy` every `begin` throws as if the request id existed.
    init(busy: Bool = false) { self.busy = busy }

    func begin(_ request: PaymentRequest) async throws(DeviceError) -> JournalEntry {
        calls.append("begin \(request.requestID)")
        guard !busy, entries[request.requestID] == nil else {
            throw DeviceError(.busy, operation: "journal begin", message: "request \(request.requestID) exists", remedy: "Report the existing entry.")
        }
        let entry = JournalEntry(request: request, state: .pending, createdAt: 0, updatedAt: 0)
        entries[request.requestID] = entry
        return entry
    }

    func record(requestID: String, message: JournalMessage) async throws(DeviceError) {
        calls.append("record \(requestID) \(message.direction.rawValue) \(message.summary)")
        entries[requestID]?.messages.append(message)
    }

    func complete(requestID: String, result: PaymentResult) async throws(DeviceError) {
        calls.append("complete \(requestID) \(result.outcome.rawValue)")
        entries[requestID]?.state = .completed
        entries[requestID]?.result = result
    }

    func markInDoubt(requestID: String, reason: String) async throws(DeviceError) {
        calls.append("inDoubt \(requestID)")
        entries[requestID]?.state = .inDoubt
        entries[requestID]?.doubtReason = reason
    }

    func entry(requestID: String) async throws(DeviceError) -> JournalEntry? { entries[requestID] }

    func unresolved() async throws(DeviceError) -> [JournalEntry] { entries.values.filter { $0.state != .completed } }

    func recent(limit: Int) async throws(DeviceError) -> [JournalEntry] { Array(entries.values.prefix(limit)) }

    /// The calls other than `record`, in order.
    var milestones: [String] { calls.filter { !$0.hasPrefix("record ") } }
}

/// Collects a device's events in the background.
final class EventCollector: Sendable {
    private final class Storage: Sendable {
        let events = Mutex<[DeviceEvent]>([])
    }

    private let storage = Storage()
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<DeviceEvent>) {
        let storage = self.storage
        task = Task {
            for await event in stream { storage.events.withLock { $0.append(event) } }
        }
    }

    deinit { task.cancel() }

    /// The events so far (waits briefly so in-flight events arrive).
    func snapshot() async -> [DeviceEvent] {
        try? await Task.sleep(for: .milliseconds(20))
        return storage.events.withLock { $0 }
    }

    /// The prompts of user-action and display events, in order.
    func displayTexts() async -> [String] {
        await snapshot().compactMap { event in
            switch event {
            case .userActionRequired(let action): action.prompt
            case .statusChanged(let status) where status.code == "terminalDisplay": status.detail
            default: nil
            }
        }
    }
}

/// Opens and claims a ZVT terminal for `uri` (`charset` overrides the URI's).
func openTerminal(_ uri: String, charset: ZVTCharset? = nil, journal: (any PaymentJournal)? = nil,
                  clock: any Clock<Duration> = ContinuousClock()) async throws -> ZVTPaymentTerminal {
    var configuration = try ZVTTerminalConfiguration(uri: uri)
    if let charset { configuration.charset = charset }
    let terminal = ZVTPaymentTerminal(logicalName: "payment", configuration: configuration, journal: journal, clock: clock)
    try await terminal.open()
    try await terminal.claim()
    return terminal
}

/// A TCP simulator on a free loopback port, with the URI to reach it.
func tcpSimulator(_ scenario: ZVTSimulatorScenario = .approve) throws -> (ZVTTerminalSimulator, String) {
    let simulator = ZVTTerminalSimulator(scenario: scenario)
    let port = try simulator.listen(host: "127.0.0.1", port: 0)
    return (simulator, "zvt+tcp://127.0.0.1:\(port)")
}

/// Waits (real time, up to 5 s) until `condition` holds.
func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
    for _ in 0..<500 {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return false
}

/// A socat pty pair: the ECR end and the terminal end, removed with ``stop()``.
final class PtyPair {
    let ecr: String
    let terminal: String
    private let process: Process
    private let directory: URL

    /// Starts `socat -d -d pty,raw,echo=0,link=… pty,raw,echo=0,link=…` and waits for both links.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-zvt-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ecr = directory.appendingPathComponent("ttyECR").path
        terminal = directory.appendingPathComponent("ttyPT").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/socat")
        process.arguments = ["-d", "-d", "pty,raw,echo=0,link=\(ecr)", "pty,raw,echo=0,link=\(terminal)"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 where !(FileManager.default.fileExists(atPath: ecr) && FileManager.default.fileExists(atPath: terminal)) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        guard FileManager.default.fileExists(atPath: ecr), FileManager.default.fileExists(atPath: terminal) else {
            process.terminate()
            throw PtyError()
        }
    }

    /// Ends this socat process (SIGKILL to its own pid: a child started from the test's threads
    /// may inherit a mask that blocks SIGTERM) and removes the links.
    func stop() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    struct PtyError: Error, CustomStringConvertible {
        var description: String { "socat did not create the pty pair; is socat installed (/usr/bin/socat)?" }
    }
}
