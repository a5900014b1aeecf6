/// A host and a TCP port, parsed from `HOST:PORT` (`[IPV6]:PORT`) or from the authority of a
/// URI such as `tcp://HOST:PORT`. Every place that reads a port from configuration or the command
/// line parses it here, so a port that overflows, is negative, empty or not a number is an error
/// and never turns into a default port (Foundation's `URLComponents.port` is `nil` for
/// `:999999999999999999999`, which callers used to read as "no port given").
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address, IPv6 addresses without their brackets.
    public var host: String
    /// The TCP port.
    public var port: UInt16

    /// Creates an address.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` or `[IPV6]:PORT`. Without a `:PORT` the result has `defaultPort`, and is
    /// an error when that is `nil`. Port 0 ("any free port", for listening sockets) is accepted
    /// only when `allowsPortZero` is set.
    public init(parsing text: String, defaultPort: UInt16? = nil, allowsPortZero: Bool = false) throws(HostPortError) {
        let parts = try Self.split(Substring(text), in: text)
        guard !parts.host.isEmpty else { throw HostPortError(text: text, problem: "the host is empty") }
        host = String(parts.host)
        if let portText = parts.port {
            port = try Self.port(portText, allowsZero: allowsPortZero, in: text)
        } else if let defaultPort {
            port = defaultPort
        } else {
            throw HostPortError(text: text, problem: "the port is missing (write HOST:PORT)")
        }
    }

    /// The port written in the authority of `uri` (`scheme://[USER@]HOST[:PORT][/…][?…]`), or
    /// `nil` when the URI names no port. A `:` after the host must be followed by a port of 1–65535.
    public static func explicitPort(inURI uri: String) throws(HostPortError) -> UInt16? {
        guard let schemeEnd = uri.firstRange(of: "://") else { return nil }
        let afterScheme = uri[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let portText = try split(authority, in: uri).port else { return nil }
        return try port(portText, allowsZero: false, in: uri)
    }

    /// Parses a decimal port: digits only, 1–65535 (0 too when `allowsZero`). Stops at the first
    /// digit that makes it too large.
    public static func port(_ text: Substring, allowsZero: Bool = false) throws(HostPortError) -> UInt16 {
        try port(text, allowsZero: allowsZero, in: String(text))
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    private static func port(_ text: Substring, allowsZero: Bool, in whole: String) throws(HostPortError) -> UInt16 {
        guard !text.isEmpty else { throw HostPortError(text: whole, problem: "the port after \":\" is empty") }
        var value = 0
        for character in text {
            guard let digit = character.wholeNumberValue, character.isASCII else {
                throw HostPortError(text: whole, problem: "port \"\(shown(text))\" is not a number from 1 to 65535")
            }
            value = value * 10 + digit
            guard value <= Int(UInt16.max) else {
                throw HostPortError(text: whole, problem: "port \(shown(text)) is larger than 65535")
            }
        }
        guard value > 0 || allowsZero else { throw HostPortError(text: whole, problem: "port 0 is not a usable port (use 1–65535)") }
        return UInt16(value)
    }

    /// At most 24 characters of `text`, for a message.
    private static func shown(_ text: Substring) -> String {
        let head = text.prefix(24)
        return head.endIndex == text.endIndex ? String(head) : head + "…"
    }

    /// Splits `HOST[:PORT]` or `[IPV6][:PORT]`; the port is `nil` when there is no `:`.
    private static func split(_ text: Substring, in whole: String) throws(HostPortError) -> (host: Substring, port: Substring?) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw HostPortError(text: whole, problem: "the IPv6 address has no closing \"]\"") }
            let host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":") else { throw HostPortError(text: whole, problem: "expected \":PORT\" after the \"]\" of the IPv6 address") }
            return (host, rest.dropFirst())
        }
        guard let colon = text.firstIndex(of: ":") else { return (text, nil) }
        let port = text[text.index(after: colon)...]
        if port.contains(":") {
            throw HostPortError(text: whole, problem: "more than one \":\" (write an IPv6 address in brackets: [::1]:PORT)")
        }
        return (text[..<colon], port)
    }
}

/// A `HOST:PORT` or a URI port that cannot be used: what was given and what is wrong with it.
/// The caller adds the form it expects.
public struct HostPortError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong, e.g. `port 999999999999999999999 is larger than 65535`.
    public var problem: String

    /// Creates an error.
    public init(text: String, problem: String) {
        self.text = text
        self.problem = problem
    }

    /// The problem.
    public var description: String { problem }
}
