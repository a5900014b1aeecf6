public import DeviceCore

/// A device asked of a ``DeviceRegistry`` by a name the configuration does not give it.
public struct DeviceRegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the registry has no such handle.
    public enum Reason: Sendable, Hashable {
        /// No device has this logical name.
        case notConfigured
        /// The device exists but is of another family.
        case wrongFamily(configured: DeviceFamily)
    }

    /// The logical name asked for.
    public var name: String
    /// The family the caller wanted.
    public var expected: DeviceFamily
    /// Why there is no handle.
    public var reason: Reason
    /// The logical names configured, in file order, for the message.
    public var configuredNames: [String]

    /// Creates an error.
    public init(name: String, expected: DeviceFamily, reason: Reason, configuredNames: [String]) {
        self.name = name
        self.expected = expected
        self.reason = reason
        self.configuredNames = configuredNames
    }

    /// What is wrong and what to change.
    public var description: String {
        switch reason {
        case .notConfigured:
            let known = configuredNames.isEmpty ? "none" : configuredNames.joined(separator: ", ")
            return "no device named \"\(name)\" is configured (configured: \(known)); "
                + "add a \(expected) named \"\(name)\" under `devices:` or ask for one of the configured names"
        case .wrongFamily(let configured):
            return "device \"\(name)\" is a \(configured), not a \(expected); "
                + "ask for the \(expected) by its own logical name, or change the family of \"\(name)\" in the configuration"
        }
    }
}
