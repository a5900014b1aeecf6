import Foundation
import TestSupport
import Testing

/// `bhal eid` end to end: the built binary against the in-process simulated ID card
/// (`--simulate`), secrets from files only. No output may contain a secret.
@Suite("bhal eid --simulate")
struct BhalEIDCommandTests {
    /// A file holding `secret` on its first line, removed by the caller.
    func secretFile(_ secret: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-eid-\(UUID().uuidString)")
        try Data((secret + "\n").utf8).write(to: url)
        return url.path
    }

    func bhal(_ arguments: [String], files: [String: String] = [:]) async throws -> BhalRun {
        var paths: [String] = []
        var full = arguments
        for (option, secret) in files.sorted(by: { $0.key < $1.key }) {
            let path = try secretFile(secret)
            paths.append(path)
            full += [option, path]
        }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        return try await Harness.runBhal(full)
    }

    func json(_ run: BhalRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "stdout: \(run.stdout)")
    }

    @Test("info --json lists EF.CardAccess and the PIN state without any secret")
    func info() async throws {
        let run = try await bhal(["eid", "info", "--simulate", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try json(run)
        #expect(document["pace"] as? [String] == ["ECDH-GM AES-128 on 13 (brainpoolP256r1)"])
        #expect(document["chosen"] as? String == "ECDH-GM AES-128 on 13 (brainpoolP256r1)")
        let pin = try #require(document["pin"] as? [String: Any])
        #expect(pin["state"] as? String == "ready")
        #expect(pin["triesLeft"] as? Int == 3)
    }

    @Test("pin-status reports each simulated state with the German and English message",
          arguments: [(3, "ready", "einsatzbereit"), (2, "two-tries-left", "noch 2 Versuche"), (1, "suspended", "Zugangsnummer (CAN)"), (0, "blocked", "PUK")])
    func pinStatus(retries: Int, state: String, german: String) async throws {
        let run = try await bhal(["eid", "pin-status", "--simulate", "--simulate-pin-retries", "\(retries)"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("PIN: \(state)"))
        #expect(run.stdout.contains(german))
        #expect(run.stdout.contains("PIN"))
    }

    @Test("change-pin with the right PIN changes it; the new PIN never appears in any output")
    func changePIN() async throws {
        let run = try await bhal(["eid", "change-pin", "--simulate", "--json"], files: ["--pin-file": "123456", "--new-pin-file": "975318"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try json(run)
        #expect(document["outcome"] as? String == "changed")
        #expect((document["message"] as? [String: String])?["german"] == "Ihre neue PIN ist gesetzt.")
        #expect(!run.stdout.contains("975318") && !run.stderr.contains("975318"))
    }

    @Test("the transport PIN (5 digits) becomes an own 6-digit PIN")
    func transportPIN() async throws {
        let run = try await bhal(["eid", "change-pin", "--simulate", "--simulate-transport-pin"], files: ["--pin-file": "12345", "--new-pin-file": "975318"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Your new PIN is set."))
    }

    @Test("a wrong PIN fails once (exit 1) with the tries left for citizen and technician, and is not retried")
    func wrongPIN() async throws {
        let run = try await bhal(["eid", "change-pin", "--simulate"], files: ["--pin-file": "864209", "--new-pin-file": "975318"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Sie haben noch 2 Versuche."))
        #expect(run.stdout.contains("You have 2 tries left."))
        #expect(run.stderr.contains("the card refused the PIN (2 tries left)"))
        #expect(!(run.stdout + run.stderr).contains("864209"))
    }

    @Test("a suspended PIN is refused before any try and the citizen is told to enter the CAN first")
    func suspended() async throws {
        let run = try await bhal(["eid", "change-pin", "--simulate", "--simulate-pin-retries", "1"], files: ["--pin-file": "123456", "--new-pin-file": "975318"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Zugangsnummer (CAN)"))
        #expect(run.stderr.contains("PIN is suspended"))
    }

    @Test("resume: CAN then PIN gives a suspended PIN its tries back")
    func resume() async throws {
        let run = try await bhal(["eid", "resume", "--simulate", "--simulate-pin-retries", "1", "--json"], files: ["--can-file": "123456", "--pin-file": "123456"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try json(run)["outcome"] as? String == "resumed")
    }

    @Test("unblock: the PUK unblocks a blocked PIN; a wrong PUK fails with exit 1")
    func unblock() async throws {
        let run = try await bhal(["eid", "unblock", "--simulate", "--simulate-pin-retries", "0"], files: ["--puk-file": "1234567890"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("entsperrt"))
        let wrong = try await bhal(["eid", "unblock", "--simulate", "--simulate-pin-retries", "0", "--json"], files: ["--puk-file": "1111111111"])
        #expect(wrong.status == 1)
        #expect(try json(wrong)["outcome"] as? String == "failed")
        #expect(!(wrong.stdout + wrong.stderr).contains("1111111111"))
    }

    @Test("usage errors exit 2: no target, a 5-digit new PIN, an unreadable file")
    func usage() async throws {
        let noTarget = try await bhal(["eid", "pin-status"])
        #expect(noTarget.status == 2)
        #expect(noTarget.stderr.contains("--reader NAME, or use --simulate"))
        let shortPIN = try await bhal(["eid", "change-pin", "--simulate"], files: ["--pin-file": "123456", "--new-pin-file": "97531"])
        #expect(shortPIN.status == 1, "the card layer refuses it before sending anything")
        #expect(shortPIN.stdout.contains("6 Ziffern"))
        let malformed = try await bhal(["eid", "resume", "--simulate"], files: ["--can-file": "12x456", "--pin-file": "123456"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("the CAN must have 6 digits"))
        #expect(!malformed.stderr.contains("12x456"))
        let missing = try await Harness.runBhal(["eid", "unblock", "--simulate", "--puk-file", "/nonexistent/puk"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /nonexistent/puk"))
    }
}

/// `bhal eid` reading its secrets from standard input (automation: a pipe, no terminal).
@Suite("bhal eid secrets from standard input")
struct BhalEIDStandardInputTests {
    @Test("change-pin takes the PIN and the new PIN as two lines of standard input and prints neither")
    func changePINFromStandardInput() async throws {
        let process = try BackgroundBhal(["eid", "change-pin", "--simulate"])
        defer { process.terminate() }
        try process.send("123456")
        try process.send("975318")
        try process.closeInput()
        #expect(await process.exitStatus(within: .seconds(60)) == 0, "\(process.output)")
        #expect(process.output.contains("Ihre neue PIN ist gesetzt."))
        #expect(!process.output.contains("975318") && !process.output.contains("123456"))
    }

    @Test("input ending before the second secret is a usage error, and nothing reaches the card")
    func endedEarly() async throws {
        let process = try BackgroundBhal(["eid", "resume", "--simulate", "--simulate-pin-retries", "1"])
        defer { process.terminate() }
        try process.send("123456")
        try process.closeInput()
        #expect(await process.exitStatus(within: .seconds(60)) == 2, "\(process.output)")
        #expect(process.output.contains("standard input ended before the PIN was given"))
    }
}
