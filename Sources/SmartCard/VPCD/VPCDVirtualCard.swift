import Foundation
import Synchronization
import SystemIO

/// A simulated card (``SimulatedCard`` or any other ``SimulatedCardResponder``) attached to a real pcscd through the vsmartcard `vpcd` reader driver, so
/// any PC/SC program (pcsc_scan, opensc-tool, kiosk software) sees it in "Virtual PCD 00 NN".
///
/// vpcd protocol: the card connects to the reader's TCP port; every message is a 2-byte
/// big-endian length and a payload. One-byte payloads are control (00 power off, 01 power on,
/// 02 reset, 04 get ATR); longer ones are command APDUs answered with data ‖ SW.
/// Runs on its own thread; thread-safe.
public final class VPCDVirtualCard: Sendable {
    /// Where vpcd listens (`127.0.0.1`, port 35963 for "Virtual PCD 00 00", 35964 for "00 01").
    public let host: String
    /// The reader slot's port.
    public let port: UInt16
    private let state: Mutex<State>

    private struct State {
        var card: any SimulatedCardResponder
        var socket: ByteStream?
        var stopped = false
        var apdusServed = 0
    }

    /// Creates a virtual card for vpcd at `host:port`; nothing connects until ``start()`` or ``run()``.
    public convenience init(card: SimulatedCard, host: String = "127.0.0.1", port: UInt16 = 35963) {
        self.init(responder: card, host: host, port: port)
    }

    /// Creates a virtual card answering with any simulated card (the simulated German ID card).
    public init(responder card: any SimulatedCardResponder, host: String = "127.0.0.1", port: UInt16 = 35963) {
        self.host = host
        self.port = port
        state = Mutex(State(card: card))
    }

    /// Command APDUs answered so far.
    public var apdusServed: Int { state.withLock { $0.apdusServed } }

    /// Connects and serves until vpcd closes the connection or ``stop()`` is called. Blocking:
    /// call it from a thread of its own (``start()`` does).
    public func run() throws(VPCDError) {
        let socket: ByteStream
        do throws(SystemCallError) {
            socket = try TCPConnection.connect(host: host, port: port, timeout: Self.connectTimeout)
        } catch {
            throw .unreachable(error)
        }
        let proceed = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.socket = socket
            return true
        }
        guard proceed else { return }
        defer { state.withLock { $0.socket = nil } }
        while let header = try Self.read(socket, exactly: 2) {
            let length = Int(header[0]) << 8 | Int(header[1])
            guard length > 0 else { throw VPCDError.protocolViolation("empty message") }
            guard let payload = try Self.read(socket, exactly: length) else { return }
            if let answer = answer(payload) {
                guard answer.count <= 0xFFFF else { throw VPCDError.protocolViolation("answer of \(answer.count) bytes") }
                do throws(SystemCallError) {
                    try socket.writeAll([UInt8(answer.count >> 8), UInt8(answer.count & 0xFF)] + answer)
                } catch {
                    throw .connectionLost(error)
                }
            }
        }
    }

    /// How long one connect to vpcd may take (it listens on this machine or the LAN).
    static let connectTimeout: Duration = .seconds(5)

    /// Reads exactly `count` bytes; `nil` when vpcd closed. vpcd writes length and payload
    /// separately, so each read acknowledges at once instead of waiting for the delayed-ACK timer
    /// (≈40 ms per APDU otherwise).
    private static func read(_ socket: ByteStream, exactly count: Int) throws(VPCDError) -> [UInt8]? {
        do throws(SystemCallError) {
            return try socket.read(exactly: count, acknowledgingAtOnce: true)
        } catch {
            throw .connectionLost(error)
        }
    }

    /// Starts ``run()`` on a dedicated thread, reconnecting every `retryInterval` while vpcd is
    /// unreachable or after it closed (pcscd restarted), until ``stop()``.
    public func start(retryInterval: Duration = .milliseconds(500), onError: @escaping @Sendable (VPCDError) -> Void = { _ in }) {
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                do throws(VPCDError) { try run() } catch { onError(error) }
                if state.withLock({ $0.stopped }) { break }
                let (seconds, attoseconds) = retryInterval.components
                Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
            }
        }
        thread.name = "vpcd-card:\(port)"
        thread.start()
    }

    /// Disconnects: the reader reports the card removed.
    public func stop() {
        let socket = state.withLock { state -> ByteStream? in
            state.stopped = true
            return state.socket
        }
        socket?.shutdown(readToo: true)
    }

    private func answer(_ payload: [UInt8]) -> [UInt8]? {
        state.withLock { state in
            guard payload.count == 1, let control = payload.first else {
                state.apdusServed += 1
                return state.card.respond(to: payload)
            }
            switch control {
            case 0x00: return nil  // power off
            case 0x01, 0x02:  // power on, reset
                state.card.reset()
                return nil
            case 0x04: return state.card.atr
            default: return state.card.respond(to: payload)  // a 1-byte APDU: answered with 6700
            }
        }
    }
}
