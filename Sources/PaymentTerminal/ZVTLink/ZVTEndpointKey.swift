import SystemIO

extension ZVTEndpoint {
    /// The endpoint written one way, so that two spellings of one terminal compare equal
    /// (the rule: ``TerminalIdentity``). Pure text work, no I/O:
    /// - TCP: the host lowercased, a trailing dot dropped, an IPv6 address in canonical form
    ///   (`0:0::1` → `::1`); the port is always present (20007 when the URI named none).
    ///   Host names are not resolved: `localhost` and `127.0.0.1` stay different.
    /// - Serial: the path with empty, `.` and `..` components removed; symlinks are kept
    ///   (``resolvingSymlinks()`` follows them); the speed is kept but is not part of ``key``.
    /// - Simulator: unchanged.
    public var normalized: ZVTEndpoint {
        switch self {
        case .tcp(let host, let port):
            var name = host.lowercased()
            if name.count > 1, name.hasSuffix(".") { name.removeLast() }
            return .tcp(host: HostText.canonicalIPv6(name) ?? name, port: port)
        case .serial(let path, let baud):
            return .serial(path: Self.lexicallyNormalized(path), baud: baud)
        case .simulator:
            return self
        }
    }

    /// The normalized endpoint with a serial path resolved through its symlinks
    /// (`/dev/serial/by-id/usb-…` → `/dev/ttyUSB0`, a socat link → `/dev/pts/3`); unchanged for
    /// TCP and for a path that does not exist. A file-system lookup (`realpath(3)`): call it off
    /// the cooperative pool (``ZVTPaymentTerminal`` calls it on its link's thread).
    public func resolvingSymlinks() -> ZVTEndpoint {
        let plain = normalized
        guard case .serial(let path, let baud) = plain, let resolved = HostText.resolvedPath(path) else { return plain }
        return .serial(path: resolved, baud: baud)
    }

    /// The text journal entries compare: `zvt+tcp://HOST:PORT` or `zvt+serial://PATH` of the
    /// normalized endpoint, without speed or character set (a setting of the line, not a terminal);
    /// `zvt+sim://TID` for an in-process simulator (simulators reporting one TID are one terminal,
    /// as the TID rule of ``TerminalIdentity`` says anyway).
    public var key: String {
        switch normalized {
        case .tcp(let host, let port): "zvt+tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case .serial(let path, _): "zvt+serial://\(path)"
        case .simulator(let simulator): "zvt+sim://\(simulator.terminalID)"
        }
    }

    /// `/dev//./serial/../ttyS0` → `/dev/ttyS0`, without touching the file system.
    private static func lexicallyNormalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }
}
