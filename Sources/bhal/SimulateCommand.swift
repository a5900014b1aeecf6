import ArgumentParser
import DeviceCore
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
            case iso7816
        }

        @Option(name: .long, help: ArgumentHelp("vpcd address of the reader slot.", valueName: "HOST:PORT"))
        var vpcd = "127.0.0.1:35963"

        @Option(name: .long, help: "Card type.")
        var type: CardType = .iso7816

        func validate() throws {
            _ = try endpoint()
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
            let card = VPCDVirtualCard(card: .generic, host: host, port: port)
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
