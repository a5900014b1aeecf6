import Foundation
import PaymentTerminal

/// The URI of the `simulator` payment backend: `sim:` (scenario `approve`) or
/// `sim:?scenario=NAME` with a name `bhal simulate payment --scenario` accepts. Any other
/// parameter, a host or a path is an error, so a typo fails at load time with its line.
enum PaymentSimulatorURI {
    /// The scenario an entry's URI names (no URI: `approve`), and its name as written, lowercased.
    static func scenario(_ config: DeviceConfiguration) throws(ConfigurationError) -> (scenario: ZVTSimulatorScenario, name: String) {
        let uri = config.uri ?? "sim:"
        guard uri.lowercased().hasPrefix("sim:"), let components = URLComponents(string: uri),
              components.host?.isEmpty ?? true, components.path.isEmpty, components.fragment == nil
        else { throw invalid(config, "expected sim: or sim:?scenario=NAME") }
        var name = "approve"
        for item in components.queryItems ?? [] {
            guard item.name == "scenario" else { throw invalid(config, "unknown parameter \"\(item.name)\"; the only one is scenario") }
            name = (item.value ?? "").lowercased()
        }
        guard let scenario = ZVTSimulatorScenario.named(name) else {
            throw invalid(config, "unknown scenario \"\(name)\"; use one of: \(scenarioNames)")
        }
        return (scenario, name)
    }

    /// The scenario names without their explanations (`decline-HH`, not `decline-HH (hex result code)`).
    static var scenarioNames: String {
        ZVTSimulatorScenario.names.map { $0.split(separator: " ").first.map(String.init) ?? $0 }.joined(separator: ", ")
    }

    private static func invalid(_ config: DeviceConfiguration, _ problem: String) -> ConfigurationError {
        ConfigurationError(location: config.source, key: "devices.\(config.logicalName).uri",
                           message: "\"\(config.uri ?? "")\" is not a valid simulator URI: \(problem)")
    }
}
