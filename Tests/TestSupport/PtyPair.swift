import Foundation
import Glibc

/// A socat pty pair (`socat -d -d pty,raw,echo=0,link=… pty,raw,echo=0,link=…`) for the ZVT
/// serial tests: the ECR end and the terminal end as symlinks in a fresh directory, removed by
/// ``stop()``.
public final class PtyPair: @unchecked Sendable {
    /// The link to the ECR's end (give it to `zvt+serial://`).
    public let ecr: String
    /// The link to the terminal's end (give it to the simulator).
    public let terminal: String
    private let process: Process
    private let directory: URL

    /// Starts socat (`/usr/bin/socat`) and waits (up to 3 s) for both links.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-zvt-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ecr = directory.appendingPathComponent("ttyECR").path
        terminal = directory.appendingPathComponent("ttyPT").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/socat")
        process.arguments = ["-d", "-d", "pty,raw,echo=0,link=\(ecr)", "pty,raw,echo=0,link=\(terminal)"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 where !(FileManager.default.fileExists(atPath: ecr) && FileManager.default.fileExists(atPath: terminal)) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        guard FileManager.default.fileExists(atPath: ecr), FileManager.default.fileExists(atPath: terminal) else {
            stop()
            throw PtyError()
        }
    }

    /// Ends this socat process (SIGKILL to its own pid: a child started from the test's threads
    /// may inherit a mask that blocks SIGTERM) and removes the links.
    public func stop() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// socat did not make the pair.
    public struct PtyError: Error, CustomStringConvertible {
        /// What to check.
        public var description: String { "socat did not create the pty pair; is socat installed (/usr/bin/socat)?" }
    }
}
