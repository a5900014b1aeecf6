import Foundation
import Synchronization

/// Who wrote a pending entry: `boot/pid/start#instance`, so that opening a journal turns in doubt
/// only the pending entries whose writer has ended, never those of a session still running in
/// another process (or in another journal object of this process).
///
/// Linux only: the boot id and a process's start time come from `/proc`. A process is alive when
/// the boot id matches and `/proc/PID/stat` shows the same start time (so a reused pid does not
/// count). Within this process, an instance is alive while its journal object exists. Processes
/// in different PID namespaces (containers) must therefore not share one journal file.
struct JournalOwner: Sendable {
    /// This journal object's owner string.
    let value: String
    /// The instance token registered as alive.
    private let token: String

    /// Registers a new live instance of this process.
    init() {
        token = UUID().uuidString
        value = Self.currentProcess + "#" + token
        Self.liveInstances.withLock { _ = $0.insert(token) }
    }

    /// Marks this instance as ended (its pending entries are then stale).
    func end() {
        Self.liveInstances.withLock { _ = $0.remove(token) }
    }

    /// Whether the writer named by `owner` is still running.
    static func isAlive(_ owner: String?) -> Bool {
        guard let owner, let separator = owner.lastIndex(of: "#") else { return false }
        let process = String(owner[..<separator])
        let token = String(owner[owner.index(after: separator)...])
        if process == currentProcess { return liveInstances.withLock { $0.contains(token) } }
        let parts = process.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let boot = bootID, parts[0] == boot, let pid = Int32(parts[1]) else { return false }
        return startTime(of: pid) == String(parts[2])
    }

    /// Journal objects of this process that have not ended.
    private static let liveInstances = Mutex<Set<String>>([])

    /// `boot/pid/start` of this process.
    private static let currentProcess: String = {
        let pid = ProcessInfo.processInfo.processIdentifier
        return "\(bootID ?? "unknown-boot")/\(pid)/\(startTime(of: pid) ?? "unknown-start")"
    }()

    /// The kernel's boot id, which changes at every boot.
    private static let bootID: String? = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines)

    /// A process's start time in clock ticks since boot (field 22 of `/proc/PID/stat`).
    private static func startTime(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let commandEnd = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
