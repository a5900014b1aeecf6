import DeviceCore
import ReceiptPrinter
import ReceiptPrinterUSB
import TerminalRuntime
import Testing

@Suite("Configuration loading")
struct ConfigurationLoaderTests {
    let loader = ConfigurationLoader()

    @Test("a complete configuration parses in file order with backends and URIs")
    func valid() throws {
        let config = try loader.parse("""
            # Bürgerterminal Rathaus
            devices:
              reader:
                family: smartcard
                backend: pcsc
                uri: "pcsc:REINER SCT cyberJack"
              receipt:
                family: printer
                backend: cups
                uri: cups://receipt?server=127.0.0.1:631
              payment:
                family: payment
                backend: simulator
              pad:
                family: signaturepad
                backend: usb
                uri: usb://056A:00A8
            """, file: "bhal.yaml")
        #expect(config.devices.map(\.logicalName) == ["reader", "receipt", "payment", "pad"])
        #expect(config.devices.map(\.family) == [.smartCardReader, .receiptPrinter, .paymentTerminal, .signaturePad])
        #expect(config.devices[1].uri == "cups://receipt?server=127.0.0.1:631")
        #expect(config.devices[0].source == ConfigurationLocation(file: "bhal.yaml", line: 4, column: 5))
        let registry = try DeviceRegistry(configuration: config)
        #expect(registry.device(named: "pad")?.info.connection == "usb://056A:00A8")
        #expect(registry.device(of: .receiptPrinter)?.info.backendName == "cups")
    }

