import DeviceCore
import Foundation
import PaymentTerminal
import PaymentJournalSQLite
import Testing

/// An unresolved entry blocks new payments on the same terminal by ``TerminalIdentity``'s rule,
/// not by the URI's spelling; recovery picks entries by the same rule.
@Suite("SQLite journal: one terminal, many spellings")
struct JournalTerminalIdentityTests {
    private func journalWithEntryInDoubt(on terminal: String, _ directory: TemporaryJournalDirectory,
                                         identity: TerminalIdentity? = nil) async throws -> SQLitePaymentJournal {
        let journal = try directory.open()
        _ = try await journal.begin(PaymentRequest(requestID: "fee-lost", kind: .authorization, amountCents: 1250, terminal: terminal,
                                                   identity: identity))
        try await journal.markInDoubt(requestID: "fee-lost", reason: "connection lost after Status Information")
        return journal
    }

    @Test("an entry in doubt blocks the same terminal however its URI is spelt",
          arguments: ["zvt+tcp://127.0.0.1", "zvt+tcp://127.0.0.1:20007?charset=latin1", "zvt://127.0.0.1:20007"])
    func blocksOtherSpellings(spelling: String) async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(on: Sample.terminal, directory)
        let error = await #expect(throws: DeviceError.self) { _ = try await journal.begin(Sample.authorization("fee-next", terminal: spelling)) }
        #expect(error?.kind == .busy)
        #expect(error?.message.contains("fee-lost") == true)
        _ = try await journal.begin(Sample.authorization("fee-other", terminal: "zvt+tcp://127.0.0.1:20008"))  // another port: another terminal
    }

    @Test("host names are not resolved, but a TID known on both sides ties two spellings together")
    func tidTiesSpellings() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(on: "zvt+tcp://localhost:20007", directory)
        try await journal.recordTerminalID(requestID: "fee-lost", terminalID: "52500001")
        #expect(try await journal.entry(requestID: "fee-lost")?.request.identity.terminalID == "52500001")
        // 127.0.0.1 without a TID is another endpoint as far as the rule goes ...
        _ = try await journal.begin(Sample.authorization("fee-b", terminal: "zvt+tcp://127.0.0.1"))
        try await journal.complete(requestID: "fee-b", result: PaymentResult(outcome: .aborted))
        // ... but once the terminal there reported the same TID, it is the same terminal.
        let error = await #expect(throws: DeviceError.self) {
            _ = try await journal.begin(PaymentRequest(requestID: "fee-c", kind: .authorization, amountCents: 500, terminal: "zvt+tcp://127.0.0.1",
                                                       identity: TerminalIdentity(endpoints: [], terminalID: "52500001")))
        }
        #expect(error?.message.contains("fee-lost") == true)
    }

    @Test("a serial entry made under a symlink blocks the device it resolves to, and the other way round")
    func serialSymlink() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let device = directory.url.appendingPathComponent("ttyUSB0")
        _ = FileManager.default.createFile(atPath: device.path, contents: nil)
        let link = directory.url.appendingPathComponent("terminal-by-id")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: device.path)
        let viaLink = ZVTEndpoint.serial(path: link.path, baud: 9600)
        let identity = TerminalIdentity(endpoint: viaLink, resolved: viaLink.resolvingSymlinks())
        let journal = try await journalWithEntryInDoubt(on: "zvt+serial://\(link.path)?baud=9600", directory, identity: identity)
        await #expect(throws: DeviceError.self) {
            _ = try await journal.begin(Sample.authorization("fee-next", terminal: "zvt+serial://\(device.resolvingSymlinksInPath().path)?baud=115200"))
        }
        // The stored keys survive a renumbering: the link's own key still matches.
        await #expect(throws: DeviceError.self) {
            _ = try await journal.begin(Sample.authorization("fee-again", terminal: "zvt+serial://\(link.path)"))
        }
    }

    @Test("parallel begins under other spellings, from other connections, all fail while the entry is in doubt")
    func parallelSpellings() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(on: Sample.terminal, directory)
        let parallel = try (0..<3).map { _ in try directory.open() }
        let successes = await withTaskGroup(of: Bool.self) { group in
            for (index, spelling) in ["zvt+tcp://127.0.0.1", "zvt://127.0.0.1:20007", "zvt+tcp://127.0.0.1?charset=cp437"].enumerated() {
                let writer = parallel[index]
                group.addTask { (try? await writer.begin(Sample.authorization("fee-\(index)", terminal: spelling))) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 0)
        #expect(try await journal.unresolved().map(\.request.requestID) == ["fee-lost"])
    }

    @Test("recovery through another spelling of the terminal resolves the entry")
    func recoveryMatchesNormalisedEndpoint() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try await journalWithEntryInDoubt(on: "zvt+tcp://127.0.0.1:20007", directory)
        let source = ScriptedLastTransactionSource(.transaction(nil))
        let resolutions = try await PaymentRecovery(journal: journal, terminal: "zvt+tcp://127.0.0.1?charset=latin1", source: source).run()
        #expect(resolutions.map(\.requestID) == ["fee-lost"])
        #expect(source.callCount == 1)
        #expect(try await journal.entry(requestID: "fee-lost")?.state == .completed)
    }

    @Test("recordTerminalID: for open entries only, redacted, and shown on the entry")
    func recordTerminalID() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        _ = try await journal.begin(Sample.authorization("fee-1"))
        try await journal.recordTerminalID(requestID: "fee-1", terminalID: "52500038")
        #expect(try await journal.entry(requestID: "fee-1")?.request.identity ==
                TerminalIdentity(endpoints: ["zvt+tcp://127.0.0.1:20007"], terminalID: "52500038"))
        try await journal.complete(requestID: "fee-1", result: Sample.approved())
        await #expect(throws: DeviceError.self) { try await journal.recordTerminalID(requestID: "fee-1", terminalID: "52500039") }
        await #expect(throws: DeviceError.self) { try await journal.recordTerminalID(requestID: "ghost", terminalID: "52500039") }
        #expect(try await journal.entry(requestID: "fee-1")?.request.identity.terminalID == "52500038")
    }
}
