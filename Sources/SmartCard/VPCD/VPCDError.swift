import SystemIO

/// A failure of the virtual card's link to vpcd.
public enum VPCDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// vpcd could not be reached.
    case unreachable(String)
    /// The connection broke.
    case connectionLost(String)
    /// vpcd sent a message the protocol does not allow.
    case protocolViolation(String)

    /// The message with what to do.
    public var description: String {
        switch self {
        case .unreachable(let detail): "\(detail); start pcscd with the vsmartcard-vpcd driver (scripts/services.sh start) and check the port"
        case .connectionLost(let detail): "connection to vpcd lost: \(detail)"
        case .protocolViolation(let detail): "vpcd protocol violation: \(detail)"
        }
    }
}

extension VPCDError {
    /// vpcd could not be reached: the failed connect, worded for the technician.
    static func unreachable(_ error: SystemCallError) -> VPCDError { .unreachable("cannot \(error)") }

    /// The connection broke in a read or write.
    static func connectionLost(_ error: SystemCallError) -> VPCDError { .connectionLost(error.reason) }
}
