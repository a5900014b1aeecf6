/// Which browser origins may call the gateway: an exact-match allow-list
/// (`https://kiosk.example`, `http://127.0.0.1:3000`: scheme, host and port as the browser sends them).
///
/// A request without an `Origin` header (a native client, `curl`) passes this check and still
/// needs the pairing token; one with an origin not in the list is refused with 403, so a web page
/// the kiosk browser happens to show cannot drive the devices.
public struct OriginPolicy: Sendable, Hashable {
    /// The allowed origins, exactly as browsers send them.
    public var allowed: Set<String>

    /// A policy allowing exactly `allowed`.
    public init(allowed: some Sequence<String>) {
        self.allowed = Set(allowed)
    }

    /// Whether a request with this `Origin` header value (or none) may proceed.
    public func permits(_ origin: String?) -> Bool {
        guard let origin else { return true }
        return allowed.contains(origin)
    }

    /// Checks `--allow-origin` values: `scheme://host[:port]` without a path or a trailing slash.
    public static func validate(_ origin: String) throws(GatewayError) {
        let parts = origin.split(separator: "://", maxSplits: 1)
        guard parts.count == 2, ["http", "https"].contains(parts[0]), !parts[1].isEmpty,
              !parts[1].contains("/"), !parts[1].contains("?"), !parts[1].contains("#") else {
            throw GatewayError(.usage, "--allow-origin \(origin): write an origin as the browser sends it, scheme://host[:port] with no path or trailing slash (e.g. http://127.0.0.1:3000)")
        }
    }
}
