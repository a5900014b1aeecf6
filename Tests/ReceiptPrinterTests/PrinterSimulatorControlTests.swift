import DeviceCore
import ReceiptPrinter
import Testing

/// The run-time control language of the printer simulator, and its effect on what the simulator
/// answers over TCP.
@Suite("Printer simulator run-time control")
struct PrinterSimulatorControlTests {
    static let ready = PrinterStatus(online: true)

    @Test("each command changes the condition as named and answers with it", arguments: [
        ("paper-out", ready, PrinterStatus(online: true, paperEnd: true), "condition: paper out"),
        ("paper-near-end", PrinterStatus(online: true, paperEnd: true), PrinterStatus(online: true, paperNearEnd: true),
         "condition: paper near end"),
        ("paper-ok", PrinterStatus(online: true, paperNearEnd: true, paperEnd: true), ready, "condition: ready"),
        ("cover-open", PrinterStatus(online: true, paperEnd: true), PrinterStatus(online: true, coverOpen: true, paperEnd: true),
         "condition: cover open, paper out"),
        ("cover-closed", PrinterStatus(online: true, coverOpen: true), ready, "condition: ready"),
        ("offline", ready, PrinterStatus(online: false), "condition: offline"),
        ("online", PrinterStatus(online: false, coverOpen: true), PrinterStatus(online: true, coverOpen: true), "condition: cover open"),
        ("clear", PrinterStatus(online: false, coverOpen: true, paperNearEnd: true, paperEnd: true, reasons: ["x"]), ready,
         "condition: ready"),
        ("status", PrinterStatus(online: false, paperEnd: true), PrinterStatus(online: false, paperEnd: true),
         "condition: offline, paper out"),
        ("  Paper-Out \r", ready, PrinterStatus(online: true, paperEnd: true), "condition: paper out"),
    ])
    func command(line: String, before: PrinterStatus, after: PrinterStatus, answer: String) {
        var status = before
        #expect(PrinterSimulatorControl.apply(line, to: &status) == [answer])
        #expect(status == after)
    }

    @Test("unknown input gets one error line naming every valid command and changes nothing")
    func unknown() {
        var status = Self.ready
        let answer = PrinterSimulatorControl.apply("paper-jam", to: &status)
        #expect(answer.count == 1)
        #expect(answer.first?.hasPrefix("error: unknown command \"paper-jam\"") == true)
        for command in PrinterSimulatorControl.Command.allCases {
            #expect(answer.first?.contains(command.rawValue) == true, "\(command)")
        }
        #expect(status == Self.ready)
        #expect(PrinterSimulatorControl.apply("   ", to: &status).isEmpty, "a blank line gets no answer")
    }

    @Test("help lists every command with what it does")
    func help() {
        var status = Self.ready
        let lines = PrinterSimulatorControl.apply("help", to: &status)
        #expect(lines.count == PrinterSimulatorControl.Command.allCases.count + 1)
        for command in PrinterSimulatorControl.Command.allCases {
            #expect(lines.contains { $0.contains(command.rawValue) && $0.contains(command.summary) }, "\(command)")
        }
        #expect(status == Self.ready)
    }

    @Test("control lines change what a running simulator answers to DLE EOT over TCP")
    func runningSimulator() async throws {
        let simulator = ESCPOSPrinterSimulator(profile: .epsonTMT20)
        let port = try simulator.start(host: "127.0.0.1", port: 0)
        defer { simulator.stop() }
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: port)
        try await printer.open()
        #expect(simulator.control("paper-out") == ["condition: paper out"])
        #expect(try await printer.status().blockingFault("print")?.message == "the printer is out of paper")
        #expect(simulator.control("cover-open") == ["condition: cover open, paper out"])
        #expect(simulator.control("paper-ok") == ["condition: cover open"])
        #expect(try await printer.status().blockingFault("print")?.message == "the printer cover is open")
        #expect(simulator.control("clear") == ["condition: ready"])
        #expect(try await printer.status() == Self.ready)
        await printer.close()
    }
}
