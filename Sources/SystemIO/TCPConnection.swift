import Glibc

/// TCP client connections: IPv4 and IPv6, every address `getaddrinfo` gives tried in turn.
public enum TCPConnection {
    /// Connects to `host:port` within `timeout` per address (non-blocking `connect` + `poll`),
    /// trying each resolved address; the socket is close-on-exec, blocking once connected and has
    /// `TCP_NODELAY` on. An attempt that runs out of time fails with ``SystemCallError/Code/timedOut``;
    /// after all attempts the last address's error is thrown, a failed lookup as
    /// ``SystemCallError/Domain/addressLookup``. Blocks: call it on a dedicated thread.
    public static func connect(host: String, port: UInt16, timeout: Duration) throws(SystemCallError) -> ByteStream {
        let context = "connect to \(HostText.joined(host: host, port: port))"
        let addresses = try Syscall.resolve(host: host, port: port, passive: false, context: context)
        var lastError = SystemCallError(call: "connect", context: context, code: ECONNREFUSED)
        for address in addresses {
            do {
                let fd = try attempt(address, timeout: timeout, context: context)
                return ByteStream(descriptor: fd, kind: .socket, peer: HostText.joined(host: host, port: port))
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// One address: a connected, blocking socket with `TCP_NODELAY`, or the error.
    private static func attempt(_ address: Syscall.ResolvedAddress, timeout: Duration, context: String) throws(SystemCallError) -> Int32 {
        let fd = try Syscall.socket(address, nonBlocking: true, context: context)
        do throws(SystemCallError) {
            let started = Syscall.startConnect(fd, to: address)
            if started == EINPROGRESS {
                guard try Syscall.poll(fd, events: Int16(POLLOUT), milliseconds: timeout.pollMilliseconds, context: context) != nil else {
                    throw SystemCallError(call: "connect", context: context, code: ETIMEDOUT)
                }
                let code = try Syscall.option(fd, level: SOL_SOCKET, name: SO_ERROR, context: context)
                guard code == 0 else { throw SystemCallError(call: "connect", context: context, code: code) }
            } else if started != 0 {
                throw SystemCallError(call: "connect", context: context, code: started)
            }
            try Syscall.setNonBlocking(fd, false, context: context)
            try Syscall.setNoDelay(fd, context: context)
            return fd
        } catch {
            Syscall.close(fd)
            throw error
        }
    }
}

/// Host and port as text, and canonical address spellings; no I/O.
public enum HostText {
    /// `host:port`, an IPv6 literal in brackets (`[::1]:20007`).
    public static func joined(host: String, port: UInt16) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// An IPv6 address in its canonical text form (`0:0::1` → `::1`), or `nil` when `text` is not
    /// an IPv6 address (`inet_pton` then `inet_ntop`).
    public static func canonicalIPv6(_ text: String) -> String? {
        Syscall.canonicalIPv6(text)
    }

    /// The path with every symlink resolved (`realpath(3)`), or `nil` when it does not exist. A
    /// file-system lookup: call it off the cooperative pool.
    public static func resolvedPath(_ path: String) -> String? {
        Syscall.resolvedPath(path)
    }
}