    @Test("errors name the file, line, key and what to use instead",
          arguments: [
            ("devices:\n  r:\n    family: smartcrd\n    backend: pcsc\n", "bhal.yaml:3:13: devices.r.family: unknown family \"smartcrd\"; use one of: smartcard, printer, payment, signaturepad"),
            ("devices:\n  r:\n    family: printer\n    backend: cupz\n", "bhal.yaml:4:14: devices.r.backend: unknown backend \"cupz\" for family printer; use one of: cups, file, simulator, tcp, usb"),
            ("devices:\n  r:\n    family: printer\n    backend: cups\n    uri: lpd://x\n", "bhal.yaml:5:10: devices.r.uri: \"lpd://x\" is not a valid cups URI; expected cups://QUEUE or cups://QUEUE?server=HOST:PORT"),
            ("devices:\n  r:\n    family: signaturepad\n    backend: usb\n    uri: usb://56A:A8\n", "bhal.yaml:5:10: devices.r.uri: \"usb://56A:A8\" is not a valid usb URI; expected usb://VID:PID with four hex digits each (e.g. usb://056A:00A8)"),
            ("devices:\n  r:\n    family: printer\n    backend: usb\n    uri: usb://04b8:e03\n", "bhal.yaml:5:10: devices.r.uri: \"usb://04b8:e03\" is not a valid usb URI; expected usb://VID:PID or usb://VID:PID/SERIAL with four hex digits each (e.g. usb://04B8:0E03)"),
            ("devices:\n  r:\n    family: printer\n    backend: usb\n", "bhal.yaml:3:5: devices.r.uri: \"\" is not a valid usb URI; expected usb://VID:PID or usb://VID:PID/SERIAL with four hex digits each (e.g. usb://04B8:0E03)"),
            ("devices:\n  r:\n    family: printer\n    backend: cups\n    uri: cups://q\n    speed: 9600\n", "bhal.yaml:6:5: devices.r.speed: unknown key; allowed here: family, backend, uri, profile"),
            ("devices:\n  r:\n    family: printer\n    backend: tcp\n    uri: tcp://192.0.2.20\n    profile: star-tsp700\n",
             "bhal.yaml:6:14: devices.r.profile: unknown printer profile \"star-tsp700\"; use one of: epson-tm-t20, epson-tm-t88, star-tsp100, star-tsp650, generic-58mm"),
            ("devices:\n  r:\n    family: payment\n    backend: simulator\n    profile: star-tsp650\n",
             "bhal.yaml:5:14: devices.r.profile: only printers take a profile; remove the key from this payment device"),
            ("devices:\n  r:\n    backend: cups\n", "bhal.yaml:3:5: devices.r.family: missing"),
            ("devices:\n  r:\n    family: [printer]\n    backend: cups\n", "bhal.yaml:3:13: devices.r.family: expected a single value"),
            ("device:\n  r: {}\n", "bhal.yaml:1:1: device: unknown key; allowed here: devices"),
            ("devices: {}\n", "bhal.yaml:1:10: devices: no devices are configured"),
            ("devices:\n  r:\n    family: printer\n   backend: cups\n", "bhal.yaml:4:4: not valid YAML: did not find expected key"),
            ("- just\n- a list\n", "bhal.yaml:1:1: expected a mapping with a `devices:` key at the top level"),
          ])
    func errors(_ text: String, _ expected: String) {
        #expect(throws: (any Error).self) { try loader.parse(text, file: "bhal.yaml") }
        do {
            _ = try loader.parse(text, file: "bhal.yaml")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("a usb:// receipt printer is created from its URI without touching USB")
    func usbPrinter() throws {
        let config = try loader.parse("devices:\n  receipt:\n    family: printer\n    backend: usb\n    uri: usb://04b8:0e03/SYNTH0E03A1\n")
        let registry = try DeviceRegistry(configuration: config)
        let printer = registry.device(named: "receipt")
        #expect(printer?.info.connection == "usb://04B8:0E03/SYNTH0E03A1")
        #expect(printer?.info.model == "TM-T20")
        #expect(printer?.info.backendName == "usb")
    }

    @Test("a printer's profile picks how its TCP or USB backend reads status; without one it is DLE EOT")
    func printerProfile() throws {
        let config = try loader.parse("""
            devices:
              star-lan:
                family: printer
                backend: tcp
                uri: tcp://192.0.2.20:9100
                profile: star-tsp650
              star-usb:
                family: printer
                backend: usb
                uri: usb://0519:0003
                profile: Star-TSP100
              epson-lan:
                family: printer
                backend: tcp
                uri: tcp://192.0.2.21:9100
              epson-usb:
                family: printer
                backend: usb
                uri: usb://04b8:0e03
                profile: epson-tm-t20
            """, file: "bhal.yaml")
        #expect(config.devices.map(\.profile) == ["star-tsp650", "Star-TSP100", nil, "epson-tm-t20"])
        let registry = try DeviceRegistry(configuration: config)
        #expect((registry.device(named: "star-lan") as? TCPReceiptPrinter)?.statusDialect == .starAutomaticStatus)
        #expect((registry.device(named: "star-usb") as? USBReceiptPrinter)?.statusDialect == .starAutomaticStatus)
        #expect((registry.device(named: "epson-lan") as? TCPReceiptPrinter)?.statusDialect == .escposRealTime)
        #expect((registry.device(named: "epson-usb") as? USBReceiptPrinter)?.statusDialect == .escposRealTime)
        #expect(config.simulated().devices.map(\.profile) == config.devices.map(\.profile))
    }

    @Test("an empty file is rejected")
    func emptyFile() {
        #expect(throws: ConfigurationError.self) { try loader.parse("", file: "bhal.yaml") }
    }

    @Test("a missing file names its path")
    func missingFile() {
        #expect {
            try loader.load(path: "/nonexistent/bhal.yaml")
        } throws: { error in
            (error as? ConfigurationError)?.message.contains("/nonexistent/bhal.yaml") == true
        }
    }

    @Test("simulated() keeps logical names and moves every device to its simulator")
    func simulatedCopy() throws {
        let config = try loader.parse("devices:\n  front-printer:\n    family: printer\n    backend: cups\n    uri: cups://front\n")
        let simulated = config.simulated()
        #expect(simulated.devices.map(\.logicalName) == ["front-printer"])
        #expect(simulated.devices.map(\.backend) == ["simulator"])
        let registry = try DeviceRegistry(configuration: simulated)
        #expect(registry.devices.first?.info.backend == .simulated)
    }
}
