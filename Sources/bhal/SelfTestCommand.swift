public import ArgumentParser
public import DeviceCore
import Foundation
import TerminalRuntime

extension HealthCheckLevel: ExpressibleByArgument {}

/// `bhal selftest`: the health check of every configured device, for technicians and CI.
struct SelfTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Check every configured device and print a table (exit 0 all passed, 1 a check failed, 2 configuration error).")

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .long, help: "How far the checks go: internal (nothing visible), external (prints, reads the card), interactive (needs a person).")
    var level: HealthCheckLevel = .internal

    @Flag(name: .long, help: "Print one JSON document instead of the table.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write a JUnit XML report to FILE.", valueName: "FILE"))
    var junit: String?

    func run() async throws {
        let registry = try DeviceRegistry(configuration: try options.load())
        let report = await SelfTestRunner().run(registry.devices, level: level)
        print(json ? SelfTestJSON.encode(report) : SelfTestTableFormatter().format(report))
        if let junit {
            do {
                try JUnitReportWriter.xml(report).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write the JUnit report to \(junit): \(error.localizedDescription)")
            }
        }
        if !report.passed { throw ExitCode(ExitStatus.failed) }
    }
}
