import ArgumentParser
import DeviceCore
import Foundation
import TerminalRuntime

/// `bhal devices`: the configured devices, without opening them.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices", abstract: "List the configured devices by logical name, family, backend and connection.")

    @OptionGroup var options: ConfigurationOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let registry = try DeviceRegistry(configuration: try options.load())
        let infos = registry.devices.map(\.info)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(infos), as: UTF8.self))
            return
        }
        let rows = [["NAME", "FAMILY", "BACKEND", "CONNECTION"]] + infos.map {
            [$0.logicalName, $0.family.rawValue, "\($0.backendName) (\($0.backend))", $0.connection ?? "-"]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  "))
        }
    }
}
