/// Counters a device keeps while it is in use (after UnifiedPOS statistics).
public struct DeviceStatistics: Sendable, Hashable, Codable {
    /// Operations started (print, transmit, authorise, ...).
    public var operationCount: Int = 0
    /// Operations that ended with an error.
    public var errorCount: Int = 0
    /// Errors of the link to the device (UnifiedPOS `communicationErrorCount`): offline, timeout, removed.
    public var communicationErrorCount: Int = 0
    /// Bytes sent to the device.
    public var bytesSent: Int = 0
    /// Bytes received from the device.
    public var bytesReceived: Int = 0

    /// Creates zeroed statistics.
    public init() {}

    /// Counts one started operation.
    public mutating func recordOperation() { operationCount += 1 }

    /// Counts an operation's failure, classifying link errors.
    public mutating func recordError(_ error: DeviceError) {
        errorCount += 1
        if [.offline, .timeout, .removed].contains(error.kind) { communicationErrorCount += 1 }
    }

    /// Counts bytes sent and received.
    public mutating func recordTraffic(sent: Int = 0, received: Int = 0) {
        bytesSent += sent
        bytesReceived += received
    }
}
