import DeviceCore
import Foundation

/// Where a ZVT terminal is reached: a TCP address (`zvt+tcp://HOST:PORT`, raw APDUs), a serial
/// line (`zvt+serial:///dev/ttyS0?baud=9600`, DLE STX framing with ACK/NAK), or a simulator in
/// this process (`zvt+sim://TID`, the bytes of TCP over an in-memory connection).
public enum ZVTEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's ZVT port over TCP (PA00P016 §2.2).
    case tcp(host: String, port: UInt16)
    /// An RS232 line (PA00P016 §2.1): 8 data bits, no parity, 2 stop bits, no handshake.
    case serial(path: String, baud: Int)
    /// A ``ZVTTerminalSimulator`` in this process, reached over an in-memory connection that
    /// carries what TCP would (bare APDUs, one connection per command) without a socket: the
    /// session, its timers, the journal and both codecs run as against a real terminal. Two
    /// values are equal when they name the same simulator object. The runtime's `simulator`
    /// payment backend uses it.
    case simulator(ZVTTerminalSimulator)

    /// The port terminals listen on when the URI names none.
    public static let defaultTCPPort: UInt16 = 20007
    /// The speeds a serial endpoint accepts.
    public static let serialSpeeds = [9600, 19200, 38400, 57600, 115200]

    /// Whether each command uses its own connection (TCP and the in-process simulator: one
    /// transaction per connection).
    public var connectsPerCommand: Bool {
        if case .serial = self { return false }
        return true
    }

    /// The endpoint as a URI (without the character-set parameter).
    public var description: String {
        switch self {
        case .tcp(let host, let port): "zvt+tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case .serial(let path, let baud): "zvt+serial://\(path)?baud=\(baud)"
        case .simulator(let simulator): "zvt+sim://\(simulator.terminalID)"
        }
    }
}

