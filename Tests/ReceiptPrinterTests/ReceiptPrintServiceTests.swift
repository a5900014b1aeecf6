import DeviceCore
import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// The library's print rules (``ReceiptPrintService``) without the CLI: a fault spools, resume
/// prints each kept receipt once, a job that may have printed is never spooled.
@Suite("Receipt print service", .serialized)
struct ReceiptPrintServiceTests {
    static let receipt = Receipt(elements: [.text("Gebühr für Führungszeugnis: 13,00 €"), .text("Zeichen: ✓"), .cut(.partial)])

    static func spoolRoot() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bhal-service-\(UUID().uuidString)")
    }

    /// Waits (up to 2 s) until the simulator has `count` jobs.
    static func jobs(_ simulator: ESCPOSPrinterSimulator, count: Int) async throws -> [ESCPOSPrinterSimulator.Job] {
        for _ in 0..<100 where simulator.jobs.count < count { try await Task.sleep(for: .milliseconds(20)) }
        return simulator.jobs
    }

    @Test("over TCP: paper out spools the receipt (replacements in the outcome); after paper-ok resume prints it once, oldest first")
    func paperOutSpoolsThenResumesOnce() async throws {
        let root = Self.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let simulator = ESCPOSPrinterSimulator(profile: .epsonTMT20)
        let port = try simulator.start(host: "127.0.0.1", port: 0)
        defer { simulator.stop() }
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port)
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "tcp://127.0.0.1:\(port)"),
                                          profile: .epsonTMT20)
        try await printer.open()

        simulator.status = PrinterStatus(online: true, paperEnd: true)
        let outcome = try await service.print(Self.receipt)
        guard case .spooled(let kept) = outcome else {
            Issue.record("expected the receipt to be spooled, got \(outcome)")
            return
        }
        #expect(kept.error.kind == .hardwareFault && kept.error.message.contains("paper"), "\(kept.error)")
        #expect(outcome.replacements.map(\.original) == ["✓"], "the replacement is reported, not printed anywhere")
        #expect(service.pendingJobs == [kept.file])
        let second = try await service.printRaw(ReceiptPrinterHealthSteps.testReceipt)
        guard case .spooled = second else {
            Issue.record("expected the second job to be spooled, got \(second)")
            return
        }

        // Still out of paper: resume stops at the first job and keeps both.
        let failure = await #expect(throws: SpoolResumeFailure.self) { _ = try await service.resume() }
        #expect(failure?.printed == 0 && failure?.remaining == 2)
        #expect(failure?.error.message.contains("paper") == true)

        simulator.status = PrinterStatus(online: true)
        #expect(try await service.status() == PrinterStatus(online: true))
        #expect(try await service.resume() == 2)
        #expect(try await service.resume() == 0, "nothing is printed twice")
        let jobs = try await Self.jobs(simulator, count: 2)
        #expect(jobs.count == 2)
        #expect(jobs.first?.receipt.text.contains("Gebühr für Führungszeugnis: 13,00 €") == true, "oldest first")
        #expect(jobs.last?.receipt.text.contains("BuergerHAL Selbsttest") == true)
        #expect(service.pendingJobs.isEmpty && service.interruptedJobs.isEmpty)
    }

    @Test("over TCP: a printer that closes the connection instead of confirming the job: spooled as not printed")
    func lostConnectionSpools() async throws {
        let root = Self.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let peer = try ScriptedPrinterPeer(.closeAfterStatus)
        defer { peer.stop() }
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: peer.port)
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "tcp://127.0.0.1:\(peer.port)"))
        try await printer.open()
        let outcome = try await service.printRaw(ReceiptPrinterHealthSteps.testReceipt)
        guard case .spooled(let kept) = outcome else {
            Issue.record("expected the receipt to be spooled, got \(outcome)")
            return
        }
        #expect(kept.error.kind == .offline)
        #expect(kept.error.message.contains("did not print"), "\(kept.error)")
        #expect(try Data(contentsOf: kept.file) == Data(ReceiptPrinterHealthSteps.testReceipt), "the spool keeps the job byte for byte")
    }

    @Test("over TCP: a printer that takes the job and never confirms it: not spooled, the error says not to resend")
    func mayHavePrintedIsNeverSpooled() async throws {
        let root = Self.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let peer = try ScriptedPrinterPeer(.silentAfterJob)
        defer { peer.stop() }
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: peer.port, jobTimeout: .milliseconds(300))
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "tcp://127.0.0.1:\(peer.port)"))
        try await printer.open()
        let error = await #expect(throws: ReceiptPrintError.self) { _ = try await service.print(Self.receipt) }
        #expect(error?.mayHavePrinted == true)
        #expect(error?.deviceError?.kind == .timeout)
        #expect(error?.description.contains("do not simply resend") == true, "\(String(describing: error))")
        #expect(service.pendingJobs.isEmpty && service.interruptedJobs.isEmpty, "a job that may have printed is never spooled")
        #expect(peer.jobBytesRead > 0, "the job was sent")
    }

    @Test("over TCP: a kept receipt whose resend is never confirmed is set aside as interrupted, not queued again (it may have printed)")
    func resumeTimeoutKeepsTheJobAside() async throws {
        let root = Self.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let peer = try ScriptedPrinterPeer(.silentAfterJob)
        defer { peer.stop() }
        let spool = ReceiptSpool(root: root, printerURI: "tcp://127.0.0.1:\(peer.port)")
        let kept = try spool.add(ReceiptPrinterHealthSteps.testReceipt)
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: peer.port, jobTimeout: .milliseconds(300))
        let service = ReceiptPrintService(printer: printer, spool: spool)
        try await printer.open()
        let failure = await #expect(throws: SpoolResumeFailure.self) { _ = try await service.resume() }
        #expect(failure?.error.kind == .timeout)
        #expect(failure?.error.message.contains("may have printed, so it is not resent") == true, "\(String(describing: failure))")
        #expect(failure?.remaining == 0)
        #expect(service.pendingJobs.isEmpty)
        #expect(service.interruptedJobs.map(\.lastPathComponent) == [kept.deletingPathExtension().appendingPathExtension("sending").lastPathComponent])
        let sentBefore = peer.jobBytesRead
        #expect(sentBefore > 0, "the job was sent once")
        #expect(try await service.resume() == 0, "the next resume does not send it again")
        #expect(peer.jobBytesRead == sentBefore)
    }

    @Test("a receipt the profile cannot print fails before anything is sent or spooled")
    func invalidReceipt() async throws {
        let root = Self.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let peer = try ScriptedPrinterPeer(.closeAfterStatus)
        defer { peer.stop() }
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: peer.port)
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "tcp://127.0.0.1:\(peer.port)"),
                                          profile: .starTSP100)
        try await printer.open()
        let error = await #expect(throws: ReceiptPrintError.self) {
            _ = try await service.print(Receipt(codePage: .iso8859_15, elements: [.text("x")]))
        }
        guard case .invalidReceipt(let receiptError)? = error else {
            Issue.record("expected an invalid receipt, got \(String(describing: error))")
            return
        }
        #expect(receiptError.path == "codePage", "\(receiptError)")
        #expect(peer.connections == 0 && service.pendingJobs.isEmpty)
    }
}

