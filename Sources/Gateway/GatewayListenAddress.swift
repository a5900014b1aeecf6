public import DeviceCore

/// Where `bhal serve` listens: a loopback TCP address or a Unix socket, nothing else.
///
/// A kiosk's front-end runs on the same machine, so the gateway never binds another interface:
/// that would need TLS, which the gateway does not have yet, and parsing refuses it.
public enum GatewayListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// TCP on a loopback address (`127.0.0.0/8` or `::1`); port 0 picks a free port.
    case loopback(HostPort)
    /// A Unix-domain socket at this path.
    case unixSocket(path: String)

    /// The default: `127.0.0.1:8787`.
    public static let standard = GatewayListenAddress.loopback(HostPort(host: "127.0.0.1", port: 8787))

    /// Parses `--listen HOST:PORT`. `localhost` means `127.0.0.1`. Any host other than a loopback
    /// address is refused, naming what to do instead; host names are not resolved.
    public init(listen text: String) throws(GatewayError) {
        let parsed: HostPort
        do { parsed = try HostPort(parsing: text, allowsPortZero: true) } catch {
            throw GatewayError(.usage, "--listen \(text): \(error)")
        }
        var hostPort = parsed
        if hostPort.host.lowercased() == "localhost" { hostPort.host = "127.0.0.1" }
        guard Self.isLoopback(hostPort.host) else {
            throw GatewayError(.usage, """
                --listen \(text): \(hostPort.host) is not a loopback address; listening on another interface would expose \
                payments and the eID reader to the network, which requires TLS, and TLS is not configured (bhal serve has \
                none yet). Listen on 127.0.0.1:PORT or [::1]:PORT, or use --unix PATH.
                """)
        }
        self = .loopback(hostPort)
    }

    /// Whether `host` is a literal loopback address: IPv4 `127.x.y.z` or IPv6 `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) <= 255
        }
    }

    /// `127.0.0.1:8787`, `[::1]:8787` or `unix:/run/bhal.sock`.
    public var description: String {
        switch self {
        case .loopback(let hostPort): hostPort.description
        case .unixSocket(let path): "unix:\(path)"
        }
    }
}
