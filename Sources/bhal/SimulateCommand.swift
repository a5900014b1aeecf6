import ArgumentParser
import DeviceCore
import EID
import Foundation
import SmartCard

/// `bhal simulate`: run simulators that other software can use.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Run a simulated device for other software to use.",
        subcommands: [Card.self, Payment.self, SimulatePrinterCommand.self])

    /// `bhal simulate card`
    struct Card: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a simulated card to pcscd through the vsmartcard vpcd driver until interrupted.",
            discussion: "Any PC/SC program then sees the card in \"Virtual PCD 00 00\" (port 35963) or \"00 01\" (35964).")

        /// Card types the simulator can present.
        enum CardType: String, ExpressibleByArgument, CaseIterable {
            /// The file-system card `SimulatedCard.generic`.
            case iso7816
            /// The simulated German ID card: PACE, PIN life cycle, secure messaging.
            case npa
        }

        @Option(name: .long, help: ArgumentHelp("vpcd address of the reader slot.", valueName: "HOST:PORT"))
        var vpcd = "127.0.0.1:35963"

        @Option(name: .long, help: "Card type: iso7816 (a file-system card) or npa (a German ID card with PACE).")
        var type: CardType = .iso7816

        @Option(name: .long, help: ArgumentHelp("npa: file whose first line is the card's PIN (default 123456; 5 digits: transport PIN).", valueName: "FILE"))
        var pinFile: String?

        @Option(name: .long, help: ArgumentHelp("npa: file whose first line is the card's CAN (default 123456).", valueName: "FILE"))
        var canFile: String?

        @Option(name: .long, help: ArgumentHelp("npa: file whose first line is the card's PUK (default 1234567890).", valueName: "FILE"))
        var pukFile: String?

        @Option(name: .long, help: ArgumentHelp("npa: the PIN's tries left at start (3; 2; 1 suspended; 0 blocked).", valueName: "N"))
        var pinRetries = 3

        func validate() throws {
            _ = try endpoint()
            guard (0...3).contains(pinRetries) else { throw ValidationError("--pin-retries must be 0, 1, 2 or 3") }
            guard type == .npa || (pinFile == nil && canFile == nil && pukFile == nil && pinRetries == 3) else {
                throw ValidationError("--pin-file, --can-file, --puk-file and --pin-retries need --type npa")
            }
        }

        /// The simulated ID card with the secrets from the files (the test identity otherwise).
        func simulatedNPA() async throws -> SimulatedNPA {
            let pin = if let pinFile { try await EIDSecrets.password(.pin, prompt: "PIN", file: pinFile) } else { nil as PACEPassword? }
            let can = if let canFile { try await EIDSecrets.password(.can, prompt: "CAN", file: canFile) } else { nil as PACEPassword? }
            let puk = if let pukFile { try await EIDSecrets.password(.puk, prompt: "PUK", file: pukFile) } else { nil as PACEPassword? }
            return SimulatedNPA(configuration: SimulatedNPAConfiguration(can: can, pin: pin, puk: puk, pinRetries: pinRetries))
        }

        func endpoint() throws -> (host: String, port: UInt16) {
            do {
                let address = try HostPort(parsing: vpcd)
                return (address.host, address.port)
            } catch {
                throw ValidationError("--vpcd \(vpcd): \(error.problem); write HOST:PORT, e.g. 127.0.0.1:35963")
            }
        }

        func run() async throws {
            let (host, port) = try endpoint()
            let card = switch type {
            case .iso7816: VPCDVirtualCard(card: .generic, host: host, port: port)
            case .npa: VPCDVirtualCard(responder: try await simulatedNPA(), host: host, port: port)
            }
            let reported = ReportedOnce()
            card.start { error in
                if reported.first(error.description) {
                    FileHandle.standardError.write(Data("bhal: \(error) (retrying)\n".utf8))
                }
            }
            Console.line("simulated \(type.rawValue) card for vpcd at \(host):\(port); Ctrl-C to remove it")
            // Serve until the process is interrupted.
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}

/// Remembers messages so a retry loop reports each distinct problem once.
private final class ReportedOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []

    func first(_ message: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen.insert(message).inserted
    }
}
