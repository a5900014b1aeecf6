import PaymentJournalSQLite
import NIOHTTP1
import Foundation
import PaymentTerminal
import Testing

/// Payments through the gateway: the runtime's payment path (journaled as `bhal payment`),
/// idempotent by request id, progress in order over the WebSocket, device leases, and the
/// safe cancel when the starting client disconnects. Real loopback HTTP and WebSocket, the
/// payment simulator (the real ZVT session over its in-memory link), a real SQLite journal.
@Suite("Gateway payments")
struct GatewayPaymentTests {
    @Test("a payment is journaled and its progress arrives over the WebSocket in order")
    func paymentWithEvents() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let events = EventsClient(port: gateway.port, token: gateway.token)
        var messages = events.messages.makeAsyncIterator()
        let hello = try #require(await messages.next())
        let clientID = try #require(hello.object["clientId"] as? String)

        let reply = try await gateway.request(.POST, "/v1/payments", json: #"{"device":"payment","amountCents":1250,"requestId":"fee-0001"}"#,
                                              headers: [("X-BHAL-Client", clientID)])
        #expect(reply.status == 202)
        let id = try #require(reply.object["id"] as? String)
        #expect(reply.headers.first(name: "Location") == "/v1/operations/\(id)")

        let seen = try #require(await messages.collect { $0.type == "operation" && $0.operationID == id && ($0.operation["state"] as? String) == "completed" })
        let mine = seen.filter { $0.operationID == id }
        // Sequence numbers increase by one across the server's events.
        let numbers = seen.map(\.seq)
        #expect(numbers == Array(numbers.first!...numbers.last!))
        // accepted → running → the terminal's displays (in the simulator's order) → completed.
        let timeline = mine.map { $0.type == "operation" ? ($0.operation["state"] as? String ?? "?") : $0.type }
        #expect(timeline == ["accepted", "running", "payment.status", "payment.status", "payment.status", "completed"])
        let texts = mine.filter { $0.type == "payment.status" }.map { $0.object["text"] as? String ?? "" }
        #expect(texts.count == 3)
        #expect(texts[1] == "PIN eingeben")
        let result = try #require(mine.last?.operation["result"] as? [String: Any])
        #expect(result["outcome"] as? String == "approved")
        #expect(result["amountCents"] as? Int == 1250)

