import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a PIN, CAN or PUK for `bhal eid`: from a file named on the command line (first line),
/// else from the terminal without echo (termios), else — for automation — one line of standard
/// input. Never from argv or the environment; the text is never printed. The blocking reads run
/// on a thread of their own, never on the cooperative pool.
enum SecretInput {
    /// Where secrets come from when no file is named.
    enum Source {
        /// The controlling terminal, echo off.
        case terminal
        /// One line per secret from standard input (a pipe).
        case standardInput
    }

    /// The terminal when standard input is one, else standard input.
    static var defaultSource: Source { isatty(STDIN_FILENO) == 1 ? .terminal : .standardInput }

    /// The secret from `file` if given, else from `source`, prompting with `prompt` on the terminal;
    /// read on a dedicated thread.
    static func read(_ prompt: String, file: String?, source: Source = defaultSource) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try readBlocking(prompt, file: file, source: source) })
            }
            thread.name = "secret-input"
            thread.start()
        }
    }

    private static func readBlocking(_ prompt: String, file: String?, source: Source) throws -> String {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("cannot read \(file): check the path and that it is readable by this user", status: ExitStatus.usage)
            }
            return firstLine(String(decoding: data, as: UTF8.self))
        }
        switch source {
        case .terminal: return try readWithoutEcho(prompt)
        case .standardInput:
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw CommandFailure("standard input ended before the \(prompt) was given: give one secret per line or use the --…-file options",
                                     status: ExitStatus.usage)
            }
            return line.trimmingCharacters(in: .whitespaces)
        }
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Prompts on standard error and reads one line with echo off; echo is restored on every path.
    private static func readWithoutEcho(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data("\(prompt): ".utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw CommandFailure("cannot switch off echo on this terminal: use the --…-file options instead", status: ExitStatus.usage)
        }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else {
            throw CommandFailure("cannot switch off echo on this terminal: use the --…-file options instead", status: ExitStatus.usage)
        }
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw CommandFailure("no \(prompt) was entered", status: ExitStatus.usage)
        }
        return line
    }
}
