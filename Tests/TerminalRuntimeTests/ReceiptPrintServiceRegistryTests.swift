import DeviceCore
import Foundation
import ReceiptPrinter
import TerminalRuntime
import Testing

/// The registry's print service: the printer's handle, the spool of its normalised endpoint and
/// the profile of its configuration entry.
@Suite("Registry print service")
struct ReceiptPrintServiceRegistryTests {
    func service(_ uri: String, profile: String? = nil, root: URL) throws -> ReceiptPrintService {
        let entry = DeviceConfiguration(logicalName: "receipt", family: .receiptPrinter, backend: "tcp", uri: uri, profile: profile)
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry]), context: BackendContext(spoolDirectory: root))
        return try registry.receiptPrintService("receipt")
    }

    @Test("tcp://h and tcp://h:9100 give services over one spool; the entry's profile encodes")
    func oneSpoolPerPrinter() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let short = try service("tcp://kasse", root: root)
        let long = try service("tcp://Kasse:9100", profile: "star-tsp650", root: root)
        #expect(short.spool.directory == long.spool.directory)
        try short.spool.add([0x1B, 0x40])
        #expect(long.pendingJobs.count == 1, "a job kept under one spelling waits for the other")
        #expect(short.profile == .default && long.profile == .starTSP650)
        #expect(try service("tcp://kasse:9101", root: root).spool.directory != short.spool.directory)
    }

    @Test("a simulated printer with a Star profile: the service encodes Star Line Mode and the simulator renders it")
    func simulatorWithProfile() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = try ConfigurationLoader().parse("""
            devices:
              counter:
                family: printer
                backend: simulator
                profile: star-tsp650
            """, file: "star.yaml")
        let registry = try DeviceRegistry(configuration: configuration, context: BackendContext(spoolDirectory: root))
        let service = try registry.receiptPrintService("counter")
        #expect(service.profile == .starTSP650)
        let simulated = try #require(service.printer as? SimulatedReceiptPrinter)
        #expect(simulated.profile == .starTSP650)
        try await service.printer.open()
        let outcome = try await service.print(Receipt(elements: [.text("Gebühr 13,00 €"), .cut(.partial)]))
        guard case .printed(let printed) = outcome else {
            Issue.record("expected the receipt to print, got \(outcome)")
            return
        }
        #expect(printed.byteCount == (try service.encode(Receipt(elements: [.text("Gebühr 13,00 €"), .cut(.partial)])).bytes.count))
        #expect(await simulated.printedReceipts.last?.text.contains("Gebühr 13,00 €") == true)
        await service.printer.close()
    }

    @Test("a name of another family is refused with the configured names")
    func wrongFamily() throws {
        let registry = try DeviceRegistry(configuration: .simulated)
        let error = #expect(throws: DeviceRegistryError.self) { _ = try registry.receiptPrintService("payment") }
        #expect(error?.description.contains("payment") == true)
    }
}
