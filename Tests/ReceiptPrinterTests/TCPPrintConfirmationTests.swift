import DeviceCore
import Foundation
@testable import ReceiptPrinter
import TestSupport
import Testing

/// A print over TCP counts only when the printer confirms it: real loopback peers that answer the
/// status query and then close (FIN) or reset (RST) without reading the job, and one that runs out
/// of paper during the job.
@Suite("TCP printer: a job is printed only when the printer confirms it", .serialized)
struct TCPPrintConfirmationTests {
    static func printer(_ port: UInt16) -> TCPReceiptPrinter {
        TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port, jobTimeout: .seconds(5))
    }

    @Test("a printer that answers DLE EOT, then closes (FIN) or resets (RST) without reading the job: offline, not printed",
          arguments: [ScriptedPrinterPeer.Behaviour.closeAfterStatus, .resetOnJob])
    func lostJob(behaviour: ScriptedPrinterPeer.Behaviour) async throws {
        let peer = try ScriptedPrinterPeer(behaviour)
        defer { peer.stop() }
        let printer = Self.printer(peer.port)
        try await printer.open()
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw(try TCPReceiptPrinterTests.receipt()) }
        #expect(error?.kind == .offline, "offline is what bhal print spools: \(String(describing: error))")
        #expect(error?.message.contains("did not print") == true, "\(String(describing: error))")
        #expect(peer.jobBytesRead == 0, "the peer never read the job")
        #expect(peer.connections == 1)
        #expect(await printer.statistics.errorCount == 1)
    }

    @Test("paper out in the status after the job: a hardware fault saying the receipt may be incomplete")
    func paperOutDuringJob() async throws {
        let peer = try ScriptedPrinterPeer(.paperOutAfterJob)
        defer { peer.stop() }
        let printer = Self.printer(peer.port)
        try await printer.open()
        let job = try TCPReceiptPrinterTests.receipt()
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw(job) }
        #expect(error?.kind == .hardwareFault)
        #expect(error?.message == "the printer is out of paper after the job was sent; the receipt may be incomplete", "\(String(describing: error))")
        #expect(peer.jobBytesRead == job.count)
    }

    @Test("a real printer (the simulator) gets the status query, the job, and the confirming query on one connection")
    func confirmedOnOneConnection() async throws {
        let (simulator, printer) = try TCPReceiptPrinterTests.start()
        defer { simulator.stop() }
        try await printer.open()
        let job = try TCPReceiptPrinterTests.receipt()
        try await printer.printRaw(job)
        let jobs = try await TCPReceiptPrinterTests.jobs(simulator, count: 1)
        let query = RealTimeStatus.queriedStatuses.flatMap(RealTimeStatus.request)
        #expect(jobs.first?.bytes == query + job + query)
        #expect(jobs.first?.receipt.notes.isEmpty == true, "\(jobs.first?.receipt.notes ?? [])")
    }
}
