import DeviceCore
import Testing

@Suite("HOST:PORT and URI ports")
struct HostPortTests {
    @Test("HOST:PORT and [IPV6]:PORT parse; a default applies only when no port is written",
          arguments: [
            ("127.0.0.1:9100", nil, HostPort(host: "127.0.0.1", port: 9100)),
            ("printer.local:65535", nil, HostPort(host: "printer.local", port: 65535)),
            ("[::1]:20007", nil, HostPort(host: "::1", port: 20007)),
            ("[fe80::1%25eth0]:1", nil, HostPort(host: "fe80::1%25eth0", port: 1)),
            ("localhost", 631, HostPort(host: "localhost", port: 631)),
            ("[::1]", 631, HostPort(host: "::1", port: 631)),
            ("cups.example:8631", 631, HostPort(host: "cups.example", port: 8631)),
            ("h:09100", nil, HostPort(host: "h", port: 9100)),
          ] as [(String, UInt16?, HostPort)])
    func parses(_ text: String, _ defaultPort: UInt16?, _ expected: HostPort) throws {
        #expect(try HostPort(parsing: text, defaultPort: defaultPort) == expected)
    }

    @Test("an overflowing, negative, zero, signed, non-numeric or empty port is an error that says which",
          arguments: [
            ("127.0.0.1:999999999999999999999", "port 999999999999999999999 is larger than 65535"),
            ("127.0.0.1:65536", "port 65536 is larger than 65535"),
            ("127.0.0.1:-1", "port \"-1\" is not a number from 1 to 65535"),
            ("127.0.0.1:+80", "port \"+80\" is not a number from 1 to 65535"),
            ("127.0.0.1:0", "port 0 is not a usable port (use 1–65535)"),
            ("127.0.0.1:http", "port \"http\" is not a number from 1 to 65535"),
            ("127.0.0.1: 80", "port \" 80\" is not a number from 1 to 65535"),
            ("127.0.0.1:٨٠", "port \"٨٠\" is not a number from 1 to 65535"),
            ("127.0.0.1:", "the port after \":\" is empty"),
            ("127.0.0.1", "the port is missing (write HOST:PORT)"),
            (":9100", "the host is empty"),
            ("::1:9100", "more than one \":\" (write an IPv6 address in brackets: [::1]:PORT)"),
            ("[::1:9100", "the IPv6 address has no closing \"]\""),
            ("[::1]9100", "expected \":PORT\" after the \"]\" of the IPv6 address"),
            ("h:1234567890123456789012345678901234567890", "port 123456789012345678901234… is larger than 65535"),
          ])
    func rejects(_ text: String, _ problem: String) {
        let error = #expect(throws: HostPortError.self) { try HostPort(parsing: text) }
        #expect(error?.problem == problem)
        #expect(error?.text == text)
    }

    @Test("port 0 is accepted only for listening sockets")
    func portZero() throws {
        #expect(try HostPort(parsing: "127.0.0.1:0", allowsPortZero: true) == HostPort(host: "127.0.0.1", port: 0))
        #expect(throws: HostPortError.self) { try HostPort(parsing: "127.0.0.1:0") }
    }

    @Test("the port of a URI: nil when none is written, an error when the written one is unusable",
          arguments: [
            ("tcp://192.0.2.20:9100", UInt16?.some(9100)),
            ("tcp://192.0.2.20", nil),
            ("tcp://192.0.2.20/", nil),
            ("zvt+tcp://terminal:20008?charset=latin1", 20008),
            ("zvt+tcp://[2001:db8::7]:22000", 22000),
            ("zvt+tcp://[2001:db8::7]", nil),
            ("tcp://user@host:9101/path#x", 9101),
            ("tcp://user:secret@host", nil),
            ("file:///var/spool/x:1", nil),
            ("pcsc:REINER SCT", nil),
          ])
    func uriPort(_ uri: String, _ expected: UInt16?) throws {
        #expect(try HostPort.explicitPort(inURI: uri) == expected)
    }

    @Test("a URI port that overflows is an error, never 'no port' (URLComponents.port is nil for it)",
          arguments: ["tcp://127.0.0.1:999999999999999999999", "zvt+tcp://h:65536", "tcp://h:", "tcp://h:0", "tcp://h:-5", "tcp://[::1]:x", "tcp://a:b:c"])
    func uriPortRejects(_ uri: String) {
        #expect(throws: HostPortError.self) { try HostPort.explicitPort(inURI: uri) }
    }

    @Test("the description brackets IPv6 hosts")
    func description() {
        #expect(HostPort(host: "::1", port: 9100).description == "[::1]:9100")
        #expect(HostPort(host: "printer", port: 9100).description == "printer:9100")
    }
}
