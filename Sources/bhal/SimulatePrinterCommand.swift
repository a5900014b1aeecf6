import ArgumentParser
import DeviceCore
import Foundation
import ReceiptPrinter

/// `bhal simulate printer --listen HOST:PORT [--spool DIR] [--profile NAME]`; faults are changed at
/// run time through standard input (``PrinterSimulatorControl``).
struct SimulatePrinterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer",
        abstract: "Run a simulated network receipt printer (like port 9100, ESC/POS or Star Line Mode) until interrupted.",
        discussion: """
            Writes job-NNNN.png and job-NNNN.txt per job (one connection) into the spool directory. Each connection is \
            served on its own, up to --max-connections at once; one silent for --idle-timeout is closed. A job longer than \
            --max-paper-length is cut off there (the rest is still read and its status requests answered). Star profiles \
            (star-tsp100, star-tsp650) interpret Star Line Mode and answer ESC ACK SOH with Star's automatic status (ASB), \
            like a Star printer's network interface; the others interpret ESC/POS and answer DLE EOT.

            Faults: start with --paper-out, --cover-open or --offline, and change them while it runs by writing one \
            command per line to its standard input: \(PrinterSimulatorControl.commandList). Each is answered on standard \
            output with the new condition (e.g. "condition: paper out"); `help` lists what each does. The end of standard \
            input does not stop the simulator; Ctrl-C (SIGINT) or SIGTERM does.
            """)

    @Option(name: .long, help: ArgumentHelp("Address to listen on (IPv4).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:9100"

    @Option(name: .long, help: ArgumentHelp("Directory for the PNG and TXT of each job.", valueName: "DIR"))
    var spool = "."

    @Option(name: .long, help: "Printer profile: \(PrinterProfile.builtIn.map(\.id).joined(separator: ", ")).")
    var profile: String = PrinterProfile.default.id

    @Flag(name: .long, help: "Start out of paper.")
    var paperOut = false

    @Flag(name: .long, help: "Start with the cover open.")
    var coverOpen = false

    @Flag(name: .long, help: "Start offline.")
    var offline = false

    @Option(name: .long, help: ArgumentHelp("Close a connection that sends nothing for this long; what it sent is printed.", valueName: "SECONDS"))
    var idleTimeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Connections served at once; a further one is closed at once, with a notice.", valueName: "N"))
    var maxConnections = ESCPOSPrinterSimulator.Limits.default.maximumConnections

    @OptionGroup var paper: PaperLengthOption

    func validate() throws {
        _ = try endpoint()
        guard PrinterProfile.named(profile) != nil else {
            throw ValidationError("unknown profile \"\(profile)\"; use one of \(PrinterProfile.builtIn.map(\.id).joined(separator: ", "))")
        }
        guard idleTimeout >= 0.001, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout must be 0.001...86400 seconds") }
        guard (1...1024).contains(maxConnections) else { throw ValidationError("--max-connections must be 1...1024") }
    }

    /// The simulator's limits from the options.
    var limits: ESCPOSPrinterSimulator.Limits {
        ESCPOSPrinterSimulator.Limits(idleTimeout: .milliseconds(Int64((idleTimeout * 1000).rounded())), maximumConnections: maxConnections,
                                      render: paper.limits)
    }

    func endpoint() throws -> (host: String, port: UInt16) {
        do {
            let address = try HostPort(parsing: listen, allowsPortZero: true)
            return (address.host, address.port)
        } catch {
            throw ValidationError("--listen \(listen): \(error.problem); write HOST:PORT, e.g. 127.0.0.1:9100 (port 0: any free port)")
        }
    }

    func run() async throws {
        let (host, port) = try endpoint()
        let simulator = ESCPOSPrinterSimulator(
            profile: PrinterProfile.named(profile) ?? .default, spoolDirectory: URL(fileURLWithPath: spool), limits: limits,
            onJob: { job in
                let cutOff = job.receipt.cutOffOffset.map { " (cut off at byte \($0): render limit reached)" } ?? ""
                Console.line("job \(job.number): \(job.byteCount) bytes -> \(job.files.map(\.path).joined(separator: ", "))\(cutOff)")
            },
            onNotice: { Console.line($0) })
        simulator.status = PrinterStatus(online: !offline, coverOpen: coverOpen, paperEnd: paperOut)
        let bound: UInt16
        do { bound = try simulator.start(host: host, port: port) } catch {
            throw CommandFailure("cannot listen on \(listen): \(error)", status: ExitStatus.failed)
        }
        Console.line("simulated printer listening on \(host):\(bound), spool \(spool); Ctrl-C to stop")
        Console.line("condition: \(simulator.status.summary); type help for the run-time fault commands")
        StandardInputLines.start { line in
            for answer in simulator.control(line) { Console.line(answer) }
        } end: {
            Console.line("standard input ended: faults stay as they are; serving until Ctrl-C or SIGTERM")
        }
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
