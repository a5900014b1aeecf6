public import DeviceCore

/// The devices of one terminal, created from its configuration and found by logical name.
///
/// Applications create one registry at start-up and ask it for devices; the registry owns the
/// device handles (one owner per handle) and merges their event streams.
public actor DeviceRegistry {
    /// The devices in configuration order.
    public nonisolated let devices: [any Device]
    private var eventsTaken = false

    /// Creates every configured device (none is opened yet). Throws when a backend rejects its entry.
    public init(configuration: TerminalConfiguration, catalog: BackendCatalog = .standard,
                clock: any Clock<Duration> = ContinuousClock()) throws(ConfigurationError) {
        var created: [any Device] = []
        for entry in configuration.devices {
            created.append(try catalog.makeDevice(entry, clock: clock))
        }
        devices = created
    }

    /// The device with logical name `name`, if configured.
    public nonisolated func device(named name: String) -> (any Device)? {
        devices.first { $0.info.logicalName == name }
    }

    /// The first device of a family, for applications that have one of each.
    public nonisolated func device(of family: DeviceFamily) -> (any Device)? {
        devices.first { $0.info.family == family }
    }

    /// All devices' events in one stream, tagged with the logical name. Each device stream has a
    /// single consumer, so this can be taken once; later calls return an empty, finished stream.
    public func events() -> AsyncStream<(device: String, event: DeviceEvent)> {
        let (stream, continuation) = AsyncStream.makeStream(of: (device: String, event: DeviceEvent).self)
        guard !eventsTaken else {
            continuation.finish()
            return stream
        }
        eventsTaken = true
        let sources = devices.map { ($0.info.logicalName, $0.events) }
        let pump = Task {
            await withTaskGroup(of: Void.self) { group in
                for (name, events) in sources {
                    group.addTask {
                        for await event in events { continuation.yield((name, event)) }
                    }
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }
}
