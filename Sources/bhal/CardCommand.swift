import ArgumentParser
import DeviceCore
import Foundation
import SmartCard
import SmartCardPCSC

/// `bhal card`: smart-card readers through pcscd.
struct CardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card", abstract: "Smart-card readers through pcscd: list, watch, send APDUs.",
        subcommands: [Readers.self, Watch.self, APDU.self])

    /// `bhal card readers`
    struct Readers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List readers with card presence, ATR, PC/SC part 10 features and reader category.")

        @Flag(name: .long, help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let readers: [PCSCReaderInfo]
            do { readers = try await PCSCService().readers() } catch {
                FileHandle.standardError.write(Data("bhal: \(error)\n".utf8))
                throw ExitCode(ExitStatus.failed)
            }
            if json {
                print(try JSONText.encode(readers))
                return
            }
            if readers.isEmpty {
                print("no readers attached (pcscd is running); connect a reader and check `opensc-tool -l`")
                return
            }
            let rows = [["READER", "CARD", "ATR", "CATEGORY", "FEATURES"]] + readers.map {
                [$0.name, $0.cardPresent ? "yes" : "no", $0.atr ?? "-", $0.category.rawValue,
                 $0.features.isEmpty ? "-" : $0.features.map { "\($0)" }.joined(separator: ",")]
            }
            print(TextTable.render(rows))
        }
    }

    /// `bhal card watch`
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print reader and card events until interrupted; survives pcscd restarts.")

        func run() async throws {
            let monitor = PCSCMonitor()
            for await event in monitor.events() {
                Console.line("\(Date().formatted(.iso8601)) \(event)")
            }
        }
    }

    /// `bhal card apdu`
    struct APDU: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send APDUs (hex) to the card in a reader; 61xx is followed by GET RESPONSE, 6Cxx resent with Le.",
            discussion: "Example: bhal card apdu --reader \"Virtual PCD 00 00\" 00A4000C023F00 0084000008")

        @Option(name: .long, help: "Reader name or name prefix.")
        var reader: String

        @Argument(help: "Command APDUs in hex (spaces allowed within quotes).")
        var apdus: [String]

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            guard !apdus.isEmpty else { throw ValidationError("give at least one APDU in hex") }
            for text in apdus {
                do {
                    _ = try CommandAPDU(bytes: try Hex.parse(text))
                } catch {
                    throw ValidationError("\"\(text)\" is not a command APDU: \(error)")
                }
            }
        }

        struct Exchange: Encodable {
            var command: String
            var response: String
            var sw: String
            var meaning: String
        }

        /// What one card transaction of `bhal card apdu` produced: the exchanges up to the first
        /// failure, and that failure.
        struct Run: Sendable {
            var exchanges: [(command: [UInt8], response: ResponseAPDU)] = []
            var failure: DeviceError?
        }

        /// Opens `device` and sends `commands` in one card transaction, stopping at the first failure.
        private static func exchange(_ commands: [CommandAPDU], with device: any CardReader) async -> Run {
            do throws(DeviceError) {
                try await device.open()
                return try await device.transaction { (card: inout CardTransaction) throws(DeviceError) -> Run in
                    var run = Run()
                    for command in commands {
                        do throws(DeviceError) {
                            let response = try card.send(command)
                            run.exchanges.append((command: (try? command.encoded()) ?? [], response: response))
                        } catch {
                            run.failure = error
                            break
                        }
                    }
                    return run
                }
            } catch {
                return Run(failure: error)
            }
        }

        /// Sends every APDU in one card transaction, so no other program's command comes between
        /// them (a SELECT and the READ BINARY that depends on it).
        func run() async throws {
            let commands = try apdus.map { try CommandAPDU(bytes: try Hex.parse($0)) }
            let device = try PCSCReaderTarget.reader(prefix: reader)
            let outcome = await Self.exchange(commands, with: device)
            await device.close()
            if json {
                print(try JSONText.encode(outcome.exchanges.map { command, response in
                    Exchange(command: Hex.string(command), response: Hex.string(response.data),
                             sw: Hex.string([response.status.sw1, response.status.sw2]), meaning: response.status.meaning)
                }))
            } else {
                for (command, response) in outcome.exchanges {
                    print("> \(Hex.string(command, separator: " "))")
                    print("< \(response.data.isEmpty ? "" : Hex.string(response.data, separator: " ") + "  ")SW \(response.status)")
                }
            }
            if let failure = outcome.failure {
                FileHandle.standardError.write(Data("bhal: \(failure)\n".utf8))
                throw ExitCode(ExitStatus.failed)
            }
        }
    }
}
