public import DeviceCore

/// The health reports of every device a self-test checked, in configuration order.
public struct SelfTestReport: Sendable, Hashable {
    /// The level the self-test ran at.
    public var level: HealthCheckLevel
    /// One report per device.
    public var devices: [HealthReport]

    /// Creates a report.
    public init(level: HealthCheckLevel, devices: [HealthReport]) {
        self.level = level
        self.devices = devices
    }

    /// True when every device passed.
    public var passed: Bool { !devices.isEmpty && devices.allSatisfy(\.passed) }
}
