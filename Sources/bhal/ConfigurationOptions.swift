import ArgumentParser
import Foundation
import TerminalRuntime

/// The options every command that works on the configured devices shares.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (YAML).", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Use each family's simulator: no hardware and no configuration file needed.")
    var simulate = false

    /// The default configuration path when neither --config nor $BHAL_CONFIG is given.
    static let defaultPath = "/etc/buergerhal/bhal.yaml"

    /// The configuration to use: with --simulate the configured devices on simulators (or one
    /// simulator per family without a file); otherwise the file, which must exist.
    func load() throws(ConfigurationError) -> TerminalConfiguration {
        let environment = ProcessInfo.processInfo.environment["BHAL_CONFIG"]
        let explicit = config ?? environment
        if simulate {
            guard let explicit else { return .simulated }
            return try ConfigurationLoader().load(path: explicit).simulated()
        }
        let path = explicit ?? Self.defaultPath
        guard explicit != nil || FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(location: nil, key: nil,
                                     message: "no configuration file at \(path); pass --config FILE, set BHAL_CONFIG, or use --simulate to run on simulators")
        }
        return try ConfigurationLoader().load(path: path)
    }
}