/// The same rules on the simulator, which runs the TCP backend's job and status code against the
/// real interpreter in memory.
@Suite("Receipt print service on the simulated printer")
struct ReceiptPrintServiceSimulatorTests {
    @Test("paper out spools the encoded receipt; after paper-ok resume prints it once and the interpreter renders it")
    func paperOutSpoolsThenResumesOnce() async throws {
        let root = ReceiptPrintServiceTests.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let printer = SimulatedReceiptPrinter(logicalName: "receipt")
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "simulator-receipt"))
        try await printer.open()

        await printer.setStatus(PrinterStatus(online: true, coverOpen: true))
        let outcome = try await service.print(ReceiptPrintServiceTests.receipt)
        guard case .spooled(let kept) = outcome else {
            Issue.record("expected the receipt to be spooled, got \(outcome)")
            return
        }
        #expect(kept.error.kind == .hardwareFault && kept.error.message == "the printer cover is open", "\(kept.error)")
        #expect(await printer.printedReceipts.isEmpty, "nothing reached the paper")

        await printer.setStatus(PrinterStatus(online: true))
        #expect(try await service.resume() == 1)
        #expect(try await service.resume() == 0)
        let receipts = await printer.printedReceipts
        #expect(receipts.count == 1)
        #expect(receipts.first?.text.contains("Gebühr für Führungszeugnis: 13,00 €") == true, "\(receipts.first?.text ?? "")")
        #expect(await printer.printedJobs == [try service.encode(ReceiptPrintServiceTests.receipt).bytes])
    }

    @Test("a Star profile is simulated in Star Line Mode: status through ESC ACK SOH, the receipt rendered from Star bytes")
    func starProfile() async throws {
        let root = ReceiptPrintServiceTests.spoolRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let printer = SimulatedReceiptPrinter(logicalName: "receipt", profile: .starTSP650)
        let service = ReceiptPrintService(printer: printer, spool: ReceiptSpool(root: root, printerURI: "simulator-receipt"), profile: .starTSP650)
        try await printer.open()
        await printer.setStatus(PrinterStatus(online: true, paperNearEnd: true))
        #expect(try await service.status().paperNearEnd)
        let outcome = try await service.print(ReceiptPrintServiceTests.receipt)
        guard case .printed = outcome else {
            Issue.record("expected the receipt to print, got \(outcome)")
            return
        }
        #expect(await printer.printedReceipts.first?.text.contains("Gebühr für Führungszeugnis: 13,00 €") == true)
    }
}

