import DeviceCore
import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// Cancelling the task that awaits a TCP printer: the wait ends with `.cancelled`, a job that went
/// out may have printed (never spooled), and the printer serves the next operation.
@Suite("TCP printer cancellation")
struct TCPPrinterCancellationTests {
    @Test("a print cancelled while the printer has not confirmed the job: cancelled, may have printed, not spooled; the next status works")
    func cancelDuringConfirmation() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-cancel-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let peer = try ScriptedPrinterPeer(.silentAfterJob)
        defer { peer.stop() }
        // A job timeout far beyond the test: only the cancellation can end the wait.
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: peer.port, jobTimeout: .seconds(3600))
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "tcp://127.0.0.1:\(peer.port)"))
        try await printer.open()
        let job = ReceiptPrinterHealthSteps.testReceipt
        let printing = Task { () async throws -> Void in _ = try await service.printRaw(job) }
        var sent = false
        for _ in 0..<500 where !sent {
            sent = peer.jobBytesRead >= job.count
            if !sent { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(sent, "the printer read the job")
        printing.cancel()
        var failure: ReceiptPrintError?
        if case .failure(let error) = await printing.result { failure = error as? ReceiptPrintError }
        #expect(failure?.mayHavePrinted == true)
        let error = try #require(failure?.deviceError)
        #expect(error.kind == .cancelled)
        #expect(error.message.contains("may have printed"), "\(error)")
        #expect(!ReceiptSpool.hasNotPrinted(after: error), "a cancelled print is never spooled for a second print")
        #expect(service.pendingJobs.isEmpty && service.interruptedJobs.isEmpty)
        #expect(await printer.state == .idle)
        let status = try await printer.status()
        #expect(status.online)
    }

    @Test("a status read cancelled before it starts ends as cancelled and the next one works")
    func cancelStatusWait() async throws {
        let peer = try ScriptedPrinterPeer(.silentAfterJob)
        defer { peer.stop() }
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: peer.port, replyTimeout: .seconds(3600))
        try await printer.open()
        let reading = Task { () async throws -> PrinterStatus in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await printer.status()
        }
        var kind: DeviceError.Kind?
        if case .failure(let error) = await reading.result { kind = (error as? DeviceError)?.kind }
        #expect(kind == .cancelled)
        let status = try await printer.status()
        #expect(status.online)
    }
}
