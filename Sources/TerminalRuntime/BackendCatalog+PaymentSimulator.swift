import DeviceCore
import PaymentTerminal

extension BackendCatalog {
    /// The `simulator` payment backend: the real ZVT session (``ZVTPaymentTerminal``: timers,
    /// codecs, journal, recovery) talking in memory to a ``ZVTTerminalSimulator`` that plays the
    /// URI's scenario. Like the `zvt` backend it journals into the context's journal, so the money
    /// rules hold on the simulator too; the simulator checks no password, so none is read.
    static func registerPaymentSimulator(in catalog: inout BackendCatalog) {
        catalog.register(.paymentTerminal, simulatorBackend, endpoint: { config throws(ConfigurationError) in
            let parsed = try PaymentSimulatorURI.scenario(config)
            return .zvtSimulator(scenario: parsed.scenario, name: parsed.name)
        }) { config, context throws(ConfigurationError) in
            guard case .zvtSimulator(let scenario, _)? = config.endpoint else { throw mismatch(config) }
            let simulator = ZVTTerminalSimulator(scenario: scenario)
            return ZVTPaymentTerminal(logicalName: config.logicalName, configuration: ZVTTerminalConfiguration(endpoint: .simulator(simulator)),
                                      journal: context.paymentJournal, clock: context.clock)
        }
    }
}
