import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `bhal serve` as a technician starts it: loopback only, the token file, clean stop.
@Suite("bhal serve")
struct ServeCommandTests {
    @Test("a non-loopback --listen is refused, saying TLS is required and not configured", arguments: ["0.0.0.0:8787", "192.0.2.1:80", "[::]:8787", "kiosk.local:8787"])
    func nonLoopbackRefused(listen: String) async throws {
        let run = try await Harness.runBhal(["serve", "--simulate", "--listen", listen, "--token-file", temporaryPath("token")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("not a loopback address"))
        #expect(run.stderr.contains("TLS"))
        #expect(run.stderr.contains("127.0.0.1:PORT"))
    }

    @Test("a bad --allow-origin is a usage error")
    func badOrigin() async throws {
        let run = try await Harness.runBhal(["serve", "--simulate", "--listen", "127.0.0.1:0", "--allow-origin", "http://x/"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--allow-origin"))
    }

    @Test("starts on 127.0.0.1, prints the address and the token file (never the token), answers, stops on SIGTERM")
    func startsAndStops() async throws {
        let tokenPath = temporaryPath("token")
        let serve = try BackgroundBhal(["serve", "--simulate", "--listen", "127.0.0.1:0", "--token-file", tokenPath],
                                       environment: ["BHAL_PAYMENT_JOURNAL": temporaryPath("journal.sqlite"), "BHAL_LOG_LEVEL": "notice"])
        defer { serve.terminate() }
        #expect(await serve.waitUntil(attempts: 6000) { $0.output.contains("listening on") })
        let line = try #require(serve.lines.first { $0.contains("listening on") })
        #expect(line.contains("http://127.0.0.1:"))
        #expect(line.contains(tokenPath))
        let token = try String(contentsOfFile: tokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count == 64)
        #expect(!serve.output.contains(token))
        let attributes = try FileManager.default.attributesOfItem(atPath: tokenPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let port = try #require(line.split(separator: ":").last.flatMap { UInt16($0.prefix { $0.isNumber }) })
        let client = try LoopbackClient(port: port)
        try client.send(Array("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n".utf8))
        var answer: [UInt8] = []
        while let chunk = client.receive(timeout: 30), !chunk.isEmpty { answer += chunk }
        let text = String(decoding: answer, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(text.contains("\"devices\""))

        // SIGHUP (a reload after rotating the token) re-reads the file and does not end the server.
        kill(serve.pid, SIGHUP)
        #expect(await serve.waitUntil(attempts: 6000) { $0.output.contains("SIGHUP: pairing token file read again") })
        #expect(serve.isRunning)

        kill(serve.pid, SIGTERM)
        #expect(await serve.exitStatus() == 0)
        #expect(!serve.output.contains(token))
    }

    @Test("--unix PATH: serves on a Unix socket, token still required")
    func unixSocket() async throws {
        let tokenPath = temporaryPath("token")
        let socketPath = temporaryPath("gw.sock")
        let serve = try BackgroundBhal(["serve", "--simulate", "--unix", socketPath, "--token-file", tokenPath],
                                       environment: ["BHAL_PAYMENT_JOURNAL": temporaryPath("journal.sqlite")])
        defer { serve.terminate() }
        #expect(await serve.waitUntil(attempts: 6000) { $0.output.contains("listening on") })
        #expect(serve.output.contains("unix:\(socketPath)"))
        let token = try String(contentsOfFile: tokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let base = "http+unix://" + socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        var request = HTTPClientRequest(url: base + "/v1/devices")
        let refused = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(refused.status.code == 401)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let accepted = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(accepted.status.code == 200)
        let body = try await accepted.body.collect(upTo: 1 << 20)
        #expect(String(buffer: body).contains("\"payment\""))
    }

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bhal-serve-\(UUID().uuidString)-\(name)").path
    }
}
