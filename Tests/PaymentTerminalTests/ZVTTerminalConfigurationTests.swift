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

    @Test("scenario names")
    func scenarios() {
        #expect(ZVTSimulatorScenario.named("approve") == .approve)
        #expect(ZVTSimulatorScenario.named("decline-6a")?.outcome == .decline(ZVTResultCode(rawValue: 0x6A)))
        #expect(ZVTSimulatorScenario.named("timeout")?.outcome == .noAnswer)
        #expect(ZVTSimulatorScenario.named("approve-latin1")?.charset == .latin1)
        #expect(ZVTSimulatorScenario.named("nonsense") == nil)
    }
}
