import DeviceCore
import Testing

@Suite("Device lifecycle")
struct DeviceLifecycleTests {
    @Test("open and close are idempotent and each transition emits one event")
    func idempotentTransitions() async {
        var lifecycle = DeviceLifecycle()
        let first = lifecycle.opened()
        let second = lifecycle.opened()
        #expect(first)
        #expect(!second)
        #expect(lifecycle.state == .idle)
        let closedOnce = lifecycle.closed()
        let closedTwice = lifecycle.closed()
        #expect(closedOnce)
        #expect(!closedTwice)
        lifecycle.events.finish()
        var events: [DeviceEvent] = []
        for await event in lifecycle.events.stream { events.append(event) }
        #expect(events == [.stateChanged(.idle), .stateChanged(.closed)])
    }

    @Test("claiming a closed device fails with kind closed and a remedy")
    func claimNeedsOpen() {
        var lifecycle = DeviceLifecycle()
        #expect(throws: DeviceError.notOpen("claim")) { try lifecycle.claimed() }
        lifecycle.opened()
        #expect(throws: Never.self) { try lifecycle.claimed() }
        #expect(lifecycle.isClaimed)
        lifecycle.released()
        lifecycle.released()
        #expect(!lifecycle.isClaimed)
    }

    @Test("an operation that needs a claim fails without one and is not counted")
    func beginNeedsClaim() {
        var lifecycle = DeviceLifecycle()
        lifecycle.opened()
        #expect(throws: DeviceError.notClaimed("print")) { try lifecycle.begin("print", needsClaim: true) }
        #expect(lifecycle.statistics.operationCount == 0)
        #expect(lifecycle.state == .idle)
    }

    @Test("a fault moves to error and counts a communication error; a timeout stays retryable")
    func failureStates() {
        var lifecycle = DeviceLifecycle()
        lifecycle.opened()
        try? lifecycle.begin("transmit", needsClaim: false)
        #expect(lifecycle.state == .busy)
        lifecycle.failed(DeviceError(.removed, operation: "transmit", message: "card pulled", remedy: "Insert it again."))
        #expect(lifecycle.state == .error)
        #expect(lifecycle.statistics.errorCount == 1)
        #expect(lifecycle.statistics.communicationErrorCount == 1)

        let reopened = lifecycle.opened()
        #expect(reopened, "open from error recovers to idle")
        try? lifecycle.begin("transmit", needsClaim: false)
        lifecycle.failed(.timedOut("transmit", after: .seconds(5)))
        #expect(lifecycle.state == .idle)
        #expect(lifecycle.statistics.operationCount == 2)
        #expect(lifecycle.statistics.communicationErrorCount == 2)
    }

    @Test("closing releases the claim")
    func closeReleases() throws {
        var lifecycle = DeviceLifecycle()
        lifecycle.opened()
        try lifecycle.claimed()
        lifecycle.closed()
        #expect(!lifecycle.isClaimed)
        #expect(throws: DeviceError.notOpen("status")) { try lifecycle.requireOpen("status") }
    }
}
