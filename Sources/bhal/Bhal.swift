import ArgumentParser
import Foundation
import Logging
import TerminalRuntime

/// `bhal`: the BuergerHAL technician CLI.
@main
struct Bhal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bhal",
        abstract: "BuergerHAL: check and drive the hardware of a Bürgerterminal or Bürgerkoffer.",
        discussion: """
            Exit codes: 0 all passed, 1 a check or operation failed, 2 usage or configuration error.
            Configuration: --config FILE, else $BHAL_CONFIG, else /etc/buergerhal/bhal.yaml.
            Logging to stderr at $BHAL_LOG_LEVEL (trace, debug, info, notice, warning, error, critical; default warning).
            """,
        version: BuergerHAL.version,
        subcommands: [DevicesCommand.self, SelfTestCommand.self, CardCommand.self, EIDCommand.self, SimulateCommand.self, BenchCommand.self, UdevRulesCommand.self, ESCPOSCommand.self, PrintCommand.self, PrinterCommand.self, ZVTCommand.self, PaymentCommand.self, SignaturePadCommand.self, ServeCommand.self])

    /// Runs the command; the one place that turns errors into messages and exit codes: a
    /// ``CommandFailure`` to its message and status, usage and configuration errors to exit code 2
    /// (ArgumentParser would use 64), failed checks to 1.
    static func main() async {
        bootstrapLogging()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("bhal: \(failure.message)\n".utf8))
            Foundation.exit(failure.status)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("bhal: configuration error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.usage)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// Sends log messages to standard error at the level named by `BHAL_LOG_LEVEL` (default warning),
/// so table and JSON output on standard output stay clean, through the redacting handler (no card
/// number, PIN or MRZ reaches the log even if a message carries one).
private func bootstrapLogging() {
    let level = ProcessInfo.processInfo.environment["BHAL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    LoggingSystem.bootstrap { label in
        var handler = RedactingLogHandler(wrapping: StreamLogHandler.standardError(label: label))
        handler.logLevel = level
        return handler
    }
}

/// The exit codes `bhal` promises.
enum ExitStatus {
    /// A check or operation failed.
    static let failed: Int32 = 1
    /// Usage or configuration error.
    static let usage: Int32 = 2
}
