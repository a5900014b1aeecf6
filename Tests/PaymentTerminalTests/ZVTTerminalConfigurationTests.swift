import DeviceCore
import PaymentTerminal
import Testing

/// The pieces of the session without I/O: terminal URIs and the simulator's scenario names.
@Suite("ZVT terminal configuration")
struct ZVTTerminalConfigurationTests {
    @Test("TCP and serial URIs, with defaults")
    func parses() throws {
        #expect(try ZVTTerminalConfiguration(uri: "zvt+tcp://10.0.0.5").endpoint == .tcp(host: "10.0.0.5", port: 20007))
        #expect(try ZVTTerminalConfiguration(uri: "zvt+tcp://10.0.0.5:22000").endpoint == .tcp(host: "10.0.0.5", port: 22000))
        let serial = try ZVTTerminalConfiguration(uri: "zvt+serial:///dev/ttyS0?baud=115200&charset=latin1")
        #expect(serial.endpoint == .serial(path: "/dev/ttyS0", baud: 115200))
        #expect(serial.charset == .latin1)
        #expect(try ZVTTerminalConfiguration(uri: "zvt+serial:///dev/ttyUSB0").endpoint == .serial(path: "/dev/ttyUSB0", baud: 9600))
        #expect(ZVTEndpoint.serial(path: "/dev/ttyS0", baud: 9600).description == "zvt+serial:///dev/ttyS0?baud=9600")
    }

    @Test("unusable URIs name the problem and the expected forms",
          arguments: ["http://x", "zvt+tcp://", "zvt+serial://ttyS0", "zvt+serial:///dev/ttyS0?baud=1234", "zvt+tcp://h?charset=ebcdic",
                      "zvt+tcp://h?password=123456", "zvt+tcp://h:70000"])
    func rejects(uri: String) {
        do {
            _ = try ZVTTerminalConfiguration(uri: uri)
            Issue.record("\(uri) must be rejected")
        } catch {
            #expect(error.description.contains("zvt+tcp://HOST[:PORT]"))
        }
    }

    @Test("a port that overflows, is empty or zero is an error naming the port, never the default 20007",
          arguments: [
            ("zvt+tcp://127.0.0.1:999999999999999999999", "port 999999999999999999999 is larger than 65535"),
            ("zvt+tcp://127.0.0.1:", "the port after \":\" is empty"),
            ("zvt+tcp://127.0.0.1:0", "port 0 is not a usable port (use 1–65535)"),
            ("zvt+tcp://[::1]:99999?charset=latin1", "port 99999 is larger than 65535"),
            ("zvt://terminal:65536", "port 65536 is larger than 65535"),
          ])
    func rejectsPorts(uri: String, problem: String) {
        let error = #expect(throws: ZVTURIError.self) { try ZVTTerminalConfiguration(uri: uri) }
        #expect(error?.problem == problem)
        #expect(error?.description.contains(ZVTURIError.expectedForms) == true)
    }

    @Test("IPv6 hosts keep their port; a URI without a port gets 20007")
    func ipv6() throws {
        #expect(try ZVTTerminalConfiguration(uri: "zvt+tcp://[2001:db8::7]:22000").endpoint == .tcp(host: "2001:db8::7", port: 22000))
        #expect(try ZVTTerminalConfiguration(uri: "zvt+tcp://[2001:db8::7]").endpoint == .tcp(host: "2001:db8::7", port: 20007))
        #expect(try ZVTTerminalConfiguration(uri: "zvt+tcp://10.0.0.5/").endpoint == .tcp(host: "10.0.0.5", port: 20007))
    }

    @Test("scenario names")
    func scenarios() {
        #expect(ZVTSimulatorScenario.named("approve") == .approve)
        #expect(ZVTSimulatorScenario.named("decline-6a")?.outcome == .decline(ZVTResultCode(rawValue: 0x6A)))
        #expect(ZVTSimulatorScenario.named("timeout")?.outcome == .noAnswer)
        #expect(ZVTSimulatorScenario.named("approve-latin1")?.charset == .latin1)
        #expect(ZVTSimulatorScenario.named("nonsense") == nil)
    }
}
