import DeviceCore
import Foundation
import TestSupport
import Testing

extension PCSCIntegrationTests {
    /// The ATR of `bhal simulate card --type npa` (a German ID card's).
    static let npaATR = "3B8A80018031F873F741E082900075"

    @Test("bhal simulate card --type npa behind vpcd: bhal eid info, pin-status and change-pin run PACE over pcscd")
    func cliEIDOverVPCD() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-eid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, _ secret: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data((secret + "\n").utf8).write(to: url)
            return url.path
        }
        let simulator = try BackgroundBhal(["simulate", "card", "--type", "npa", "--vpcd", "127.0.0.1:\(simulatorPort)",
                                            "--pin-file", try file("card-pin", "112233")])
        defer { simulator.terminate() }
        var listing = ""
        #expect(await eventually {
            listing = (try? await bhal(["card", "readers", "--json"]).stdout) ?? ""
            return listing.contains(Self.npaATR)
        }, "readers: \(listing)")

        let info = try await bhal(["eid", "info", "--reader", simulatorReader, "--json"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("ECDH-GM AES-128 on 13 (brainpoolP256r1)"))

        let wrong = try await bhal(["eid", "change-pin", "--reader", simulatorReader,
                                    "--pin-file", try file("wrong", "123456"), "--new-pin-file", try file("new", "445566")])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("2 tries left"))

        let status = try await bhal(["eid", "pin-status", "--reader", simulatorReader])
        #expect(status.stdout.contains("PIN: two-tries-left"), "\(status.stdout) \(status.stderr)")

        let changed = try await bhal(["eid", "change-pin", "--reader", simulatorReader, "--json",
                                      "--pin-file", try file("right", "112233"), "--new-pin-file", try file("new2", "445566")])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("\"changed\""))
        #expect(!(changed.stdout + changed.stderr + simulator.output).contains("445566"))
    }
}
