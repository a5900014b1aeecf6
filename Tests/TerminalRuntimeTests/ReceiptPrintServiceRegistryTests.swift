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

    @Test("a name of another family is refused with the configured names")
    func wrongFamily() throws {
        let registry = try DeviceRegistry(configuration: .simulated)
        let error = #expect(throws: DeviceRegistryError.self) { _ = try registry.receiptPrintService("payment") }
        #expect(error?.description.contains("payment") == true)
    }
}
