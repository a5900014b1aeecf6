public import DeviceCore
import Dispatch
import Foundation
import Synchronization

/// Watches pcscd for readers and cards (`SCardGetStatusChange` with the `\\?PnP?\Notification`
/// pseudo-reader) on a thread of its own, and survives pcscd restarts: when the service goes away
/// it reports so, then establishes a new context once pcscd is back and reports the readers again.
public final class PCSCMonitor: Sendable {
    /// What the monitor saw.
    public enum Event: Sendable, Hashable, CustomStringConvertible {
        /// pcscd answers (first contact, or back after being down).
        case serviceAvailable
        /// pcscd stopped answering; the error says what to do.
        case serviceLost(DeviceError)
        /// A reader appeared.
        case readerAttached(String)
        /// A reader disappeared.
        case readerDetached(String)
        /// A card is in the reader, with its ATR (also reported for cards present at start).
        case cardInserted(reader: String, atr: [UInt8])
        /// The card was removed.
        case cardRemoved(reader: String)

        /// One line for `bhal card watch`.
        public var description: String {
            switch self {
            case .serviceAvailable: "pcscd available"
            case .serviceLost(let error): "pcscd lost: \(error.message). \(error.remedy)"
            case .readerAttached(let name): "reader attached: \(name)"
            case .readerDetached(let name): "reader detached: \(name)"
            case .cardInserted(let reader, let atr): "card inserted: \(reader), ATR \(Hex.string(atr))"
            case .cardRemoved(let reader): "card removed: \(reader)"
            }
        }
    }

    private static let pnpReader = #"\\?PnP?\Notification"#
    private let control = Mutex<(stopped: Bool, started: Bool, cancel: PCSCCancelHandle?)>((false, false, nil))
    private let threadEnded = DispatchSemaphore(value: 0)
    private let pollInterval: UInt32
    private let retryInterval: TimeInterval

    /// Creates a monitor that waits at most `pollInterval` per `SCardGetStatusChange` and retries
    /// a lost pcscd every `retryInterval`. Nothing runs until ``events()`` is called.
    public init(pollInterval: Duration = .seconds(1), retryInterval: Duration = .milliseconds(500)) {
        self.pollInterval = UInt32(max(1, Int(pollInterval.components.seconds * 1000 + pollInterval.components.attoseconds / 1_000_000_000_000_000)))
        self.retryInterval = Double(retryInterval.components.seconds) + Double(retryInterval.components.attoseconds) / 1e18
    }

    /// Starts watching on a dedicated thread. Ending the stream (or ``stop()``) cancels the
    /// pending wait with `SCardCancel` and ends the thread. Call once per monitor.
    public func events() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(1024))
        continuation.onTermination = { [self] _ in stop() }
        control.withLock { $0.started = true }
        let thread = Thread { [self] in
            watch { continuation.yield($0) }
            continuation.finish()
            threadEnded.signal()
        }
        thread.name = "pcsc-monitor"
        thread.start()
        return stream
    }

    /// Stops watching.
    public func stop() {
        let cancel = control.withLock { state -> PCSCCancelHandle? in
            state.stopped = true
            return state.cancel
        }
        cancel?.cancel()
    }

    /// Stops watching and blocks until the monitor's thread has released its PC/SC context, so
    /// nothing touches libpcsclite afterwards (a process exiting meanwhile could crash in it).
    /// Call it from a thread that may block (a device actor's dedicated thread), not the pool.
    public func stopAndWait() {
        stop()
        let started = control.withLock { state -> Bool in
            defer { state.started = false }
            return state.started
        }
        if started { threadEnded.wait() }
    }

    private var stopped: Bool { control.withLock { $0.stopped } }

    private func watch(_ emit: (Event) -> Void) {
        var serviceUp: Bool?
        var readers: [PCSCContext.ReaderState] = []
        var pnp = PCSCContext.ReaderState(name: Self.pnpReader)
        while !stopped {
            let context: PCSCContext
            do {
                context = try PCSCContext()
                try watchWhileServiceUp(context, serviceUp: &serviceUp, readers: &readers, pnp: &pnp, emit)
            } catch {
                control.withLock { $0.cancel = nil }
                if error == .cancelled && stopped { return }
                if serviceUp != false {
                    for reader in readers where reader.present { emit(.cardRemoved(reader: reader.name)) }
                    for reader in readers { emit(.readerDetached(reader.name)) }
                    readers = []
                    pnp = PCSCContext.ReaderState(name: Self.pnpReader)
                    // pcscd going away shows as a broken link first; say what to do about it.
                    let lost = error == .communicationError
                        ? PCSCError.noService.deviceError("watch readers", message: "pcscd closed the connection")
                        : error.deviceError("watch readers")
                    emit(.serviceLost(lost))
                    serviceUp = false
                }
                Thread.sleep(forTimeInterval: retryInterval)
            }
        }
    }

    /// Loops over status changes until the context dies (throws) or the monitor stops (returns).
    private func watchWhileServiceUp(_ context: PCSCContext, serviceUp: inout Bool?, readers: inout [PCSCContext.ReaderState],
                                     pnp: inout PCSCContext.ReaderState, _ emit: (Event) -> Void) throws(PCSCError) {
        control.withLock { $0.cancel = context.cancelHandle }
        defer { control.withLock { $0.cancel = nil } }
        if stopped { return }
        _ = try context.listReaders()  // fails fast with E_NO_SERVICE when pcscd is gone
        if serviceUp != true {
            emit(.serviceAvailable)
            serviceUp = true
        }
        while !stopped {
            // Reconcile the reader list: new readers start unaware, so their state is reported.
            let names = try context.listReaders()
            for gone in readers where !names.contains(gone.name) {
                if gone.present { emit(.cardRemoved(reader: gone.name)) }
                emit(.readerDetached(gone.name))
            }
            let known = Set(readers.map(\.name))
            readers = readers.filter { names.contains($0.name) }
            for name in names where !known.contains(name) {
                emit(.readerAttached(name))
                readers.append(PCSCContext.ReaderState(name: name))
            }
            var states = readers + [pnp]
            let before = readers
            do {
                guard try context.waitForChange(&states, timeoutMilliseconds: .init(pollInterval)) else { continue }
            } catch where error == .unknownReader || error == .readerUnavailable {
                continue  // a reader went away between listing and waiting: list again
            } catch where error == .cancelled {
                return
            }
            pnp = states.removeLast()
            readers = states
            for (old, new) in zip(before, readers) {
                if new.present && (!old.present || old.atr != new.atr) { emit(.cardInserted(reader: new.name, atr: new.atr)) }
                if old.present && !new.present { emit(.cardRemoved(reader: new.name)) }
            }
        }
    }
}
