import DeviceCore
import Foundation

extension ZVTTerminalSimulator {
    /// Opens an ECR connection in memory and serves its terminal end on a thread of its own,
    /// exactly as an accepted TCP client is served (``Limits`` apply; TCP's idle timeout closes
    /// a silent connection). Returns the ECR's end. Throws as offline, like a refused TCP
    /// connect, when the simulator was stopped or serves ``Limits/maxConnections`` already.
    func connectInMemory() throws(DeviceError) -> ZVTMemoryTransport {
        let operation = "connect to the simulated terminal \(terminalID)"
        guard !state.isStopped else {
            throw DeviceError(.offline, operation: operation, message: "the simulated terminal was stopped",
                              remedy: "Create the simulator again (or restart the program using it), then retry.")
        }
        guard state.openConnection(limit: limits.maxConnections) else {
            throw DeviceError(.offline, operation: operation,
                              message: "the simulated terminal refused the connection (\(limits.maxConnections) connections are being served)",
                              remedy: "Close the other connections to the simulator, then retry.")
        }
        let (toTerminal, toECR) = ZVTMemoryTransport.pipes()
        let state = self.state
        let idleTimeout = limits.idleTimeout
        state.threadStarted()
        let thread = Thread {
            defer {
                state.closeConnection()
                state.threadFinished()
            }
            let transport = ZVTMemoryTransport(incoming: toTerminal, outgoing: toECR, peer: "the ECR")
            ZVTSimulatorConnection(transport: transport, state: state, isSerial: false, idleTimeout: idleTimeout).serve()
            transport.close()
        }
        thread.name = "bhal-zvt-simulator-memory"
        thread.start()
        return ZVTMemoryTransport(incoming: toECR, outgoing: toTerminal, peer: "the simulated terminal \(terminalID)")
    }
}
