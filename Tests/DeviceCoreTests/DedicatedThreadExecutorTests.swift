import DeviceCore
import Foundation
import Testing

/// An actor pinned to a dedicated thread, as blocking backends are.
private actor PinnedWorker {
    let executor = DedicatedThreadExecutor(name: "bhal-test-worker")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    var calls = 0

    func runsOnOwnThread() -> Bool {
        calls += 1
        return executor.isCurrentThread && !Thread.isMainThread
    }

    func block(until gate: DispatchSemaphore) {
        gate.wait()  // stands in for a blocking C call such as SCardGetStatusChange
    }
}

@Suite("Dedicated thread executor")
struct DedicatedThreadExecutorTests {
    @Test("actor methods run on the executor's own thread")
    func runsOnOwnThread() async {
        let worker = PinnedWorker()
        #expect(await worker.runsOnOwnThread())
        #expect(!worker.executor.isCurrentThread, "the test itself runs elsewhere")
    }

    @Test("a device thread blocked in C does not hold up other tasks, and calls stay serial",
          .timeLimit(.minutes(1)))
    func blockingDoesNotStallPool() async {
        let worker = PinnedWorker()
        let gate = DispatchSemaphore(value: 0)
        let blocked = Task { await worker.block(until: gate) }
        // Work on the cooperative pool completes while the worker is still blocked; if the
        // worker ran on the pool, this could starve and the time limit would fail the test.
        let sum = await withTaskGroup(of: Int.self) { group in
            for value in 1...100 { group.addTask { value } }
            return await group.reduce(0, +)
        }
        #expect(sum == 5050)
        gate.signal()
        await blocked.value
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 { group.addTask { _ = await worker.runsOnOwnThread() } }
        }
        #expect(await worker.calls == 50)
    }
}
