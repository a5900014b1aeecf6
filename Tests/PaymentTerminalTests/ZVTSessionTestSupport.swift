import DeviceCore
import Foundation
import PaymentJournalSQLite
import PaymentTerminal
import Synchronization
import TestSupport
import Testing

/// A real SQLite payment journal in a fresh temporary directory, as a kiosk session uses it;
/// the directory goes when the value does.
final class SessionJournal: Sendable {
    /// The directory holding the journal's files.
    let directory: URL
    /// The journal the session writes.
    let journal: SQLitePaymentJournal

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-session-journal-\(UUID().uuidString)")
        journal = try SQLitePaymentJournal(path: directory.appendingPathComponent("payments.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The journal file.
    var path: String { journal.path }

    /// The entry for `requestID`, read back through the public API (fails the test when missing).
    func entry(_ requestID: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JournalEntry {
        try #require(try await journal.entry(requestID: requestID), sourceLocation: sourceLocation)
    }

    /// A second, read-only connection to the same file (what another process would see).
    func reader() throws -> SQLitePaymentJournal { try SQLitePaymentJournal(path: path, readOnly: true) }

    /// Every byte of the journal's files (database and WAL), for leak checks.
    func fileBytes() throws -> Data {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(into: Data()) { data, name in
            data.append(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
    }
}

extension JournalEntry {
    /// The recorded messages of one direction, as their first five characters (`"04 0F"`).
    func messageTypes(_ direction: JournalMessage.Direction) -> [String] {
        messages.filter { $0.direction == direction }.map { String($0.summary.prefix(5)) }
    }

    /// Every text the entry stores: message summaries, doubt reason, manual resolution and result.
    var storedTexts: [String] {
        var texts = messages.map(\.summary) + [doubtReason, manualResolution?.reason].compactMap { $0 }
        if let result {
            texts += [result.maskedPAN, result.cardName, result.message, result.terminalID, result.vuNumber, result.aid].compactMap { $0 }
            texts += result.customerReceipt + result.merchantReceipt
        }
        return texts
    }
}

/// Asserts that no text shows more of a card number than the first 6 and last 4 digits: no run of
/// 11 or more digits (a PAN has 13–19; masked 6/4 leaves runs of at most 6).
func expectNoCardNumber(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    for text in texts {
        var run = 0
        var longest = 0
        for character in text {
            run = character.isASCII && character.isNumber ? run + 1 : 0
            longest = max(longest, run)
        }
        #expect(longest < 11, "card number in \"\(text)\"", sourceLocation: sourceLocation)
    }
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