/// How to talk to one ZVT terminal: endpoint, text character set, password and the protocol timers.
///
/// Its descriptions never show the password.
public struct ZVTTerminalConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Where the terminal is.
    public var endpoint: ZVTEndpoint
    /// The character set of receipts and display texts (ZVT default CP437; many terminals send ISO 8859-1).
    public var charset: ZVTCharset
    /// The 6-digit ZVT password of the terminal's administrative commands. Never logged.
    public var password: String
    /// T3: how long the terminal may take to acknowledge a command (`80 00` or `84 xx`).
    public var acknowledgementTimeout: Duration
    /// T4: how long the terminal may stay silent while a command runs; the terminal's intermediate
    /// status can change it.
    public var completionTimeout: Duration
    /// How long a TCP connection attempt may take.
    public var connectTimeout: Duration
    /// The overall deadline of one command, however often the terminal re-arms T4 (intermediate
    /// status, Status Information, unknown messages). When it passes, the ECR sends Abort `06 B0`
    /// and gives the terminal ``abortGracePeriod`` to end the command; the outcome then follows the
    /// usual rules (in doubt when the terminal may have booked).
    public var transactionDeadline: Duration

    /// The default overall deadline of a command: 5 minutes.
    public static let defaultTransactionDeadline: Duration = .seconds(300)
    /// How long the terminal may take to end a command after the Abort sent at the deadline.
    public static let abortGracePeriod: Duration = .seconds(30)
    /// The deadlines `deadline=SECONDS` accepts.
    public static let transactionDeadlineSeconds = 1...3600

    /// Creates a configuration with the ZVT default timers (T3 5 s, T4 180 s) and a 5-minute deadline.
    public init(endpoint: ZVTEndpoint, charset: ZVTCharset = .default, password: String = "000000",
                acknowledgementTimeout: Duration = .seconds(5), completionTimeout: Duration = .seconds(180),
                connectTimeout: Duration = .seconds(5), transactionDeadline: Duration = Self.defaultTransactionDeadline) {
        self.endpoint = endpoint
        self.charset = charset
        self.password = password
        self.acknowledgementTimeout = acknowledgementTimeout
        self.completionTimeout = completionTimeout
        self.connectTimeout = connectTimeout
        self.transactionDeadline = transactionDeadline
    }

    /// The endpoint, character set and timers; the password shows as `******`.
    public var description: String {
        "\(endpoint) charset=\(charset) password=****** T3=\(acknowledgementTimeout) T4=\(completionTimeout) deadline=\(transactionDeadline)"
    }

    /// The same as ``description``.
    public var debugDescription: String { "ZVTTerminalConfiguration(\(description))" }

    /// Parses `zvt+tcp://HOST[:PORT][?charset=NAME]` or `zvt+serial:///dev/DEVICE[?baud=N][&charset=NAME]`;
    /// both also take `deadline=SECONDS` (``transactionDeadline``, 1–3600). A port that is given
    /// must be 1–65535; only a URI without one gets the default port.
    /// The password is never part of a URI (URIs end up in logs); set ``password`` instead.
    public init(uri: String) throws(ZVTURIError) {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased() else {
            throw ZVTURIError(uri: uri, problem: "it is not a URI")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        var charset = ZVTCharset.default
        if let name = query.removeValue(forKey: "charset") {
            guard let named = ZVTCharset(rawValue: name) else {
                throw ZVTURIError(uri: uri, problem: "unknown charset \"\(name)\" (use \(ZVTCharset.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            charset = named
        }
        var deadline = Self.defaultTransactionDeadline
        if let text = query.removeValue(forKey: "deadline") {
            guard let seconds = Int(text), Self.transactionDeadlineSeconds.contains(seconds) else {
                throw ZVTURIError(uri: uri, problem: "deadline \"\(text)\" is not a whole number of seconds from 1 to 3600")
            }
            deadline = .seconds(seconds)
        }
        let endpoint: ZVTEndpoint
        switch scheme {
        case "zvt+tcp", "zvt":
            guard let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/" else {
                throw ZVTURIError(uri: uri, problem: "a TCP terminal needs a host and no path")
            }
            // Not `components.port`: it is nil for an overflowing port, which must not become 20007.
            let port: UInt16
            do {
                port = try HostPort.explicitPort(inURI: uri) ?? ZVTEndpoint.defaultTCPPort
            } catch {
                throw ZVTURIError(uri: uri, problem: error.problem)
            }
            endpoint = .tcp(host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
        case "zvt+serial":
            guard components.host?.isEmpty ?? true, components.path.count > 1, components.path.hasPrefix("/") else {
                throw ZVTURIError(uri: uri, problem: "a serial terminal needs an absolute device path such as /dev/ttyS0 (three slashes after the scheme)")
            }
            var baud = 9600
            if let text = query.removeValue(forKey: "baud") {
                guard let value = Int(text), ZVTEndpoint.serialSpeeds.contains(value) else {
                    throw ZVTURIError(uri: uri, problem: "baud \"\(text)\" is not one of \(ZVTEndpoint.serialSpeeds.map(String.init).joined(separator: ", "))")
                }
                baud = value
            }
            endpoint = .serial(path: components.path, baud: baud)
        default:
            throw ZVTURIError(uri: uri, problem: "the scheme must be zvt+tcp or zvt+serial")
        }
        if let unknown = query.keys.sorted().first {
            throw ZVTURIError(uri: uri, problem: "unknown parameter \"\(unknown)\" (known: baud for serial, charset, deadline)")
        }
        self.init(endpoint: endpoint, charset: charset, transactionDeadline: deadline)
    }
}

/// A terminal URI that cannot be used, with the expected forms.
public struct ZVTURIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URI as given.
    public var uri: String
    /// What is wrong with it.
    public var problem: String

    /// Creates an error.
    public init(uri: String, problem: String) {
        self.uri = uri
        self.problem = problem
    }

    /// The forms a terminal URI may take.
    public static let expectedForms = "zvt+tcp://HOST[:PORT] (default port 20007) or zvt+serial:///dev/ttyS0?baud=9600, optionally with charset=cp437|latin1 and deadline=SECONDS"

    /// `"URI" is not a ZVT terminal URI: problem; expected ...`
    public var description: String {
        "\"\(uri)\" is not a usable ZVT terminal URI: \(problem); expected \(Self.expectedForms)"
    }
}
