public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one run of the `bhal` executable printed and how it exited.
public struct BhalRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

extension Harness {
    /// Runs `bhal` with `arguments` to completion, as a technician would. `BHAL_CONFIG` is cleared,
    /// the payment journal is a fresh temporary file unless `environment` names one, and crash
    /// backtraces are off, so a crash shows as a status rather than a long hang.
    ///
    /// `launcher` runs `bhal` through another program, e.g. `["/usr/bin/umockdev-run", "-d", "X.umockdev", "--"]`:
    /// its first element is the executable, the rest come before the `bhal` path.
    public static func runBhal(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) async throws -> BhalRun {
        try await runProduct(bhalBinary, arguments, environment: environment, launcher: launcher)
    }

    /// Runs the built executable at `executable` (``builtProduct(_:)``) like ``runBhal(_:environment:launcher:)``:
    /// `BHAL_CONFIG` cleared, a fresh payment journal unless `environment` names one, no backtraces.
    public static func runProduct(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                                  launcher: [String] = []) async throws -> BhalRun {
        let process = Process()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["BHAL_CONFIG"] = nil
        env["SWIFT_BACKTRACE"] = "enable=no"
        // Never the system journal: a fresh one per run unless the test names one.
        env["BHAL_PAYMENT_JOURNAL"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("bhal-journal-\(UUID().uuidString).sqlite").path
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Reading the pipes and waiting for the exit block: they run on threads of their own, so
        // the tests' cooperative pool (two threads on a 2-core machine) never waits for a child.
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                // Standard error is read on its own thread: a child that fills one pipe while the
                // other is being read would otherwise block forever (more than 64 KiB of warnings).
                let errorReader = PipeReader(err.fileHandleForReading)
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                let stderr = errorReader.wait()
                process.waitUntilExit()
                keepTranscript(program: executable.lastPathComponent, arguments: arguments, stdout: stdout, stderr: stderr)
                continuation.resume(returning: BhalRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                                       stderr: String(decoding: stderr, as: UTF8.self)))
            }
            thread.start()
        }
    }
}

/// Keeps what one `bhal` (or example) run printed in `$BHAL_TEST_TRANSCRIPTS` (set by `scripts/test.sh`), so
/// the secrets sweep after the suite reads every output a technician would have seen.
private func keepTranscript(program: String, arguments: [String], stdout: Data, stderr: Data) {
    guard let directory = ProcessInfo.processInfo.environment["BHAL_TEST_TRANSCRIPTS"], !directory.isEmpty else { return }
    let folder = URL(fileURLWithPath: directory)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var transcript = Data("\(program) \(arguments.joined(separator: " "))\n--- stdout\n".utf8)
    transcript.append(stdout)
    transcript.append(Data("\n--- stderr\n".utf8))
    transcript.append(stderr)
    _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("\(program)-\(UUID().uuidString).txt").path, contents: transcript)
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything the pipe carried, once it has ended.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A `bhal` process that runs until terminated (`card watch`, `simulate …`), its output collected
/// in a file the test can poll and its standard input a pipe the test can write to.
public final class BackgroundBhal: @unchecked Sendable {
    private let process = Process()
    private let outputURL: URL
    private let input = Pipe()

    /// Starts `bhal` with `arguments`, with `environment` added to this process's environment.
    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        // A write to a child that has exited fails with EPIPE instead of killing the test runner.
        signal(SIGPIPE, SIG_IGN)
        outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputURL)
        process.executableURL = Harness.bhalBinary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Everything printed so far.
    public var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

    /// The printed lines so far.
    public var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Writes `line` and a line break to the process's standard input.
    public func send(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Sends `line` and waits until the process prints one more line equal to `reply` than it had
    /// before (polling every 10 ms, at most 5 s); returns whether it did.
    public func ask(_ line: String, reply: String) async throws -> Bool {
        let before = lines.filter { $0 == reply }.count
        try send(line)
        return await waitUntil { process in process.lines.filter { $0 == reply }.count > before }
    }

    /// Polls `condition` every 10 ms, at most `attempts` times; returns whether it became true.
    public func waitUntil(attempts: Int = 500, _ condition: (BackgroundBhal) -> Bool) async -> Bool {
        for _ in 0..<attempts {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }

    /// Closes the process's standard input: it reads end of file.
    public func closeInput() throws {
        try input.fileHandleForWriting.close()
    }

    /// Whether the process still runs.
    public var isRunning: Bool { process.isRunning }

    /// The process id, to send it a signal (SIGTERM, SIGHUP) and check how it reacts.
    public var pid: Int32 { process.processIdentifier }

    /// Waits until the process has exited by itself (polling, so the caller's task is not
    /// blocked), at most `timeout`; returns its exit status, or `nil` if it still runs.
    public func exitStatus(within timeout: Duration = .seconds(60)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Kills the process at once (SIGKILL), as a crash or power cut would, and waits for it.
    public func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the process (SIGTERM) and removes its output file.
    public func terminate() {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: outputURL)
    }
}
