import DeviceCore
import Testing

/// The detector itself: what it must find, where, and what it must let pass.
@Suite("Sensitive data scanner")
struct SensitiveDataScannerTests {
    let scanner = SensitiveDataScanner(allowedNumbers: ["4006381333931"])

    func kinds(_ text: String) -> [SensitiveDataFinding.Kind] { scanner.scan(Array(text.utf8)).map(\.kind) }

    @Test("a full card number is found at its offset, in text and among binary bytes")
    func fullPAN() {
        let findings = scanner.scan(Array("amount 1300 card 4111111111111111 ok".utf8))
        #expect(findings == [SensitiveDataFinding(offset: 17, length: 16, kind: .fullPAN)])
        let binary: [UInt8] = [0x00, 0xFF, 0x13] + Array("5500005555555559".utf8) + [0x00]
        #expect(scanner.scan(binary).map(\.offset) == [3])
    }

    @Test("masked numbers, Luhn failures, short runs and allowed barcodes pass",
          arguments: ["************0010", "476173XXXXXX0010", "4111111111111112", "123456789012", "EAN 4006381333931 printed",
                      "2026-12-02T15:00:00Z", "terminal 52500038 receipt 0042"])
    func harmless(text: String) {
        #expect(kinds(text).isEmpty, "\(text)")
    }

    @Test("track 2 and track 1 data are found", arguments: [";4761739001010010=25122011000012340000?", "%B4761739001010010^MUSTERMANN/ERIKA^2512201"])
    func track(text: String) {
        #expect(kinds(text).contains(.trackData))
    }

    @Test("a PIN, CAN, PUK or password written next to its name is found",
          arguments: ["pin=123456", "\"password\": \"000000\"", "PIN: 12345", "puk:1234567890", "{\"can\":\"500540\"}"])
    func labelled(text: String) {
        #expect(kinds(text) == [.labelledSecret], "\(text)")
    }

    @Test("names inside other words and names without digits pass", arguments: ["spinning=1234", "CAN 123456 (a name without = or : is prose)", "pin-status: ready", "password: (from BHAL_ZVT_PASSWORD)", "scanner: 4711"])
    func notLabelled(text: String) {
        #expect(kinds(text).isEmpty, "\(text)")
    }

    @Test("an MRZ line (TD3 and TD1) is found, a receipt separator line is not")
    func mrz() {
        #expect(kinds("P<UTOSPECIMEN<<TEST<<<<<<<<<<<<<<<<<<<<<<<<<\nL898902C<3UTO6908061F9406236<<<<<<<<<<<<<<<4\n").contains(.mrzLine))
        #expect(kinds("IDUTOT22000129<<<<<<<<<<<<<<<<\n").contains(.mrzLine))
        #expect(kinds("<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n").isEmpty)
    }

    @Test("the Luhn check matches known valid and invalid numbers",
          arguments: [("79927398713", true), ("79927398710", false), ("4761739001010010", true), ("0", true), ("18", true), ("19", false)])
    func luhn(digits: String, valid: Bool) {
        #expect(SensitiveDataScanner.passesLuhn(Array(digits.utf8)) == valid)
    }

    @Test("redaction replaces card numbers, track data, MRZ lines and the value after a secret's name, and keeps the rest")
    func redaction() {
        #expect(scanner.redact("card 4761739001010010 approved, pin=123456, trace 000042")
                == "card [REDACTED card number] approved, pin=[REDACTED secret], trace 000042")
        #expect(scanner.redact("t2 ;4761739001010010=2512201 end").contains("4761739001010010") == false)
        #expect(scanner.redact("L898902C<3UTO6908061F9406236<<<<<<<<<<<<<<<4 x") == "[REDACTED MRZ] x")
        #expect(scanner.redact("nothing secret: receipt 0042, Gebühr 13,00 €") == "nothing secret: receipt 0042, Gebühr 13,00 €")
    }

    @Test("names of secrets are recognised as metadata keys", arguments: [("pin", true), ("PIN", true), ("zvtPassword", true), ("new_pin", true),
                                                                              ("samples", true), ("mrz", true), ("pinState", false), ("reader", false)])
    func secretNames(name: String, secret: Bool) {
        #expect(SensitiveDataScanner.isSecretName(name) == secret)
    }
}
