/// Serial lines (RS232, USB serial adapters, ptys).
public enum SerialLine {
    /// Opens the tty at `path` (close-on-exec, not the controlling terminal) and sets it raw with
    /// `settings`, discarding anything buffered. A path that is no terminal fails in `tcgetattr`
    /// (``SystemCallError/call``), so callers can say so. Blocks briefly: call it off the
    /// cooperative pool.
    public static func open(path: String, settings: SerialLineSettings) throws(SystemCallError) -> ByteStream {
        let context = "open the serial line \(path)"
        let fd = try Syscall.openTerminal(path, context: context)
        do throws(SystemCallError) {
            try Syscall.configureRaw(fd, settings: settings, context: context)
        } catch {
            Syscall.close(fd)
            throw error
        }
        return ByteStream(descriptor: fd, kind: .terminal, peer: path)
    }
}
