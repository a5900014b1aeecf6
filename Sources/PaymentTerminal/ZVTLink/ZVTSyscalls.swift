import DeviceCore
import Glibc

/// The only code of the ZVT transports that calls libc: sockets, ttys, `poll`, `read`, `write`.
/// EINTR is retried; failures become ``DeviceError``s that say what to check. Every call blocks,
/// so callers run on a ``DedicatedThreadExecutor`` or a thread of their own, never on the
/// cooperative pool. Not thread-safe per descriptor: one owner per descriptor.
enum ZVTSyscall {
    /// What `poll` saw on a descriptor.
    struct Readiness {
        /// Data can be read.
        var readable: Bool
        /// The peer hung up or the descriptor failed; a read will say how.
        var hungUp: Bool
    }

    /// Waits up to `milliseconds` for the descriptor to become readable; `nil` when nothing happened.
    static func waitReadable(_ fd: Int32, milliseconds: Int32) throws(DeviceError) -> Readiness? {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&descriptor, 1, max(milliseconds, 0))
            if result > 0 {
                let events = Int32(descriptor.revents)
                return Readiness(readable: events & Int32(POLLIN) != 0,
                                 hungUp: events & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0)
            }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            throw failure("wait for terminal data", code: errno)
        }
    }

    /// Reads what is available (at most 4096 bytes); an empty array means end of stream.
    static func read(_ fd: Int32) throws(DeviceError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return [] }
            // A pty whose other end closed reports EIO: the line is gone.
            if code == EIO { return [] }
            throw failure("read from the terminal", code: code)
        }
    }

    /// Writes all bytes; returns how many were written and the errno that stopped it, if any.
    static func write(_ fd: Int32, _ bytes: [UInt8], isSocket: Bool) -> (written: Int, errorCode: Int32?) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                let pointer = base + written
                let remaining = raw.count - written
                return isSocket ? Glibc.send(fd, pointer, remaining, Int32(MSG_NOSIGNAL)) : Glibc.write(fd, pointer, remaining)
            }
            if result > 0 {
                written += result
                continue
            }
            let code = errno
            if result < 0 && code == EINTR { continue }
            return (written, result < 0 ? code : EIO)
        }
        return (written, nil)
    }

    /// Closes a descriptor (errors ignored: nothing useful can follow).
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Connects to `host:port`, trying each address, each attempt limited to `milliseconds`.
    static func connectTCP(host: String, port: UInt16, milliseconds: Int32) throws(DeviceError) -> Int32 {
        let operation = "connect to the terminal at \(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw DeviceError(.offline, operation: operation, message: "the host name cannot be resolved (\(reason))",
                              remedy: "Check the host in the terminal URI and the kiosk's DNS settings; an IP address avoids DNS.",
                              backendCode: .init(domain: "getaddrinfo", value: Int64(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError = ECONNREFUSED
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue),
                            info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                let outcome = awaitConnected(fd, milliseconds: milliseconds)
                if outcome == 0 {
                    makeBlocking(fd)
                    var one: Int32 = 1
                    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    return fd
                }
                lastError = outcome
            } else {
                lastError = errno
            }
            close(fd)
        }
        throw failure(operation, code: lastError)
    }

    /// Waits for a non-blocking connect: 0 when connected, else the errno.
    private static func awaitConnected(_ fd: Int32, milliseconds: Int32) -> Int32 {
        var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let result = poll(&descriptor, 1, milliseconds)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return result == 0 ? ETIMEDOUT : errno }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { return errno }
            return code
        }
    }

    private static func makeBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// Listens on `host:port` (port 0: the kernel picks one); returns the socket and the bound port.
    static func listenTCP(host: String, port: UInt16) throws(DeviceError) -> (fd: Int32, port: UInt16) {
        let operation = "listen on \(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else {
            throw DeviceError(.other, operation: operation, message: "the address cannot be resolved (\(String(cString: gai_strerror(status))))",
                              remedy: "Give a local IP address such as 127.0.0.1 or 0.0.0.0.")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
        guard fd >= 0 else { throw failure(operation, code: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, Glibc.listen(fd, 8) == 0 else {
            let code = errno
            close(fd)
            throw failure(operation, code: code)
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw failure(operation, code: code)
        }
        let boundPort: UInt16 = withUnsafePointer(to: &address) { pointer in
            if Int32(pointer.pointee.ss_family) == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        return (fd, boundPort)
    }

    /// Accepts one connection after `waitReadable` reported the listening socket readable.
    static func accept(_ fd: Int32) throws(DeviceError) -> Int32 {
        while true {
            let client = Glibc.accept(fd, nil, nil)
            if client >= 0 {
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                var one: Int32 = 1
                _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return client
            }
            if errno == EINTR { continue }
            throw failure("accept an ECR connection", code: errno)
        }
    }

    /// Opens a tty raw at `baud`, 8 data bits, no parity, 2 stop bits, no handshake (PA00P016 §2.1).
    static func openSerial(path: String, baud: Int) throws(DeviceError) -> Int32 {
        let operation = "open the serial line \(path)"
        let fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(operation, code: errno) }
        var options = termios()
        guard tcgetattr(fd, &options) == 0 else {
            let code = errno
            close(fd)
            throw DeviceError(.noHardware, operation: operation, message: "\(path) is not a serial line (tcgetattr: \(describe(code)))",
                              remedy: "Point the terminal URI at the terminal's serial device, e.g. /dev/ttyS0 or /dev/ttyUSB0.",
                              backendCode: .init(domain: "errno", value: Int64(code), name: describe(code)))
        }
        cfmakeraw(&options)
        options.c_cflag &= ~(tcflag_t(PARENB) | tcflag_t(CSIZE) | tcflag_t(CRTSCTS))
        options.c_cflag |= tcflag_t(CS8) | tcflag_t(CSTOPB) | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        withUnsafeMutableBytes(of: &options.c_cc) { characters in
            characters[Int(VMIN)] = 0
            characters[Int(VTIME)] = 0
        }
        let speed = speedConstant(baud)
        guard cfsetispeed(&options, speed) == 0, cfsetospeed(&options, speed) == 0, tcsetattr(fd, TCSANOW, &options) == 0 else {
            let code = errno
            close(fd)
            throw failure(operation, code: code)
        }
        _ = tcflush(fd, TCIOFLUSH)
        return fd
    }

    /// The path with every symlink resolved (`realpath(3)`), or `nil` when it does not exist. A
    /// file-system lookup: call it off the cooperative pool.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An IPv6 address in its canonical text form (`inet_pton` then `inet_ntop`: `0:0::1` → `::1`),
    /// or `nil` when `text` is not an IPv6 address. Pure computation, no I/O.
    static func canonicalIPv6(_ text: String) -> String? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func speedConstant(_ baud: Int) -> speed_t {
        switch baud {
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115200: speed_t(B115200)
        default: speed_t(B9600)
        }
    }

    /// The C name and text of an errno value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The device error for an errno value, with what to check.
    static func failure(_ operation: String, code: Int32) -> DeviceError {
        let backend = DeviceError.BackendCode(domain: "errno", value: Int64(code), name: describe(code))
        switch code {
        case ECONNREFUSED:
            return DeviceError(.offline, operation: operation, message: "the terminal refused the connection",
                               remedy: "Check that the terminal is switched on and has ZVT over TCP enabled on this port.", backendCode: backend)
        case ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN:
            return DeviceError(.offline, operation: operation, message: "the terminal cannot be reached",
                               remedy: "Check the terminal's network cable, IP address and the kiosk's network.", backendCode: backend)
        case ECONNRESET, EPIPE, ENOTCONN:
            return DeviceError(.offline, operation: operation, message: "the connection to the terminal was lost",
                               remedy: "Check the cable and the terminal's power; resolve any payment in doubt before the next one.", backendCode: backend)
        case EACCES, EPERM:
            return DeviceError(.permissionDenied, operation: operation, message: "the operating system denied access",
                               remedy: "Add the kiosk user to group dialout (serial) or check the udev rule, then log in again.", backendCode: backend)
        case ENOENT, ENODEV, ENXIO:
            return DeviceError(.noHardware, operation: operation, message: "the device does not exist",
                               remedy: "Check the device path in the terminal URI (ls /dev/ttyS* /dev/ttyUSB*) and the cable.", backendCode: backend)
        case EBUSY, EADDRINUSE:
            return DeviceError(.busy, operation: operation, message: "the device or address is in use",
                               remedy: "Stop the other program using it (lsof / fuser), then retry.", backendCode: backend)
        default:
            return DeviceError(.other, operation: operation, message: describe(code),
                               remedy: "Check the terminal connection; report the errno if it persists.", backendCode: backend)
        }
    }
}
