import DeviceCore
import Foundation
import PaymentTerminal
import ReceiptPrinter
import TerminalRuntime
import Testing

/// Typed handles, endpoints parsed once, and the context every backend is built with.
@Suite("Device registry: typed handles and the backend context")
struct DeviceRegistryTests {
    static let yaml = """
        devices:
          receipt:
            family: printer
            backend: tcp
            uri: "tcp://Printer.Example"
          payment:
            family: payment
            backend: zvt
            uri: "zvt+tcp://10.0.0.5"
          reader:
            family: smartcard
            backend: simulator
          pad:
            family: signaturepad
            backend: simulator
        """

    @Test("each family has its typed handle; no downcast")
    func typedHandles() throws {
        let registry = try DeviceRegistry(configuration: try ConfigurationLoader().parse(Self.yaml))
        #expect(try registry.receiptPrinter("receipt").info.backendName == "tcp")
        #expect(try registry.paymentTerminal("payment") is ZVTPaymentTerminal)
        #expect(try registry.cardReader("reader").info.family == .smartCardReader)
        #expect(try registry.signaturePad("pad").info.family == .signaturePad)
    }

    @Test("a missing name and a name of another family are typed errors that say what to change")
    func handleErrors() throws {
        let registry = try DeviceRegistry(configuration: try ConfigurationLoader().parse(Self.yaml))
        #expect {
            _ = try registry.paymentTerminal("kasse")
        } throws: { error in
            guard let error = error as? DeviceRegistryError, error.reason == .notConfigured else { return false }
            return error.description.contains("\"kasse\"") && error.description.contains("receipt, payment, reader, pad")
        }
        #expect {
            _ = try registry.paymentTerminal("receipt")
        } throws: { error in
            guard let error = error as? DeviceRegistryError else { return false }
            return error.reason == .wrongFamily(configured: .receiptPrinter) && error.description.contains("not a payment terminal")
        }
    }

    @Test("the loader parses each URI once into the entry's endpoint; the default ports are filled in")
    func endpointsParsedAtLoad() throws {
        let devices = try ConfigurationLoader().parse(Self.yaml).devices
        guard case .tcp(let host, let port)? = devices[0].endpoint else {
            Issue.record("the printer URI is parsed into a TCP endpoint: \(String(describing: devices[0].endpoint))")
            return
        }
        #expect(host.lowercased() == "printer.example" && port == 9100)
        #expect(devices[0].endpoint?.key == "tcp://printer.example:9100")
        guard case .zvt(let terminal)? = devices[1].endpoint else {
            Issue.record("the ZVT URI is parsed into a terminal configuration: \(String(describing: devices[1].endpoint))")
            return
        }
        #expect(terminal.endpoint == .tcp(host: "10.0.0.5", port: 20007))
        #expect(devices[2].endpoint == DeviceEndpoint.none)
    }

    @Test("an endpoint given with the entry is used as it is: the URI is not parsed again")
    func givenEndpointIsKept() throws {
        // The URI is unusable; the endpoint given beside it is what the backend gets.
        let entry = DeviceConfiguration(logicalName: "receipt", family: .receiptPrinter, backend: "tcp", uri: "not a uri",
                                        endpoint: .tcp(host: "127.0.0.1", port: 9101))
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry]))
        #expect(registry.configurations[0].endpoint?.key == "tcp://127.0.0.1:9101")
        #expect(try registry.receiptPrinter("receipt").info.backendName == "tcp")
    }

    @Test("tcp://h and tcp://H:9100 are one printer with one spool", arguments: [
        ("tcp://h", "tcp://H:9100"), ("tcp://h:9100", "tcp://h:9100/"), ("tcp://[::1]", "tcp://[::1]:9100"),
    ])
    func spoolKeysOnNormalisedEndpoint(_ spellings: (String, String)) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)")
        func spool(_ uri: String) throws -> URL {
            let entry = DeviceConfiguration(logicalName: "receipt", family: .receiptPrinter, backend: "tcp", uri: uri)
            let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry]),
                                              context: BackendContext(spoolDirectory: root))
            return try registry.receiptSpool("receipt").directory
        }
        #expect(try spool(spellings.0) == spool(spellings.1))
        #expect(try spool("tcp://h:9101") != spool(spellings.0), "another port is another printer")
    }

    @Test("receipts an earlier version spooled under the URI as written are adopted, oldest first, none resent twice")
    func formerSpoolAdopted() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let former = ReceiptSpool(root: root, printerURI: "tcp://Printer")  // how the spool was named before
        let older = try former.add([0x01])
        try FileManager.default.moveItem(at: older, to: former.directory.appendingPathComponent("1000.000000-a.job"))
        let interrupted = former.directory.appendingPathComponent("1001.000000-b.sending")
        try Data([0x02]).write(to: interrupted)
        let entry = DeviceConfiguration(logicalName: "receipt", family: .receiptPrinter, backend: "tcp", uri: "tcp://Printer")
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry]), context: BackendContext(spoolDirectory: root))
        let spool = try registry.receiptSpool("receipt")
        #expect(spool.directory != former.directory)
        #expect(spool.pending().map(\.lastPathComponent) == ["1000.000000-a.job"])
        #expect(spool.interrupted().map(\.lastPathComponent) == ["1001.000000-b.sending"], "a possibly printed job stays marked as such")
        #expect(former.pending().isEmpty && former.interrupted().isEmpty)
        #expect(try registry.receiptSpool("receipt").pending().count == 1, "adopting again moves nothing twice")
    }

    @Test("two simulated printers keep two spools")
    func simulatorSpoolsByName() throws {
        let entries = ["front", "back"].map { DeviceConfiguration(logicalName: $0, family: .receiptPrinter, backend: "simulator") }
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: entries))
        #expect(try registry.receiptSpool("front").directory != registry.receiptSpool("back").directory)
    }

    @Test("a ZVT password comes from the file the context names, else BHAL_ZVT_PASSWORD; a bad file is a configuration error")
    func passwordSources() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zvt-password-\(UUID().uuidString)")
        try "123456\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try SecretSource(environment: ["BHAL_ZVT_PASSWORD": "654321"], zvtPasswordFile: file.path).zvtPassword() == "123456")
        #expect(try SecretSource(environment: ["BHAL_ZVT_PASSWORD": "654321"]).zvtPassword() == "654321")
        #expect(try SecretSource(environment: [:]).zvtPassword() == nil)
        try "12ab\n".write(to: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try SecretSource(zvtPasswordFile: file.path).zvtPassword()
        } throws: { error in
            let text = "\(error)"
            return error is ConfigurationError && text.contains("6-digit") && !text.contains("12ab")
        }
        // The catalog reads it when it builds the terminal: a missing file stops the registry.
        let entry = DeviceConfiguration(logicalName: "payment", family: .paymentTerminal, backend: "zvt", uri: "zvt+tcp://10.0.0.5")
        #expect(throws: ConfigurationError.self) {
            _ = try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry]),
                                   context: BackendContext(secrets: SecretSource(zvtPasswordFile: "/nonexistent/zvt-password")))
        }
    }

    @Test("a terminal the catalog builds gets the password of the context's secrets, never shown")
    func zvtTerminalGetsContext() async throws {
        let entry = DeviceConfiguration(logicalName: "payment", family: .paymentTerminal, backend: "zvt", uri: "zvt+tcp://10.0.0.5")
        let registry = try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry]),
                                          context: BackendContext(secrets: SecretSource(environment: ["BHAL_ZVT_PASSWORD": "424242"])))
        let terminal = try #require(try registry.paymentTerminal("payment") as? ZVTPaymentTerminal)
        #expect(terminal.configuration.password == "424242")
        #expect(!terminal.configuration.description.contains("424242"))
    }
}
