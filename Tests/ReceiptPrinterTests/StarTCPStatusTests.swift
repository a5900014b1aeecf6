import DeviceCore
import Foundation
@testable import ReceiptPrinter
import Testing

/// The TCP backend in Star's status dialect against the network simulator running a Star profile,
/// over real loopback TCP (port 0).
@Suite("Star status over TCP with the network simulator", .serialized)
struct StarTCPStatusTests {
    static func start(_ dialect: PrinterStatusDialect = .starAutomaticStatus) throws -> (ESCPOSPrinterSimulator, TCPReceiptPrinter) {
        let simulator = ESCPOSPrinterSimulator(profile: .starTSP650)
        let port = try simulator.start(host: "127.0.0.1", port: 0)
        return (simulator, TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port, statusDialect: dialect,
                                             replyTimeout: .milliseconds(500)))
    }

    static func receipt() throws -> [UInt8] {
        try ESCPOSEncoder(profile: .starTSP650).encode(Receipt(elements: [
            .text("Gebühr für Führungszeugnis: 13,00 €"), .text("Straße"), .text("ÄÖÜäöüß"), .cut(.partial),
        ])).bytes
    }

    @Test("ESC ACK SOH is answered with a 9-byte ASB and Length 0, as on Star's network interface")
    func rawReply() throws {
        let (simulator, _) = try Self.start()
        defer { simulator.stop() }
        let client = try RawClient(port: simulator.port)
        try client.send(StarStatus.request)
        let idle = try client.read(11)
        #expect(idle == [0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try StarStatus(parsing: idle).printerStatus == PrinterStatus(online: true))
    }

    @Test("a change of condition during a connection is sent at once, unasked")
    func automaticStatus() throws {
        let (simulator, _) = try Self.start()
        defer { simulator.stop() }
        let client = try RawClient(port: simulator.port)
        // Once a request is answered, the connection is being served with the condition known.
        try client.send(StarStatus.request)
        #expect(try StarStatus(parsing: try client.read(11)).printerStatus == PrinterStatus(online: true))
        #expect(simulator.control("cover-open") == ["condition: cover open"])
        let sent = try client.read(11)
        #expect(try StarStatus(parsing: sent).printerStatus == PrinterStatus(online: true, coverOpen: true))
    }

    @Test("status reads each injected fault through ESC ACK SOH")
    func status() async throws {
        let (simulator, printer) = try Self.start()
        defer { simulator.stop() }
        try await printer.open()
        #expect(try await printer.status() == PrinterStatus(online: true))
        for (command, expected) in [
            ("paper-near-end", PrinterStatus(online: true, paperNearEnd: true)),
            ("paper-out", PrinterStatus(online: true, paperNearEnd: true, paperEnd: true)),
            ("cover-open", PrinterStatus(online: true, coverOpen: true, paperNearEnd: true, paperEnd: true)),
            ("clear", PrinterStatus(online: true)),
            ("offline", PrinterStatus(online: false)),
        ] {
            _ = simulator.control(command)
            #expect(simulator.status == expected, "the simulator's condition after \(command)")
            #expect(try await printer.status() == expected, "after \(command)")
        }
        #expect(try await printer.status().blockingFault("print")?.kind == .offline)
        #expect(simulator.jobs.isEmpty, "status connections are no jobs")
    }

    @Test("asked with DLE EOT, a Star printer does not answer: a timeout whose remedy names the Star profile")
    func escposDialectTimesOut() async throws {
        let (simulator, printer) = try Self.start(.escposRealTime)
        defer { simulator.stop() }
        try await printer.open()
        let error = await #expect(throws: DeviceError.self) { try await printer.status() }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("no DLE EOT reply") == true, "\(String(describing: error))")
        #expect(error?.remedy.contains("--profile star-tsp100 or star-tsp650") == true, "\(String(describing: error))")
    }

    @Test("paper out: the print is refused naming the paper and nothing is sent; after paper-ok the spooled receipt prints once")
    func paperOutSpoolResume() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-star-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (simulator, printer) = try Self.start()
        defer { simulator.stop() }
        try await printer.open()
        let spool = ReceiptSpool(root: root, printerURI: printer.info.connection ?? "")
        _ = simulator.control("paper-out")
        let job = try Self.receipt()
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw(job) }
        #expect(error?.kind == .hardwareFault)
        #expect(error?.message == "the printer is out of paper")
        try spool.add(job)

        _ = simulator.control("paper-ok")
        #expect(try await spool.resume { bytes throws(DeviceError) in try await printer.printRaw(bytes) } == 1)
        #expect(try await spool.resume { bytes throws(DeviceError) in try await printer.printRaw(bytes) } == 0)
        let jobs = try await TCPReceiptPrinterTests.jobs(simulator, count: 1)
        #expect(jobs.count == 1)
        #expect(jobs.first?.receipt.text.contains("Gebühr für Führungszeugnis: 13,00 €\nStraße\nÄÖÜäöüß") == true,
                "\(jobs.first?.receipt.text ?? "")")
        #expect(jobs.first?.receipt.notes.isEmpty == true, "\(jobs.first?.receipt.notes ?? [])")
    }

    @Test("the external health check prints the test receipt in Star Line Mode")
    func healthCheck() async throws {
        let (simulator, printer) = try Self.start()
        defer { simulator.stop() }
        try await printer.open()
        let report = try await printer.checkHealth(.external)
        #expect(report.passed, "\(report.text)")
        let jobs = try await TCPReceiptPrinterTests.jobs(simulator, count: 1)
        #expect(jobs.first?.bytes == StarStatus.request + ReceiptPrinterHealthSteps.starTestReceipt + StarStatus.request,
                "the status request, the job and the confirming status request, on one connection")
        #expect(jobs.first?.receipt.text.contains("BuergerHAL Selbsttest\nGebühr: 0,00 €") == true, "\(jobs.first?.receipt.text ?? "")")
        #expect(jobs.first?.receipt.notes.isEmpty == true, "\(jobs.first?.receipt.notes ?? [])")
    }
}
