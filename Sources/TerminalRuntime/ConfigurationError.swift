/// A place in a configuration file.
public struct ConfigurationLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path, or `nil` for configuration given as a string.
    public var file: String?
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String?, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column` (the form editors and compilers use).
    public var description: String { "\(file ?? "<config>"):\(line):\(column)" }
}

/// A configuration that cannot be used: where, which key, and what to change.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, when known.
    public var location: ConfigurationLocation?
    /// The key path (`"devices.receipt.backend"`), when the problem belongs to a key.
    public var key: String?
    /// What is wrong and what to change.
    public var message: String

    /// Creates an error.
    public init(location: ConfigurationLocation?, key: String?, message: String) {
        self.location = location
        self.key = key
        self.message = message
    }

    /// `file:line:column: key: message`
    public var description: String {
        [location?.description, key, message].compactMap { $0 }.joined(separator: ": ")
    }
}
