import Foundation
import Glibc
import Synchronization
import SystemIO
import Testing

/// Signals delivered to the reader thread by the test below.
private let signalsDelivered = Atomic<Int>(0)

/// A signal that interrupts a blocked `poll` (EINTR) must not end the wait or fail the read.
@Suite("SystemIO retries interrupted calls")
struct InterruptedCallTests {
    @Test("a read waiting in poll survives signals and still returns the bytes that come after them")
    func pollInterruptedBySignals() throws {
        signal(SIGUSR1) { _ in signalsDelivered.add(1, ordering: .relaxed) }
        defer { signal(SIGUSR1, SIG_DFL) }
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(5))
        let server = try #require(try listener.accept(waitingAtMost: .seconds(5)))
        let reader = Mutex<pthread_t?>(nil)
        let result = Mutex<Result<[UInt8]?, SystemCallError>?>(nil)
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            // Threads may inherit a mask that blocks SIGUSR1; this one must take it.
            var mask = sigset_t()
            sigemptyset(&mask)
            sigaddset(&mask, SIGUSR1)
            pthread_sigmask(SIG_UNBLOCK, &mask, nil)
            reader.withLock { $0 = pthread_self() }
            started.signal()
            let outcome = Result { () throws(SystemCallError) in try server.receive(waitingAtMost: 30_000) }
            result.withLock { $0 = outcome }
            finished.signal()
        }
        thread.start()
        started.wait()
        let target = try #require(reader.withLock { $0 })
        let before = signalsDelivered.load(ordering: .relaxed)
        for _ in 0..<5 {
            // Spaced out so that most signals find the reader inside poll.
            usleep(20_000)
            pthread_kill(target, SIGUSR1)
        }
        try client.writeAll([7, 8])
        finished.wait()
        #expect(signalsDelivered.load(ordering: .relaxed) - before == 5, "every signal reached the reader thread")
        let received = try #require(result.withLock { $0 })
        #expect(try received.get() == [7, 8])
    }
}
