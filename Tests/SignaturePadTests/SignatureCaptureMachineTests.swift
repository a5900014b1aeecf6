import DeviceCore
import SignaturePad
import Testing

/// The session's rules without I/O: timeouts, completion after the pen is lifted, retry,
/// finish, cancel and abandonment.
@Suite("Signature capture machine")
struct SignatureCaptureMachineTests {
    let capabilities = STUPadSimulator.stu540

    func machine(timeout: Duration = .seconds(10), penUp: Duration? = nil, start: Duration = .zero) -> SignatureCaptureMachine {
        SignatureCaptureMachine(options: CaptureOptions(timeout: timeout, completeAfterPenUp: penUp), capabilities: capabilities,
                                attemptStart: start)
    }

    func sample(_ milliseconds: Int, down: Bool = true) -> PenSample {
        PenSample(x: milliseconds, y: 1, pressure: down ? 300 : 0, inContact: down, time: .milliseconds(milliseconds))
    }

    @Test("samples of the attempt are forwarded and kept; finish completes with them")
    func forwardAndFinish() {
        var machine = machine()
        for time in [5, 10, 15] {
            #expect(machine.handle(.sample(sample(time)), at: .milliseconds(time)) == .init(forward: sample(time), action: .none))
        }
        let step = machine.handle(.finish, at: .milliseconds(20))
        #expect(step.action == .end(.success(.completed(SignatureCapture(capabilities: capabilities, samples: [sample(5), sample(10), sample(15)])))))
        #expect(machine.hasEnded)
        #expect(machine.handle(.sample(sample(25)), at: .milliseconds(25)) == .init(forward: nil, action: .none), "nothing after the end")
    }

    @Test("the timeout ends the attempt exactly at its deadline, by a quiet tick or by a late sample")
    func timeout() {
        var quiet = machine(timeout: .seconds(2))
        #expect(quiet.deadline == .seconds(2))
        #expect(quiet.handle(.quiet, at: .milliseconds(1999)).action == .none)
        #expect(quiet.handle(.quiet, at: .seconds(2)).action == .end(.success(.timedOut)))
        var late = machine(timeout: .seconds(2))
        #expect(late.handle(.sample(sample(2000)), at: .seconds(2)) == .init(forward: nil, action: .end(.success(.timedOut))))
    }

    @Test("with completeAfterPenUp the session completes that long after the last contact, not before a stroke")
    func completion() {
        var machine = machine(penUp: .milliseconds(1500))
        _ = machine.handle(.sample(sample(5, down: false)), at: .milliseconds(5))
        #expect(machine.deadline == .seconds(10), "hovering alone never completes")
        _ = machine.handle(.sample(sample(100)), at: .milliseconds(100))
        #expect(machine.deadline == .milliseconds(1600))
        #expect(machine.handle(.sample(sample(1000, down: false)), at: .seconds(1)).forward != nil, "hover before the pause is kept")
        let step = machine.handle(.sample(sample(1600, down: false)), at: .milliseconds(1600))
        #expect(step.forward == nil)
        #expect(step.action == .end(.success(.completed(machine.capture))))
        #expect(machine.capture.samples.count == 3)
    }

    @Test("a quiet pad completes at the pause too (pen out of proximity sends nothing)")
    func completionWhenQuiet() {
        var machine = machine(penUp: .milliseconds(1500))
        _ = machine.handle(.sample(sample(100)), at: .milliseconds(100))
        #expect(machine.handle(.quiet, at: .milliseconds(1599)).action == .none)
        #expect(machine.handle(.quiet, at: .milliseconds(1600)).action == .end(.success(.completed(machine.capture))))
    }

    @Test("retry clears the attempt and restarts the timeout when the pad is ready again")
    func retry() {
        var machine = machine(timeout: .seconds(2), penUp: .milliseconds(500))
        _ = machine.handle(.sample(sample(100)), at: .milliseconds(100))
        #expect(machine.handle(.retry, at: .milliseconds(1900)) == .init(forward: nil, action: .restart))
        #expect(machine.samples.isEmpty)
        machine.attemptBegan(at: .milliseconds(1950))
        #expect(machine.deadline == .milliseconds(3950), "no completion without a stroke of the new attempt")
        #expect(machine.handle(.quiet, at: .seconds(3)).action == .none, "the first attempt's deadline no longer counts")
        #expect(machine.handle(.quiet, at: .milliseconds(3950)).action == .end(.success(.timedOut)))
    }

    @Test("cancel by the signer or the application, abandonment and faults end with their results")
    func endings() {
        var signer = machine()
        #expect(signer.handle(.cancel(by: .signer), at: .zero).action == .end(.success(.cancelled(by: .signer))))
        var application = machine()
        #expect(application.handle(.cancel(by: .application), at: .zero).action == .end(.success(.cancelled(by: .application))))
        var abandoned = machine()
        guard case .end(.failure(let error)) = abandoned.handle(.abandon, at: .zero).action else {
            Issue.record("abandon should end with an error")
            return
        }
        #expect(error.kind == .cancelled)
        let removed = DeviceError(.removed, operation: "read pen data", message: "gone", remedy: "Plug it in.")
        var failed = machine()
        #expect(failed.handle(.failed(removed), at: .zero).action == .end(.failure(removed)))
    }

    @Test("outcome names are stable machine names")
    func outcomeNames() {
        #expect(SignatureCaptureOutcome.timedOut.name == "timedOut")
        #expect(SignatureCaptureOutcome.cancelled(by: .signer).name == "cancelledBySigner")
        #expect(SignatureCaptureOutcome.cancelled(by: .application).name == "cancelledByApplication")
        #expect(SignatureCaptureOutcome.completed(SignatureCapture(capabilities: capabilities, samples: [])).name == "completed")
    }
}
