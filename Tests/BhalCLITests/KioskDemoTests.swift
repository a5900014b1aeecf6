import Foundation
import TestSupport
import Testing

/// The example application (`Examples/KioskDemo`) runs on the simulators and does what it says:
/// the facts it prints come from the devices, through the library.
@Suite("KioskDemo example application")
struct KioskDemoTests {
    static let demo = Harness.builtProduct("KioskDemo")

    @Test("on the bundled simulators: the fee is paid, the receipt printed with the terminal's receipt, SELECT MF gives 9000, a signature is captured")
    func visitOnSimulators() async throws {
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: spool) }
        let run = try await Harness.runProduct(Self.demo, [], environment: ["BHAL_SPOOL_DIR": spool.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("paid: 13,00 € (approved)"), "\(run.stdout)")
        let receipt = try #require(lines.first { $0.hasPrefix("receipt: printed ") }, "\(run.stdout)")
        let terminalLines = receipt.split(separator: " ").dropFirst(5).first.flatMap { Int($0) }
        #expect((terminalLines ?? 0) > 0, "the customer receipt is appended: \(receipt)")
        #expect(lines.contains("paper: Bürgeramt | Führungszeugnis: 13,00 €"), "rendered by the interpreter from the printed bytes: \(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("card: SELECT MF → SW 9000") }, "\(run.stdout)")
        let signature = try #require(lines.first { $0.hasPrefix("signature: completed, ") }, "\(run.stdout)")
        let samples = signature.split(separator: " ").dropLast().last.flatMap { Int($0) }
        #expect((samples ?? 0) > 0, "\(signature)")
        let spooled = (FileManager.default.subpaths(atPath: spool.path) ?? []).filter { $0.hasSuffix(".job") }
        #expect(spooled.isEmpty, "nothing was spooled")
    }

    @Test("a declined payment stops the visit before anything is printed: exit 1 naming the outcome")
    func declinedPayment() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("kiosk.yaml")
        try Data("""
            devices:
              counter-printer:
                family: printer
                backend: simulator
              till:
                family: payment
                backend: simulator
                uri: "sim:?scenario=decline-05"
              reader:
                family: smartcard
                backend: simulator
              pad:
                family: signaturepad
                backend: simulator
            """.utf8).write(to: config)
        let run = try await Harness.runProduct(Self.demo, [config.path], environment: ["BHAL_SPOOL_DIR": directory.appendingPathComponent("spool").path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("KioskDemo: the payment ended declined"), "\(run.stderr)")
        #expect(!run.stdout.contains("paid:") && !run.stdout.contains("receipt:"), "\(run.stdout)")
    }
}
