/// A command that could not do its job: what to tell the technician and the exit code. Commands
/// throw it; `Bhal.main` is the one place that prints it (`bhal: MESSAGE` on standard error) and
/// ends the process with ``status``.
struct CommandFailure: Error, CustomStringConvertible {
    /// The text after `bhal: `; further lines carry their own `bhal: ` prefix.
    var message: String
    /// The exit code (``ExitStatus``).
    var status: Int32

    /// A failure with `message` and exit code `status` (default: failed).
    init(_ message: String, status: Int32 = ExitStatus.failed) {
        self.message = message
        self.status = status
    }

    /// The message.
    var description: String { message }
}
