public import Logging
import DeviceCore

/// A log handler in front of another that removes what must never be logged, even when a caller
/// puts it into a message or metadata: full card numbers, track data, MRZ lines and the value
/// after a PIN/CAN/PUK/password's name are replaced in messages and metadata values; a metadata
/// value whose key names a secret (`pin`, `password`, `samples`, `mrz`, …) is replaced whole.
///
/// `bhal` installs it around its standard-error handler; applications that link the library
/// wrap their own handler the same way (`RedactingLogHandler(wrapping: MyHandler(...))`).
public struct RedactingLogHandler: LogHandler {
    /// The handler that writes what is left.
    public var wrapped: any LogHandler
    private let scanner = SensitiveDataScanner()

    /// A redacting handler in front of `wrapped`.
    public init(wrapping wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    /// The wrapped handler's level.
    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    /// The wrapped handler's metadata, redacted when set.
    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = redact(newValue) }
    }

    /// One metadata value of the wrapped handler, redacted when set.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map { redact($0, key: key) } }
    }

    /// Passes the event on with its message, metadata and source redacted.
    public func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: scanner.redact(event.message.description))
        event.metadata = event.metadata.map(redact)
        if let error = event.error { event.error = RedactedLogError(description: scanner.redact(String(describing: error))) }
        wrapped.log(event: event)
    }

    /// `metadata` with every value redacted by its key and content.
    func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.reduce(into: [:]) { result, entry in result[entry.key] = redact(entry.value, key: entry.key) }
    }

    /// `value` redacted: whole when `key` names a secret, else its strings scanned (nested
    /// dictionaries by their own keys).
    func redact(_ value: Logger.Metadata.Value, key: String?) -> Logger.Metadata.Value {
        if let key, SensitiveDataScanner.isSecretName(key) { return .string("[REDACTED]") }
        switch value {
        case .string(let text): return .string(scanner.redact(text))
        case .stringConvertible(let convertible): return .string(scanner.redact(convertible.description))
        case .array(let values): return .array(values.map { redact($0, key: nil) })
        case .dictionary(let dictionary): return .dictionary(redact(dictionary))
        }
    }
}

/// An error passed to the log, replaced by its redacted description.
struct RedactedLogError: Error, CustomStringConvertible {
    /// The error's description with secrets replaced.
    var description: String
}