/// A malformed status reply means the same on the simulator as over TCP.
@Suite("Simulated printer: malformed status replies", .serialized)
struct SimulatedPrinterMalformedStatusTests {
    @Test("a status byte that is no DLE EOT reply: the same typed error from the simulator as from the TCP backend")
    func malformedStatusMatchesTCP() async throws {
        let network = ESCPOSPrinterSimulator(profile: .epsonTMT20)
        network.answersMalformedStatus = true
        let port = try network.start(host: "127.0.0.1", port: 0)
        defer { network.stop() }
        let tcp = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port, replyTimeout: .milliseconds(300))
        try await tcp.open()
        let overTCP = await #expect(throws: DeviceError.self) { try await tcp.printRaw(ReceiptPrinterHealthSteps.testReceipt) }

        let simulated = SimulatedReceiptPrinter(logicalName: "receipt", replyTimeout: .milliseconds(300))
        try await simulated.open()
        await simulated.setMalformedStatusReplies(true)
        let inMemory = await #expect(throws: DeviceError.self) { try await simulated.printRaw(ReceiptPrinterHealthSteps.testReceipt) }

        let tcpError = try #require(overTCP)
        let simulatorError = try #require(inMemory)
        #expect(simulatorError.kind == .timeout && tcpError.kind == .timeout, "\(simulatorError) / \(tcpError)")
        #expect(simulatorError.operation == tcpError.operation)
        #expect(simulatorError.remedy == tcpError.remedy)
        #expect(simulatorError.message.hasPrefix("no DLE EOT reply from ") && tcpError.message.hasPrefix("no DLE EOT reply from "),
                "\(simulatorError.message) / \(tcpError.message)")
        #expect(await simulated.printedJobs.isEmpty && network.jobs.isEmpty, "nothing is sent without a status")
        #expect(await simulated.statistics.errorCount == 1)

        await simulated.setMalformedStatusReplies(false)
        try await simulated.printRaw(ReceiptPrinterHealthSteps.testReceipt)
        #expect(await simulated.printedJobs.count == 1)
    }
}
