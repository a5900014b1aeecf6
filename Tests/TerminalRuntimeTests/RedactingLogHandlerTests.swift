import Foundation
import Logging
import Synchronization
import Testing
@testable import TerminalRuntime

/// Collects what reaches it, as the handler behind the redacting one.
private final class CollectingHandler: LogHandler, @unchecked Sendable {
    let lines = Mutex<[String]>([])
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let error = event.error.map { " error=\($0)" } ?? ""
        lines.withLock { $0.append("\(event.message) \(fields)\(error)") }
    }
}

private struct DeviceFault: Error, CustomStringConvertible {
    var description: String
}

@Suite("Redacting log handler")
struct RedactingLogHandlerTests {
    /// Every kind of secret a careless caller could put into a message, metadata or an error.
    static let secrets = [
        "4761739001010010",  // full PAN
        ";4761739001010010=25122011000012340000?",  // track 2
        "L898902C<3UTO6908061F9406236<<<<<<<<<<<<<<<4",  // MRZ line (ICAO specimen style)
        "246813",  // PIN, CAN, PUK and password values below
        "975310",
        "11223344",
        "000042",
    ]

    @Test("no secret passes, whether in the message, in event or handler metadata, nested, or in an error")
    func everyKindOfSecret() throws {
        let sink = CollectingHandler()
        var logger = Logger(label: "test") { _ in RedactingLogHandler(wrapping: sink) }
        logger.logLevel = .trace
        logger[metadataKey: "password"] = "000042"
        logger.info("card 4761739001010010 read, track ;4761739001010010=25122011000012340000? pin=246813")
        logger.info("document", metadata: ["mrz": "L898902C<3UTO6908061F9406236<<<<<<<<<<<<<<<4", "can": "975310",
                                           "details": .dictionary(["puk": "11223344", "line": "L898902C<3UTO6908061F9406236<<<<<<<<<<<<<<<4"]),
                                           "list": .array(["4761739001010010"])])
        logger.error("failed", metadata: ["reason": "\"pin\": \"246813\" rejected"])
        logger.log(level: .error, "with error", error: DeviceFault(description: "card 4761739001010010 refused"))
        let lines = sink.lines.withLock { $0 }
        #expect(lines.count == 4)
        for line in lines {
            for secret in Self.secrets {
                #expect(!line.contains(secret), "\(secret) leaked in: \(line)")
            }
        }
        #expect(lines[0].hasPrefix("card [REDACTED card number] read, track [REDACTED track data]"))
        #expect(lines[0].contains("pin=[REDACTED secret]"))
        #expect(lines.allSatisfy { $0.contains("password=[REDACTED]") })
    }

    @Test("what is not secret passes unchanged")
    func harmlessText() {
        let sink = CollectingHandler()
        let logger = Logger(label: "test") { _ in RedactingLogHandler(wrapping: sink) }
        logger.warning("printer tcp://192.0.2.20:9100 out of paper, receipt 0042 spooled", metadata: ["reader": "Virtual PCD 00 00", "amount": "1300"])
        #expect(sink.lines.withLock { $0 } == ["printer tcp://192.0.2.20:9100 out of paper, receipt 0042 spooled amount=1300 reader=Virtual PCD 00 00"])
    }
}
