import Foundation
import PaymentTerminal
import Testing

/// The rule by which the journal tells terminals apart: normalised endpoint keys and the TID.
@Suite("Terminal identity and endpoint normalisation")
struct TerminalIdentityTests {
    @Test("spellings of one TCP endpoint share a key: host case, default port, charset, trailing dot, IPv6 form",
          arguments: [
              ("zvt+tcp://127.0.0.1:20007", "zvt+tcp://127.0.0.1:20007"),
              ("zvt+tcp://127.0.0.1", "zvt+tcp://127.0.0.1:20007"),
              ("zvt://127.0.0.1?charset=latin1", "zvt+tcp://127.0.0.1:20007"),
              ("zvt+tcp://Terminal-1.Buergeramt.Example:22000", "zvt+tcp://terminal-1.buergeramt.example:22000"),
              ("zvt+tcp://LOCALHOST.", "zvt+tcp://localhost:20007"),
              ("zvt+tcp://[0:0:0:0:0:0:0:1]:20007", "zvt+tcp://[::1]:20007"),
              ("zvt+tcp://[::1]", "zvt+tcp://[::1]:20007"),
              ("zvt+tcp://[FE80::A]", "zvt+tcp://[fe80::a]:20007"),
          ])
    func tcpKeys(uri: String, key: String) throws {
        #expect(TerminalIdentity.key(ofURI: uri) == key)
        #expect(try ZVTTerminalConfiguration(uri: uri).endpoint.key == key)
    }

    @Test("spellings of one serial line share a key: speed, charset and path noise do not count",
          arguments: ["zvt+serial:///dev/ttyS0", "zvt+serial:///dev/ttyS0?baud=115200", "zvt+serial:///dev//./ttyS0?baud=9600&charset=latin1",
                      "zvt+serial:///dev/serial/../ttyS0"])
    func serialKeys(uri: String) {
        #expect(TerminalIdentity.key(ofURI: uri) == "zvt+serial:///dev/ttyS0")
    }

    @Test("different endpoints stay different; host names are not resolved")
    func differentEndpoints() {
        let keys = ["zvt+tcp://127.0.0.1:20007", "zvt+tcp://127.0.0.1:20008", "zvt+tcp://localhost", "zvt+serial:///dev/ttyS0",
                    "zvt+serial:///dev/ttyS1", "not a uri"].map(TerminalIdentity.key(ofURI:))
        #expect(Set(keys).count == keys.count, "\(keys)")
    }

    @Test("a serial path is resolved through its symlinks (a by-id style link and its device are one terminal)")
    func symlinkResolution() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = directory.appendingPathComponent("ttyUSB0")
        _ = FileManager.default.createFile(atPath: device.path, contents: nil)
        let link = directory.appendingPathComponent("by-id").appendingPathComponent("usb-FTDI_terminal-if00-port0")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../ttyUSB0")
        let devicePath = device.resolvingSymlinksInPath().path

        let viaLink = ZVTEndpoint.serial(path: link.path, baud: 9600)
        #expect(viaLink.resolvingSymlinks() == .serial(path: devicePath, baud: 9600))
        let linked = TerminalIdentity(endpoint: viaLink, resolved: viaLink.resolvingSymlinks())
        #expect(linked.endpoints == ["zvt+serial://\(link.path)", "zvt+serial://\(devicePath)"].sorted())
        let direct = TerminalIdentity(uri: "zvt+serial://\(devicePath)?baud=19200")
        #expect(linked.isSameTerminal(as: direct) && direct.isSameTerminal(as: linked))
        // A path that does not exist (adapter unplugged) keeps its own key and nothing else.
        let missing = ZVTEndpoint.serial(path: directory.appendingPathComponent("gone").path, baud: 9600)
        #expect(missing.resolvingSymlinks() == missing)
        #expect(ZVTEndpoint.tcp(host: "LocalHost", port: 20007).resolvingSymlinks() == .tcp(host: "localhost", port: 20007))
    }

    @Test("the same terminal: a shared key, or equal known TIDs; an unknown TID ties nothing")
    func sameTerminal() {
        let byName = TerminalIdentity(uri: "zvt+tcp://localhost:20007", terminalID: "52500001")
        let byAddress = TerminalIdentity(uri: "zvt+tcp://127.0.0.1", terminalID: "52500001")
        let byAddressNoTID = TerminalIdentity(uri: "zvt+tcp://127.0.0.1")
        let otherTerminal = TerminalIdentity(uri: "zvt+tcp://localhost:20007", terminalID: "52500002")
        #expect(byName.isSameTerminal(as: byAddress), "one TID, two spellings")
        #expect(!byName.isSameTerminal(as: byAddressNoTID))
        #expect(byName.isSameTerminal(as: otherTerminal), "same endpoint: a replaced terminal still blocks")
        #expect(!byName.sharesEndpoint(with: byAddress))
        #expect(byAddressNoTID.isSameTerminal(as: TerminalIdentity(uri: "zvt+tcp://127.0.0.1:20007?charset=latin1")))
        let merged = byAddressNoTID.merging(byName)
        #expect(merged.endpoints == ["zvt+tcp://127.0.0.1:20007", "zvt+tcp://localhost:20007"] && merged.terminalID == "52500001")
    }
}
