import DeviceCore
import Foundation
@testable import ReceiptPrinter
import SystemIO
import Testing

/// The TCP backend against the network simulator over real loopback TCP (port 0).
@Suite("TCP printer and network simulator", .serialized)
struct TCPReceiptPrinterTests {
    static func receipt() throws -> [UInt8] {
        try ESCPOSEncoder(profile: .epsonTMT20).encode(Receipt(elements: [
            .text("Gebühr für Führungszeugnis: 13,00 €"), .text("Straße"), .text("ÄÖÜäöüß"), .cut(.full),
        ])).bytes
    }

    static func start(_ spool: URL? = nil) throws -> (ESCPOSPrinterSimulator, TCPReceiptPrinter) {
        let simulator = ESCPOSPrinterSimulator(profile: .epsonTMT20, spoolDirectory: spool)
        let port = try simulator.start(host: "127.0.0.1", port: 0)
        return (simulator, TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port))
    }

    /// Waits (up to 2 s) until the simulator has `count` jobs.
    static func jobs(_ simulator: ESCPOSPrinterSimulator, count: Int) async throws -> [ESCPOSPrinterSimulator.Job] {
        for _ in 0..<100 where simulator.jobs.count < count { try await Task.sleep(for: .milliseconds(20)) }
        return simulator.jobs
    }

    @Test("status is read with DLE EOT and reports each injected fault")
    func status() async throws {
        let (simulator, printer) = try Self.start()
        defer { simulator.stop() }
        try await printer.open()
        #expect(try await printer.status() == PrinterStatus(online: true))
        simulator.status = PrinterStatus(online: true, paperNearEnd: true)
        #expect(try await printer.status().paperNearEnd)
        simulator.status = PrinterStatus(online: true, coverOpen: true)
        #expect(try await printer.status().blockingFault("print")?.message.contains("cover") == true)
        simulator.status = PrinterStatus(online: false)
        #expect(try await printer.status().blockingFault("print")?.kind == .offline)
        #expect(simulator.jobs.isEmpty, "status connections are no jobs")
    }

    @Test("a job prints through TCP and the simulator writes its PNG and text")
    func prints() async throws {
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: spool) }
        let (simulator, printer) = try Self.start(spool)
        defer { simulator.stop() }
        try await printer.open()
        try await printer.printRaw(try Self.receipt())
        let jobs = try await Self.jobs(simulator, count: 1)
        #expect(jobs.count == 1)
        let text = try String(contentsOf: spool.appendingPathComponent("job-0001.txt"), encoding: .utf8)
        #expect(text.contains("Gebühr für Führungszeugnis: 13,00 €") && text.contains("Straße") && text.contains("ÄÖÜäöüß"))
        let png = try Data(contentsOf: spool.appendingPathComponent("job-0001.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("paper out: the print fails naming the paper, is spooled, and prints exactly once after the fault")
    func paperOutSpoolResume() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (simulator, printer) = try Self.start()
        defer { simulator.stop() }
        try await printer.open()
        let spool = ReceiptSpool(root: root, printerURI: printer.info.connection ?? "")
        simulator.status = PrinterStatus(online: true, paperEnd: true)
        let job = try Self.receipt()
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw(job) }
        #expect(error?.kind == .hardwareFault)
        #expect(error?.message.contains("paper") == true)
        try spool.add(job)
        #expect(spool.pending().count == 1)
        #expect(simulator.jobs.isEmpty)

        // Still out of paper: resume fails and keeps the receipt.
        await #expect(throws: DeviceError.self) { _ = try await spool.resume { bytes throws(DeviceError) in try await printer.printRaw(bytes) } }
        #expect(spool.pending().count == 1)

        simulator.status = PrinterStatus(online: true)
        #expect(try await spool.resume { bytes throws(DeviceError) in try await printer.printRaw(bytes) } == 1)
        #expect(try await spool.resume { bytes throws(DeviceError) in try await printer.printRaw(bytes) } == 0)
        let jobs = try await Self.jobs(simulator, count: 1)
        #expect(jobs.count == 1)
        #expect(jobs.first?.receipt.text.contains("Gebühr für Führungszeugnis: 13,00 €") == true)
        #expect(spool.pending().isEmpty && spool.interrupted().isEmpty)
    }

    @Test("an unreachable printer is offline, not a hang")
    func unreachable() async throws {
        let (simulator, _) = try Self.start()
        let port = simulator.port
        simulator.stop()
        try await Task.sleep(for: .milliseconds(400))
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port)
        try await printer.open()
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw([0x1B, 0x40]) }
        #expect(error?.kind == .offline)
    }

    @Test("ASB sends four bytes when enabled and again after a change")
    func automaticStatusBack() async throws {
        let (simulator, _) = try Self.start()
        defer { simulator.stop() }
        let socket = try RawClient(port: simulator.port)
        try socket.send([0x1D, 0x61, 0x0F])
        #expect(try socket.read(4) == [0x10, 0x00, 0x00, 0x00])
        simulator.status = PrinterStatus(online: true, coverOpen: true)
        #expect(try socket.read(4) == [0x38, 0x00, 0x00, 0x00])
    }
}

/// A minimal TCP client for protocol tests.
struct RawClient {
    let socket: ByteStream

    init(port: UInt16) throws {
        socket = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(2))
    }

    func send(_ bytes: [UInt8]) throws { try socket.writeAll(bytes) }

    /// `count` bytes, or fewer if 2 s pass.
    func read(_ count: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        while result.count < count, let bytes = try socket.receive(maximum: count - result.count, waitingAtMost: 2000), !bytes.isEmpty {
            result += bytes
        }
        return result
    }
}
