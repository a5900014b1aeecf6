import DeviceCore
import Foundation
import PaymentTerminal
import TestSupport
import Testing

/// `ZVTTerminalSimulator` over TCP serves clients independently, closes idle ones and bounds how
/// many it serves (issue 9, item 5): real loopback sockets.
@Suite("ZVT simulator serves more than one client")
struct ZVTSimulatorServerTests {
    @Test("an idle connection does not block a payment on a second one")
    func idleClientBlocksNobody() async throws {
        let simulator = ZVTTerminalSimulator(limits: .init(idleTimeout: .seconds(60)))
        let port = try simulator.listen()
        defer { simulator.stop() }
        let idle = try LoopbackClient(port: port)
        #expect(await eventually { simulator.activeConnections == 1 })
        let terminal = try await openTerminal("zvt+tcp://127.0.0.1:\(port)")
        let result = try await terminal.authorize(amountCents: 1250, requestID: "second-client")
        #expect(result.outcome == .approved)
        #expect(idle.receive(timeout: 0) == nil, "the idle client is still connected")
        await terminal.close()
    }

    @Test("a connection silent for the idle timeout is closed")
    func idleTimeout() async throws {
        let simulator = ZVTTerminalSimulator(limits: .init(idleTimeout: .milliseconds(300)))
        let port = try simulator.listen()
        defer { simulator.stop() }
        let idle = try LoopbackClient(port: port)
        #expect(idle.waitForClose(timeout: 5))
        #expect(simulator.idleClosedConnections == 1)
        #expect(await eventually { simulator.activeConnections == 0 })
    }

    @Test("beyond the connection limit a client is closed at once and counted; the others are served")
    func connectionLimit() async throws {
        let simulator = ZVTTerminalSimulator(limits: .init(maxConnections: 2, idleTimeout: .seconds(60)))
        let port = try simulator.listen()
        defer { simulator.stop() }
        let first = try LoopbackClient(port: port)
        let second = try LoopbackClient(port: port)
        #expect(await eventually { simulator.activeConnections == 2 })
        let third = try LoopbackClient(port: port)
        #expect(third.waitForClose(timeout: 5))
        #expect(simulator.refusedConnections == 1)
        #expect(first.receive(timeout: 0) == nil && second.receive(timeout: 0) == nil)
        // A slot frees when a client leaves, and the next one is served.
        first.close()
        #expect(await eventually { simulator.activeConnections == 1 })
        let terminal = try await openTerminal("zvt+tcp://127.0.0.1:\(port)")
        #expect(try await terminal.statusEnquiry().ready)
        await terminal.close()
    }
}
