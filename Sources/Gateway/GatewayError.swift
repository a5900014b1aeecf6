/// Why the gateway could not start: a usage error (a bad option) or a setup failure (the token
/// file). Requests never throw this; they get a ``GatewayProblem``.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable, Hashable {
        /// A bad option or configuration value (exit code 2).
        case usage
        /// The gateway could not be set up (token file, binding the socket).
        case setup
    }

    /// What kind of failure.
    public var kind: Kind
    /// One sentence saying what is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