        let entry = try #require(try await gateway.journal.entry(requestID: "fee-0001"))
        #expect(entry.state == .completed)
        #expect(entry.result?.outcome == .approved)
        let polled = try await gateway.request(.GET, "/v1/operations/\(id)")
        #expect(polled.object["state"] as? String == "completed")
        await events.close()
    }

    @Test("the same requestId twice: the same operation and one journal entry; another amount: 409")
    func idempotentRequestID() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let body = #"{"device":"payment","amountCents":500,"requestId":"booking-42"}"#
        let first = try await gateway.request(.POST, "/v1/payments", json: body)
        #expect(first.status == 202)
        let id = try #require(first.object["id"] as? String)
        let second = try await gateway.request(.POST, "/v1/payments", json: body)
        #expect(second.status == 200)
        #expect(second.object["id"] as? String == id)
        let other = try await gateway.request(.POST, "/v1/payments", json: #"{"device":"payment","amountCents":900,"requestId":"booking-42"}"#)
        #expect(other.status == 409)
        #expect(other.object["title"] as? String == "request-id-reused")
        #expect(other.object["operation"] as? String == id)

        let journalReply = try await gateway.request(.GET, "/v1/journal")
        let entries = try #require(journalReply.object["entries"] as? [[String: Any]])
        #expect(entries.filter { $0["requestId"] as? String == "booking-42" }.count == 1)
        #expect(try await gateway.journal.recent(limit: 100).filter { $0.request.requestID == "booking-42" }.count == 1)
    }

    @Test("bad payment bodies get 400 problems naming the member; an unknown device 404")
    func badBodies() async throws {
        let gateway = try await GatewayFixture.start()
        defer { Task { await gateway.stop() } }
        let cases: [(String, Int, String)] = [
            ("not json", 400, "JSON object"),
            (#"{"device":"payment","requestId":"r1"}"#, 400, "amountCents"),
            (#"{"device":"payment","amountCents":12.5,"requestId":"r1"}"#, 400, "whole number"),
            (#"{"device":"payment","amountCents":-3,"requestId":"r1"}"#, 400, "out of range"),
            (#"{"device":"payment","amountCents":100,"requestId":"has space"}"#, 400, "requestId"),
            (#"{"device":"payment","amountCents":true,"requestId":"r1"}"#, 400, "whole number"),
            (#"{"device":"nope","amountCents":100,"requestId":"r2"}"#, 404, "nope"),
            (#"{"device":"receipt","amountCents":100,"requestId":"r3"}"#, 404, "receipt"),
        ]
        for (body, status, mention) in cases {
            let reply = try await gateway.request(.POST, "/v1/payments", json: body)
            #expect(reply.status == status, "\(body)")
            #expect((reply.object["detail"] as? String)?.contains(mention) == true, "\(body): \(reply.text)")
        }
        #expect(try await gateway.journal.recent(limit: 10).isEmpty)
    }

    @Test("a leased terminal: another client gets 409 naming the holder; the holder's disconnect aborts the payment safely")
    func leaseAndDisconnect() async throws {
        // A terminal that keeps showing statuses until it is sent Abort.
        let gateway = try await GatewayFixture.start(paymentScenario: "flood-status")
        defer { Task { await gateway.stop() } }
        let holder = EventsClient(port: gateway.port, token: gateway.token)
        var holderMessages = holder.messages.makeAsyncIterator()
        let clientID = try #require(await holderMessages.next()?.object["clientId"] as? String)
        let observer = EventsClient(port: gateway.port, token: gateway.token)
        var observed = observer.messages.makeAsyncIterator()
        _ = await observed.next()

        let started = try await gateway.request(.POST, "/v1/payments", json: #"{"device":"payment","amountCents":700,"requestId":"lease-1"}"#,
                                                headers: [("X-BHAL-Client", clientID)])
        #expect(started.status == 202)
        let id = try #require(started.object["id"] as? String)
        // The terminal is working on it once its first status arrives.
        _ = try #require(await observed.collect { $0.type == "payment.status" && $0.operationID == id })

        let second = try await gateway.request(.POST, "/v1/payments", json: #"{"device":"payment","amountCents":300,"requestId":"lease-2"}"#)
        #expect(second.status == 409)
        #expect(second.object["title"] as? String == "device-busy")
        #expect(second.object["holderOperation"] as? String == id)
        let selfTest = try await gateway.request(.POST, "/v1/selftest")
        #expect(selfTest.status == 409)
        let devices = try await gateway.request(.GET, "/v1/devices")
        let payment = (devices.object["devices"] as? [[String: Any]])?.first { $0["name"] as? String == "payment" }
        #expect(payment?["leasedBy"] as? String == id)

        await holder.close()
        let end = try #require(await observed.collect { $0.type == "operation" && $0.operationID == id && ($0.operation["state"] as? String) == "completed" })
        let states = end.filter { $0.type == "operation" && $0.operationID == id }.map { $0.operation["state"] as? String }
        #expect(states.contains("cancelling"))
        let outcome = (end.last?.operation["result"] as? [String: Any])?["outcome"] as? String
        // Aborted by the terminal (it had booked nothing); never failed or lost.
        #expect(outcome == "aborted")
        let entry = try #require(try await gateway.journal.entry(requestID: "lease-1"))
        #expect(entry.state == .completed)
        #expect(entry.result?.outcome == .aborted)
        #expect(try await gateway.journal.entry(requestID: "lease-2") == nil)
        // Cancelling a finished operation: a typed error naming the expected states.
        let late = try await gateway.request(.POST, "/v1/operations/\(id)/cancel")
        #expect(late.status == 409)
        #expect(late.object["title"] as? String == "invalid-state")
        #expect(late.object["state"] as? String == "completed")
        #expect(late.object["expectedStates"] as? String == "accepted, running")
        await observer.close()
    }

    @Test("a payment the terminal approved before an Abort stays in doubt in the journal, never aborted")
    func approvedThenAbortIsInDoubt() async throws {
        let gateway = try await GatewayFixture.start(paymentScenario: "approve-then-abort-6C")
        defer { Task { await gateway.stop() } }
        let events = EventsClient(port: gateway.port, token: gateway.token)
        var messages = events.messages.makeAsyncIterator()
        _ = await messages.next()
        let started = try await gateway.request(.POST, "/v1/payments", json: #"{"device":"payment","amountCents":1000,"requestId":"doubt-1"}"#)
        let id = try #require(started.object["id"] as? String)
        let end = try #require(await messages.collect { $0.type == "operation" && $0.operationID == id && ($0.operation["state"] as? String) == "completed" })
        #expect((end.last?.operation["result"] as? [String: Any])?["outcome"] as? String == "inDoubt")
        #expect(try await gateway.journal.entry(requestID: "doubt-1")?.state == .inDoubt)
        await events.close()
    }
}
