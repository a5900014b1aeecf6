import DeviceCore
import Foundation
@testable import ReceiptPrinter
import TestSupport
import Testing

/// The network printer simulator serves clients independently, drops idle ones and keeps bounded
/// memory for a job of any size; real loopback sockets throughout.
@Suite("Printer simulator: several clients, idle timeout, bounded jobs", .serialized)
struct PrinterSimulatorConnectionsTests {
    /// Collects the simulator's notices.
    final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    static func start(_ limits: ESCPOSPrinterSimulator.Limits, notices: Notices? = nil) throws -> ESCPOSPrinterSimulator {
        let simulator = ESCPOSPrinterSimulator(profile: .epsonTMT20, limits: limits, onNotice: { notices?.add($0) })
        try simulator.start(host: "127.0.0.1", port: 0)
        return simulator
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    static func eventually(_ seconds: Double = 3, _ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<Int(seconds * 50) where !condition() { try await Task.sleep(for: .milliseconds(20)) }
        return condition()
    }

    @Test("an idle client does not block a second one: the print goes through while the first stays connected")
    func idleClientDoesNotBlock() async throws {
        let simulator = try Self.start(.default)
        defer { simulator.stop() }
        let idle = try LoopbackClient(port: simulator.port)
        defer { idle.close() }
        #expect(try await Self.eventually { simulator.connectionCount == 1 })
        let printer = TCPReceiptPrinter(logicalName: "receipt", host: "127.0.0.1", port: simulator.port)
        try await printer.open()
        try await printer.printRaw(try TCPReceiptPrinterTests.receipt())
        let jobs = try await TCPReceiptPrinterTests.jobs(simulator, count: 1)
        #expect(jobs.count == 1)
        #expect(jobs.first?.receipt.text.contains("Straße") == true)
        #expect(idle.receive(timeout: 0) == nil, "the idle client is still connected")
    }

    @Test("an idle client is dropped after the idle timeout, with a notice; what it sent is printed")
    func idleTimeout() async throws {
        let notices = Notices()
        let simulator = try Self.start(ESCPOSPrinterSimulator.Limits(idleTimeout: .milliseconds(300)), notices: notices)
        defer { simulator.stop() }
        let silent = try LoopbackClient(port: simulator.port)
        let started = ContinuousClock.now
        #expect(silent.waitForClose(timeout: 5), "closed by the simulator")
        #expect(ContinuousClock.now - started >= .milliseconds(250))
        #expect(simulator.jobs.isEmpty, "a connection that sent nothing is no job")

        let partial = try LoopbackClient(port: simulator.port)
        try partial.send(Array("Hallo\n".utf8))
        #expect(partial.waitForClose(timeout: 5))
        let jobs = try await TCPReceiptPrinterTests.jobs(simulator, count: 1)
        #expect(jobs.first?.receipt.text == "Hallo\n")
        #expect(try await Self.eventually { notices.all.filter { $0.contains("sent nothing for 0.3 seconds: closed") }.count == 2 }, "\(notices.all)")
        #expect(try await Self.eventually { simulator.connectionCount == 0 })
    }

    @Test("beyond the connection limit a client is closed at once, with a notice naming the limit")
    func connectionLimit() async throws {
        let notices = Notices()
        let simulator = try Self.start(ESCPOSPrinterSimulator.Limits(maximumConnections: 2), notices: notices)
        defer { simulator.stop() }
        let first = try LoopbackClient(port: simulator.port)
        let second = try LoopbackClient(port: simulator.port)
        defer { first.close(); second.close() }
        #expect(try await Self.eventually { simulator.connectionCount == 2 })
        let third = try LoopbackClient(port: simulator.port)
        #expect(third.waitForClose(timeout: 3))
        #expect(try await Self.eventually { notices.all.contains { $0.hasSuffix("refused: 2 connections are open, the limit") } }, "\(notices.all)")
        #expect(first.receive(timeout: 0) == nil && second.receive(timeout: 0) == nil, "the first two are still served")
    }

    @Test("a large job keeps a bounded buffer and a bounded receipt, and status requests after the paper end are still answered")
    func largeJobBounded() async throws {
        let limits = ESCPOSPrinterSimulator.Limits(retainedJobBytes: 64 << 10, render: RenderLimits(maximumLengthMillimetres: 200))
        let simulator = try Self.start(limits)
        defer { simulator.stop() }
        let client = try LoopbackClient(port: simulator.port)
        let line = Array("Zeile 0000000 Gebuehr fuer Fuehrungszeugnis 13,00\n".utf8)
        let piece = Array(repeating: line, count: 1 << 14).flatMap { $0 }  // 816 KiB
        for _ in 0..<10 { try client.send(piece) }
        try client.send(RealTimeStatus.request(1))
        #expect(client.read(1, timeout: 10) == [RealTimeStatus.fixedBits], "DLE EOT 1 after 8 MB is answered")
        client.shutdownWrite()
        #expect(client.waitForClose(timeout: 10))
        let jobs = try await TCPReceiptPrinterTests.jobs(simulator, count: 1)
        let job = try #require(jobs.first)
        #expect(job.byteCount == piece.count * 10 + 3)
        #expect(job.bytes.count == 64 << 10, "only the first 64 KiB are kept")
        #expect(job.bytes == Array(piece.prefix(64 << 10)))
        #expect(job.receipt.image.height == 1600, "200 mm of paper")
        #expect(job.receipt.cutOffOffset != nil)
        #expect(job.receipt.text.split(separator: "\n").count < 100)
    }

    @Test("jobs from concurrent clients get distinct numbers and only the latest retainedJobs are kept")
    func concurrentJobs() async throws {
        let simulator = try Self.start(ESCPOSPrinterSimulator.Limits(retainedJobs: 3))
        defer { simulator.stop() }
        let clients = try (0..<5).map { _ in try LoopbackClient(port: simulator.port) }
        for (index, client) in clients.enumerated() { try client.send(Array("Beleg \(index)\n".utf8)) }
        for client in clients { client.shutdownWrite() }
        for client in clients { #expect(client.waitForClose(timeout: 5)) }
        #expect(try await Self.eventually { simulator.jobs.last?.number == 5 })
        let jobs = simulator.jobs
        #expect(jobs.map(\.number) == [3, 4, 5])
        #expect(Set(jobs.map(\.receipt.text)).count == 3)
    }
}
