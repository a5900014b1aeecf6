import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A serial executor that runs its jobs on one thread of its own, outside Swift's cooperative pool.
///
/// Device actors whose backends make blocking C calls (`SCardGetStatusChange`, libusb synchronous
/// transfers, `cupsDoRequest`) return this executor as their `unownedExecutor`, so a call that
/// blocks for seconds stalls only that device. Thread-safe: `enqueue` may be called from any thread.
/// The thread ends when the executor is released (with its actor) and no jobs are left.
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let queue = JobQueue()

    /// Starts the executor's thread, named `name` for debuggers and `top -H`.
    public init(name: String) {
        let queue = self.queue
        // Foundation on Linux applies a thread's name only when set from the thread itself.
        let thread = Thread {
            Thread.current.name = name
            queue.drain()
        }
        thread.start()
        queue.waitUntilStarted()
    }

    deinit {
        queue.stop()
    }

    /// Queues a job to run on the executor's thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        queue.push(UnownedJob(job), on: asUnownedSerialExecutor())
    }

    /// Whether the calling code runs on this executor's thread (for assertions and tests).
    public var isCurrentThread: Bool {
        queue.isDrainThread
    }

    /// This executor as an unowned reference for `Actor.unownedExecutor`.
    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}

/// The jobs waiting for a ``DedicatedThreadExecutor``'s thread; the thread owns it, so it outlives
/// the executor until the last job has run.
private final class JobQueue: @unchecked Sendable {
    // Guarded by `condition`.
    private var jobs: [(job: UnownedJob, executor: UnownedSerialExecutor)] = []
    private var stopped = false
    private var drainThread: pthread_t?
    private let condition = NSCondition()

    /// Blocks until `drain` runs, so `isDrainThread` is answerable right after init.
    func waitUntilStarted() {
        condition.lock()
        while drainThread == nil { condition.wait() }
        condition.unlock()
    }

    var isDrainThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        return drainThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    func push(_ job: UnownedJob, on executor: UnownedSerialExecutor) {
        condition.lock()
        jobs.append((job, executor))
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs in order until stopped and empty.
    func drain() {
        condition.lock()
        drainThread = pthread_self()
        condition.broadcast()
        condition.unlock()
        while let next = nextJob() {
            next.job.runSynchronously(on: next.executor)
        }
    }

    /// How long the thread keeps looking for a next job after one ran, before it sleeps. Device
    /// calls come in bursts (an APDU sequence, a status poll then a print): the caller's next call
    /// usually arrives within microseconds, and catching it here saves waking a sleeping thread
    /// per call. Idle devices cost nothing: the thread sleeps once the window has passed.
    static let pollWindow = Duration.microseconds(50)

    /// The next job, polling for ``pollWindow`` and then sleeping until one is pushed; `nil` once
    /// stopped with nothing left.
    private func nextJob() -> (job: UnownedJob, executor: UnownedSerialExecutor)? {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.pollWindow
        repeat {
            condition.lock()
            if !jobs.isEmpty {
                let next = jobs.removeFirst()
                condition.unlock()
                return next
            }
            let isStopped = stopped
            condition.unlock()
            if isStopped { return nil }
        } while clock.now < deadline
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !stopped { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
