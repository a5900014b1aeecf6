import Foundation
import Glibc
import SystemIO
import TestSupport
import Testing

/// Serial lines on a socat pty pair (the one the ZVT serial tests use).
@Suite("SystemIO serial lines")
struct SerialLineTests {
    @Test("a pty opens raw and close-on-exec, and bytes pass unchanged")
    func rawPty() throws {
        let pair = try PtyPair()
        defer { pair.stop() }
        let line = try SerialLine.open(path: pair.ecr, settings: SerialLineSettings(baud: .b9600, stopBits: 2))
        defer { line.close() }
        let peer = try SerialLine.open(path: pair.terminal, settings: SerialLineSettings(baud: .b9600, stopBits: 2))
        defer { peer.close() }
        let flags = fcntl(line.descriptor, F_GETFD)
        #expect(flags >= 0 && flags & FD_CLOEXEC != 0)
        var options = termios()
        #expect(tcgetattr(line.descriptor, &options) == 0)
        #expect(options.c_lflag & tcflag_t(ICANON | ECHO) == 0, "raw: no line editing, no echo")
        #expect(options.c_cflag & tcflag_t(CSTOPB) != 0, "2 stop bits")
        // 0x0A and 0x0D would be translated on a cooked line.
        let bytes: [UInt8] = [0x10, 0x02, 0x0A, 0x0D, 0x03, 0xFF]
        #expect(line.write(bytes).error == nil)
        var received: [UInt8] = []
        while received.count < bytes.count, let chunk = try peer.receive(waitingAtMost: 5000), !chunk.isEmpty { received += chunk }
        #expect(received == bytes)
    }

    @Test("a file that is no terminal fails in tcgetattr; a missing one in open")
    func notATerminal() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("systemio-not-a-tty-\(getpid())")
        try Data([0]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            _ = try SerialLine.open(path: file.path, settings: SerialLineSettings(baud: .b9600))
        } throws: { ($0 as? SystemCallError)?.call == "tcgetattr" }
        #expect {
            _ = try SerialLine.open(path: "/dev/bhal-no-such-tty", settings: SerialLineSettings(baud: .b9600))
        } throws: { error in
            guard let error = error as? SystemCallError else { return false }
            return error.call == "open" && error.code == .noEntry
        }
    }
}
