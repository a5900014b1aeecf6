import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The harness's private cupsd, for tests of a scheduler that goes away mid-job.
public enum CUPSScheduler {
    /// Waits until cupsd receives a job's document (its request body appears, non-empty, in the
    /// request folder), then kills cupsd with SIGKILL, as a crash would. Throws when no document
    /// arrives within `timeout`.
    public static func killWhileTakingJob(timeout: Duration = .seconds(20)) async throws {
        let pidFile = try Harness.required("BHAL_TEST_CUPSD_PID_FILE")
        let requestDir = try Harness.required("BHAL_TEST_CUPS_REQUEST_DIR")
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HarnessError(message: "no cupsd pid in \(pidFile)")
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if receivingDocument(in: requestDir) {
                kill(pid, SIGKILL)
                return
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw HarnessError(message: "cupsd received no job document in \(requestDir) within \(timeout)")
    }

    /// Starts the harness's cupsd again, fresh, with its queues (`services.sh restart-cupsd`).
    public static func restart() throws {
        let services = try Harness.required("BHAL_TEST_SERVICES")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: services)
        process.arguments = ["restart-cupsd"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError(message: "services.sh restart-cupsd exited \(process.terminationStatus)") }
    }

    /// cupsd writes a request body to `RequestRoot/XXXXXXXX` (eight hex digits) while it reads it.
    private static func receivingDocument(in directory: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
        return names.contains { name in
            name.count == 8 && name.allSatisfy(\.isHexDigit)
                && ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0) > 0
        }
    }
}
