import Glibc

/// The only code of BuergerHAL that calls the C socket, descriptor and termios API.
///
/// Every call retries `EINTR` (a `poll` with the time that is left), every descriptor it makes is
/// close-on-exec, and failures come back as ``SystemCallError``s. Every call may block, so callers
/// run on a dedicated thread or a `DedicatedThreadExecutor`, never on the cooperative pool.
/// Thread-safe as the C calls are; a descriptor has one owner.
enum Syscall {
    /// One address from `getaddrinfo`, copied out of the C list.
    struct ResolvedAddress: Sendable {
        var family: Int32
        var socketType: Int32
        var socketProtocol: Int32
        /// The `sockaddr` bytes.
        var bytes: [UInt8]
    }

    // MARK: - Addresses

    /// `getaddrinfo(host, port)` for TCP; throws a ``SystemCallError/Domain/addressLookup`` error.
    static func resolve(host: String, port: UInt16, passive: Bool, context: String) throws(SystemCallError) -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            if status == EAI_SYSTEM { throw SystemCallError(call: "getaddrinfo", context: context, code: errno) }
            throw SystemCallError(call: "getaddrinfo", context: context, code: status, domain: .addressLookup)
        }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var cursor = list
        while let info = cursor {
            cursor = info.pointee.ai_next
            guard let address = info.pointee.ai_addr else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: address, count: Int(info.pointee.ai_addrlen)))
            addresses.append(ResolvedAddress(family: info.pointee.ai_family, socketType: info.pointee.ai_socktype,
                                             socketProtocol: info.pointee.ai_protocol, bytes: bytes))
        }
        guard !addresses.isEmpty else { throw SystemCallError(call: "getaddrinfo", context: context, code: EAI_NONAME, domain: .addressLookup) }
        return addresses
    }

    /// `inet_pton` + `inet_ntop` for IPv6: the canonical text, or `nil` when `text` is no IPv6 address.
    static func canonicalIPv6(_ text: String) -> String? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return string(buffer)
    }

    /// `realpath(3)`: the path with every symlink resolved, or `nil` when it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: - Sockets

    /// `socket(2)` with `SOCK_CLOEXEC` (and `SOCK_NONBLOCK` when asked).
    static func socket(_ address: ResolvedAddress, nonBlocking: Bool, context: String) throws(SystemCallError) -> Int32 {
        let flags = Int32(SOCK_CLOEXEC.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0)
        let fd = Glibc.socket(address.family, address.socketType | flags, address.socketProtocol)
        guard fd >= 0 else { throw SystemCallError(call: "socket", context: context, code: errno) }
        return fd
    }

    /// `connect(2)` on a non-blocking socket: `0` when connected at once, `EINPROGRESS` while
    /// under way (an interrupted connect goes on in the background, so `EINTR` counts as that),
    /// else the errno.
    static func startConnect(_ fd: Int32, to address: ResolvedAddress) -> Int32 {
        let result = address.bytes.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            return Glibc.connect(fd, base.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        if result == 0 { return 0 }
        let code = errno
        return code == EINTR ? EINPROGRESS : code
    }

    /// `bind(2)` and `listen(2)`.
    static func bindAndListen(_ fd: Int32, to address: ResolvedAddress, backlog: Int32, context: String) throws(SystemCallError) {
        let bound = address.bytes.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            return bind(fd, base.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        guard bound == 0 else { throw SystemCallError(call: "bind", context: context, code: errno) }
        guard Glibc.listen(fd, backlog) == 0 else { throw SystemCallError(call: "listen", context: context, code: errno) }
    }

    /// `accept(2)`, then `FD_CLOEXEC` (Glibc's module does not export `accept4`); `nil` when no
    /// connection is waiting (`EAGAIN`) or it went away before it was taken (`ECONNABORTED`).
    static func accept(_ fd: Int32, context: String) throws(SystemCallError) -> Int32? {
        while true {
            let client = Glibc.accept(fd, nil, nil)
            if client >= 0 {
                guard fcntl(client, F_SETFD, FD_CLOEXEC) == 0 else {
                    let code = errno
                    Glibc.close(client)
                    throw SystemCallError(call: "fcntl", context: context, code: code)
                }
                return client
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK || code == ECONNABORTED { return nil }
            throw SystemCallError(call: "accept", context: context, code: code)
        }
    }

    /// `setsockopt(2)` of an `Int32` option.
    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32, context: String) throws(SystemCallError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SystemCallError(call: "setsockopt", context: context, code: errno)
        }
    }

    /// `getsockopt(2)` of an `Int32` option.
    static func option(_ fd: Int32, level: Int32, name: Int32, context: String) throws(SystemCallError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, level, name, &value, &length) == 0 else {
            throw SystemCallError(call: "getsockopt", context: context, code: errno)
        }
        return value
    }

    /// `TCP_NODELAY` on: small requests (ZVT APDUs, status queries) leave at once.
    static func setNoDelay(_ fd: Int32, context: String) throws(SystemCallError) {
        try setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1, context: context)
    }

    /// `TCP_QUICKACK` on (until the kernel turns it off again): acknowledge without delay.
    static func setQuickAck(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_QUICKACK, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// `SO_LINGER` 0: a following `close` resets the connection (RST) instead of closing it.
    static func setResetOnClose(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// `fcntl(F_GETFL/F_SETFL)`: switches `O_NONBLOCK`.
    static func setNonBlocking(_ fd: Int32, _ on: Bool, context: String) throws(SystemCallError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0 else { throw SystemCallError(call: "fcntl", context: context, code: errno) }
        guard fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) == 0 else {
            throw SystemCallError(call: "fcntl", context: context, code: errno)
        }
    }

    /// `fcntl(F_GETFD)`: whether `FD_CLOEXEC` is set.
    static func isCloseOnExec(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFD)
        return flags >= 0 && flags & FD_CLOEXEC != 0
    }

    /// `getsockname(2)`: the local port.
    static func localPort(_ fd: Int32, context: String) throws(SystemCallError) -> UInt16 {
        guard let (family, port, _) = socketName(fd, peer: false) else {
            throw SystemCallError(call: "getsockname", context: context, code: errno)
        }
        _ = family
        return port
    }

    /// `getpeername(2)` as `host:port` (IPv6 in brackets), or `nil` when it cannot be read.
    static func peerAddress(_ fd: Int32) -> String? {
        guard let (family, port, host) = socketName(fd, peer: true) else { return nil }
        return family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func socketName(_ fd: Int32, peer: Bool) -> (family: Int32, port: UInt16, host: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let read = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { peer ? getpeername(fd, $0, &length) : getsockname(fd, $0, &length) }
        }
        guard read == 0 else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
                    return (AF_INET, UInt16(bigEndian: address.pointee.sin_port), string(text))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
                    return (AF_INET6, UInt16(bigEndian: address.pointee.sin6_port), string(text))
                }
            }
        default:
            return nil
        }
    }

    /// `shutdown(2)`; errors ignored (the peer may be gone already).
    static func shutdown(_ fd: Int32, readToo: Bool) {
        _ = Glibc.shutdown(fd, Int32(readToo ? SHUT_RDWR : SHUT_WR))
    }

    // MARK: - Descriptors

    /// `poll(2)` on one descriptor for `events`, retrying `EINTR` with the time left; the returned
    /// events, or `nil` when the time ran out.
    static func poll(_ fd: Int32, events: Int16, milliseconds: Int32, context: String) throws(SystemCallError) -> Int16? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(milliseconds, 0)))
        var timeout = max(milliseconds, 0)
        while true {
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let result = Glibc.poll(&descriptor, 1, timeout)
            if result > 0 { return descriptor.revents }
            if result == 0 { return nil }
            let code = errno
            guard code == EINTR else { throw SystemCallError(call: "poll", context: context, code: code) }
            timeout = clock.now.duration(to: deadline).pollMilliseconds
        }
    }

    /// `read(2)` into `buffer`; the count (0: end of stream), retrying `EINTR`.
    static func read(_ fd: Int32, into buffer: inout [UInt8], context: String) throws(SystemCallError) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(call: "read", context: context, code: code)
        }
    }

    /// `send(2)` with `MSG_NOSIGNAL` (a socket) or `write(2)` (a tty) of `bytes[offset...]`;
    /// the count written, retrying `EINTR`.
    static func write(_ fd: Int32, _ bytes: [UInt8], from offset: Int, isSocket: Bool, context: String) throws(SystemCallError) -> Int {
        while true {
            let result = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress, offset < raw.count else { return 0 }
                return isSocket ? Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    : Glibc.write(fd, base + offset, raw.count - offset)
            }
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(call: isSocket ? "send" : "write", context: context, code: code)
        }
    }

    /// `close(2)`; errors ignored (the descriptor is gone either way on Linux).
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    // MARK: - Serial lines

    /// `open(2)` with `O_RDWR | O_NOCTTY | O_CLOEXEC`.
    static func openTerminal(_ path: String, context: String) throws(SystemCallError) -> Int32 {
        while true {
            let fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
            if fd >= 0 { return fd }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(call: "open", context: context, code: code)
        }
    }

    /// `tcgetattr`, `cfmakeraw`, character size, parity, stop bits, no flow control, `VMIN`/`VTIME`
    /// 0, the speed, `tcsetattr(TCSANOW)`, then `tcflush(TCIOFLUSH)`.
    static func configureRaw(_ fd: Int32, settings: SerialLineSettings, context: String) throws(SystemCallError) {
        var options = termios()
        guard tcgetattr(fd, &options) == 0 else { throw SystemCallError(call: "tcgetattr", context: context, code: errno) }
        cfmakeraw(&options)
        options.c_cflag &= ~(tcflag_t(PARENB) | tcflag_t(PARODD) | tcflag_t(CSIZE) | tcflag_t(CRTSCTS) | tcflag_t(CSTOPB))
        options.c_cflag |= tcflag_t(CS8) | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        if settings.stopBits == 2 { options.c_cflag |= tcflag_t(CSTOPB) }
        switch settings.parity {
        case .none: break
        case .even: options.c_cflag |= tcflag_t(PARENB)
        case .odd: options.c_cflag |= tcflag_t(PARENB) | tcflag_t(PARODD)
        }
        withUnsafeMutableBytes(of: &options.c_cc) { characters in
            characters[Int(VMIN)] = 0
            characters[Int(VTIME)] = 0
        }
        let speed = speedConstant(settings.baud)
        guard cfsetispeed(&options, speed) == 0, cfsetospeed(&options, speed) == 0 else {
            throw SystemCallError(call: "cfsetspeed", context: context, code: errno)
        }
        while tcsetattr(fd, TCSANOW, &options) != 0 {
            let code = errno
            guard code == EINTR else { throw SystemCallError(call: "tcsetattr", context: context, code: code) }
        }
        _ = tcflush(fd, TCIOFLUSH)
    }

    private static func speedConstant(_ baud: SerialLineSettings.Baud) -> speed_t {
        switch baud {
        case .b9600: speed_t(B9600)
        case .b19200: speed_t(B19200)
        case .b38400: speed_t(B38400)
        case .b57600: speed_t(B57600)
        case .b115200: speed_t(B115200)
        }
    }

    /// A NUL-terminated C buffer as a String.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
