import DeviceCore
import Foundation
import FoundationXML
import PaymentTerminal
import SmartCard
import TerminalRuntime
import Testing

@Suite("Self-test runner and report formats")
struct SelfTestRunnerTests {
    func simulatedReport(level: HealthCheckLevel = .external) async throws -> SelfTestReport {
        let registry = try DeviceRegistry(configuration: .simulated)
        return await SelfTestRunner().run(registry.devices, level: level)
    }

    func failingReport() async throws -> SelfTestReport {
        let terminal = UnreachableSimulatedTerminal(logicalName: "payment")
        let reader = SimulatedCardReader(logicalName: "reader", card: nil)
        return await SelfTestRunner().run([reader, terminal], level: .external)
    }

    @Test("every family passes on its simulator, at every level")
    func simulatorsPass() async throws {
        for level in HealthCheckLevel.allCases {
            let report = try await simulatedReport(level: level)
            #expect(report.passed, "\(level)")
            #expect(Set(report.devices.map(\.device.family)) == Set(DeviceFamily.allCases))
        }
    }

    @Test("a device that cannot open gets a failed report instead of stopping the run; devices are closed afterwards")
    func failuresAreReports() async throws {
        let report = try await failingReport()
        #expect(!report.passed)
        #expect(report.devices.map(\.device.logicalName) == ["reader", "payment"])
        #expect(report.devices[1].steps.map(\.name) == ["open"])
        #expect(report.devices[0].steps.map(\.outcome.name) == ["passed", "failed", "skipped"])
    }

    @Test("JSON has, per device, name, family, backend, passed and steps")
    func json() async throws {
        let text = SelfTestJSON.encode(try await failingReport())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["passed"] as? Bool == false)
        let devices = try #require(document["devices"] as? [[String: Any]])
        #expect(devices.map { $0["name"] as? String } == ["reader", "payment"])
        #expect(devices.map { $0["family"] as? String } == ["smartcard", "payment"])
        #expect(devices.map { $0["backend"] as? String } == ["simulated", "simulated"])
        #expect(devices.map { $0["passed"] as? Bool } == [false, false])
        let steps = try #require(devices[1]["steps"] as? [[String: Any]])
        let error = try #require(steps.first?["error"] as? [String: Any])
        #expect(error["kind"] as? String == "offline")
        #expect((error["remedy"] as? String)?.isEmpty == false)
    }

    @Test("JUnit XML parses and counts tests, failures and skips per device")
    func junit() async throws {
        let xml = JUnitReportWriter.xml(try await failingReport())
        let counter = JUnitCounter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.suites == ["reader", "payment"])
        #expect(counter.testcases == 4)
        #expect(counter.failures == 2)
        #expect(counter.skipped == 1)
        #expect(xml.contains(#"<testsuites name="bhal selftest" tests="4" failures="2""#))
    }

    @Test("the table shows each check with its time, and the problem and next step under a failure")
    func table() async throws {
        let text = SelfTestTableFormatter().format(try await failingReport())
        #expect(text.contains("DEVICE"))
        #expect(text.contains("payment"))
        #expect(text.contains("FAILED"))
        #expect(text.contains("    next:    Check the terminal's network cable"))
        #expect(text.hasSuffix("2 device(s): 0 passed, 2 failed (reader, payment)"))
    }

    @Test("registry events merge all devices, tagged by logical name")
    func registryEvents() async throws {
        let registry = try DeviceRegistry(configuration: .simulated)
        let events = await registry.events()
        let reader = try #require(registry.device(named: "reader") as? SimulatedCardReader)
        try await reader.open()
        await reader.removeCard()
        var seen: [(device: String, event: DeviceEvent)] = []
        for await item in events {
            seen.append(item)
            if case .userActionRequired = item.event { break }
        }
        #expect(seen.first?.device == "reader")
        #expect(seen.first?.event == .stateChanged(.idle))
        #expect(seen.last?.event == .userActionRequired(UserAction(code: "insertCard", prompt: "Bitte Karte einstecken")))
        let second = await registry.events()
        var count = 0
        for await _ in second { count += 1 }
        #expect(count == 0, "the merged stream can be taken once")
    }
}

/// A simulated device of the payment family that cannot be opened (offline), the way a terminal
/// whose line is down fails: the runner's handling of a failed open, without a real terminal.
private actor UnreachableSimulatedTerminal: LifecycleHostingDevice {
    nonisolated let info: DeviceInfo
    nonisolated let events: AsyncStream<DeviceEvent>
    var lifecycle = DeviceLifecycle()

    init(logicalName: String) {
        info = DeviceInfo(logicalName: logicalName, family: .paymentTerminal, backend: .simulated, backendName: "simulator", connection: "sim:")
        events = lifecycle.events.stream
    }

    func openConnection() async throws(DeviceError) {
        throw DeviceError(.offline, operation: "open", message: "the simulated terminal is unreachable",
                          remedy: "Check the terminal's network cable and IP address, then retry.")
    }

    func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        return HealthCheckRecorder(clock: ContinuousClock()).report(for: info, level: level)
    }
}

/// Counts JUnit elements.
private final class JUnitCounter: NSObject, XMLParserDelegate {
    var suites: [String] = []
    var testcases = 0
    var failures = 0
    var skipped = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "testsuite": suites.append(attributes["name"] ?? "")
        case "testcase": testcases += 1
        case "failure": failures += 1
        case "skipped": skipped += 1
        default: break
        }
    }
}
