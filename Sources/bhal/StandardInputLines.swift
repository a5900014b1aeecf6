import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads standard input line by line on a dedicated thread (the reads block), for commands that
/// keep running after their input ends (`bhal simulate printer`).
enum StandardInputLines {
    /// Calls `handle` with each line (without its line break) on a thread of its own until
    /// standard input ends, then `end`; the caller keeps running after that. Started in the
    /// background of an interactive shell, the process is not stopped by SIGTTIN: it waits until
    /// it is brought to the foreground.
    static func start(_ handle: @escaping @Sendable (String) -> Void, end: @escaping @Sendable () -> Void) {
        signal(SIGTTIN, SIG_IGN)
        let thread = Thread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            reading: while true {
                let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count > 0 {
                    pending += chunk.prefix(count)
                    while let newline = pending.firstIndex(of: 0x0A) {
                        handle(String(decoding: pending[..<newline], as: UTF8.self))
                        pending.removeSubrange(...newline)
                    }
                    continue
                }
                guard count < 0 else { break }
                switch errno {
                case EINTR: continue
                // EIO: a background process reading its terminal; EAGAIN: non-blocking input.
                case EIO, EAGAIN: Thread.sleep(forTimeInterval: 0.5)
                default: break reading
                }
            }
            if !pending.isEmpty { handle(String(decoding: pending, as: UTF8.self)) }
            end()
        }
        thread.name = "stdin-lines"
        thread.start()
    }
}
