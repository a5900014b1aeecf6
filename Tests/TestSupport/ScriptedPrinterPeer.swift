import Foundation
import SystemIO

/// A network receipt printer on loopback TCP that fails the way real ones do: it answers the
/// `DLE EOT` status requests of a print (as ready) and then drops the connection without reading
/// the job, or reports paper out once the job is in. Each connection is served in turn on one
/// thread; ``stop()`` frees the port.
public final class ScriptedPrinterPeer: @unchecked Sendable {
    /// What the printer does after answering `statusReplies` requests.
    public enum Behaviour: Sendable {
        /// Closes the connection (FIN) right after the last reply, before the job arrives.
        case closeAfterStatus
        /// Resets the connection (RST: `SO_LINGER` 0, then close) as soon as job bytes arrive,
        /// without reading them.
        case resetOnJob
        /// Reads the job and answers every later `DLE EOT` with paper out; closes at end of stream.
        case paperOutAfterJob
        /// Reads the job and never answers a later `DLE EOT`, like a printer that hangs while it
        /// prints: the job may have printed, but is never confirmed. Closes at end of stream.
        case silentAfterJob
    }

    /// The port it listens on (127.0.0.1).
    public let port: UInt16
    private let behaviour: Behaviour
    private let statusReplies: Int
    private let listener: TCPListener
    private let lock = NSLock()
    private var stopped = false
    private var served = 0
    private var jobBytes = 0
    private let finished = DispatchSemaphore(value: 0)

    /// Listens on loopback `port` (0: a free one); `statusReplies` requests per connection are
    /// answered as ready before the behaviour starts (a print's status query asks `DLE EOT 1`, `2`
    /// and `4`).
    public init(_ behaviour: Behaviour, port requested: UInt16 = 0, statusReplies: Int = 3) throws {
        self.behaviour = behaviour
        self.statusReplies = statusReplies
        listener = try TCPListener(host: "127.0.0.1", port: requested)
        port = listener.port
        let thread = Thread { [self] in serve() }
        thread.name = "scripted-printer:\(port)"
        thread.start()
    }

    deinit { stop() }

    /// Connections served so far.
    public var connections: Int { lock.withLock { served } }

    /// Job bytes (anything that is not a status request) read so far, over all connections.
    public var jobBytesRead: Int { lock.withLock { jobBytes } }

    /// Stops listening and returns once the port is free (idempotent).
    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if first { finished.wait() }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func serve() {
        defer {
            listener.close()
            finished.signal()
        }
        while !isStopped {
            guard let connection = try? listener.accept(waitingAtMost: .milliseconds(50)) else { continue }
            lock.withLock { served += 1 }
            handle(connection)
        }
    }

    /// One connection: answer status requests, then fail as scripted.
    private func handle(_ connection: ByteStream) {
        var answered = 0
        var pending: [UInt8] = []
        while !isStopped {
            if answered >= statusReplies {
                switch behaviour {
                case .closeAfterStatus:
                    connection.close()
                    return
                case .resetOnJob:
                    _ = try? connection.waitReadable(milliseconds: 2000)
                    connection.closeWithReset()
                    return
                case .paperOutAfterJob, .silentAfterJob:
                    break
                }
            }
            let received: [UInt8]?
            do { received = try connection.receive(waitingAtMost: 100) } catch { break }
            guard let bytes = received else { continue }
            guard !bytes.isEmpty else { break }
            pending += bytes
            var jobBytesHere = 0
            // Answer each complete DLE EOT n; everything else counts as job bytes.
            var index = 0
            while index < pending.count {
                guard pending[index] == 0x10 else {
                    jobBytesHere += 1
                    index += 1
                    continue
                }
                guard index + 2 < pending.count else { break }
                guard pending[index + 1] == 0x04 else {
                    jobBytesHere += 1
                    index += 1
                    continue
                }
                let n = pending[index + 2]
                index += 3
                if answered >= statusReplies, behaviour == .silentAfterJob { continue }
                let reply = answered < statusReplies ? Self.ready : Self.paperOut(n)
                _ = connection.write([reply])
                answered += 1
                if answered >= statusReplies, behaviour == .closeAfterStatus || behaviour == .resetOnJob { break }
            }
            pending.removeFirst(index)
            lock.withLock { jobBytes += jobBytesHere }
        }
        connection.close()
    }

    /// The reply of an idle printer to `DLE EOT 1`, `2` and `4`.
    private static let ready: UInt8 = 0x12

    /// The replies of a printer out of paper: offline (1), paper-end stop (2), paper end (4).
    private static func paperOut(_ n: UInt8) -> UInt8 {
        switch n {
        case 1: 0x1A
        case 2: 0x32
        case 4: 0x72
        default: 0x12
        }
    }
}
