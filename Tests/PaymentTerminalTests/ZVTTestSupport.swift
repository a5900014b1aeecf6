import Foundation
import PaymentTerminal
import TestSupport
import Testing

/// Fixture access and helpers shared by the ZVT codec tests.
enum ZVTFixture {
    /// The bytes of `Fixtures/zvt/<name>` (hex text with `#` comments).
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = Harness.repositoryRoot.appendingPathComponent("Fixtures/zvt").appendingPathComponent(name)
        return try ZVTHex.parse(String(contentsOf: url, encoding: .utf8))
    }

    /// Every fixture file name.
    static func names() throws -> [String] {
        let directory = Harness.repositoryRoot.appendingPathComponent("Fixtures/zvt")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".hex") }.sorted()
    }

    /// Fixtures holding one bare APDU (not serial frames).
    static let apduFixtures = [
        "abort-6c.hex", "authorization.hex", "completion-status-enquiry.hex", "intermediate-status-insert-card.hex",
        "print-line-cp437.hex", "print-line-latin1.hex", "print-text-block-customer.hex", "refusal-wrong-currency.hex",
        "registration.hex", "status-information-approved.hex",
    ]

    /// Fixtures holding a serial stream.
    static let serialFixtures = [
        "serial-ack-apdu.hex", "serial-crc-byte-03.hex", "serial-crc-byte-10.hex", "serial-length-10.hex", "serial-session.hex",
    ]
}

/// Hex shorthand for test vectors: `h("06 01 00")`.
func h(_ text: String) -> [UInt8] {
    (try? ZVTHex.parse(text)) ?? []
}

/// Runs `body` and returns the decoding error it throws, or records an issue when it does not throw.
func decodingError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> ZVTDecodingError? {
    do {
        try body()
        Issue.record("expected a ZVTDecodingError", sourceLocation: sourceLocation)
        return nil
    } catch let error as ZVTDecodingError {
        return error
    } catch {
        Issue.record("expected a ZVTDecodingError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
