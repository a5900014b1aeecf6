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

        func run() async throws {
            let device = PCSCCardReader(logicalName: "cli", readerPrefix: reader)
            let channel = CardChannel(reader: device)
            var exchanges: [Exchange] = []
            do {
                try await device.open()
                for text in apdus {
                    let command = try CommandAPDU(bytes: try Hex.parse(text))
                    let response = try await channel.send(command)
                    exchanges.append(Exchange(command: Hex.string(try command.encoded()), response: Hex.string(response.data),
                                              sw: Hex.string([response.status.sw1, response.status.sw2]), meaning: response.status.meaning))
                    if !json {
                        print("> \(Hex.string(try command.encoded(), separator: " "))")
                        print("< \(response.data.isEmpty ? "" : Hex.string(response.data, separator: " ") + "  ")SW \(response.status)")
                    }
                }
                await device.close()
            } catch let error as DeviceError {
                await device.close()
                FileHandle.standardError.write(Data("bhal: \(error)\n".utf8))
                if json { print(try JSONText.encode(exchanges)) }
                throw ExitCode(ExitStatus.failed)
            }
            if json { print(try JSONText.encode(exchanges)) }
        }
    }
}
