import Foundation

/// One place in one file where something that must never be written down was found.
struct SecretFinding: Sendable, Hashable, CustomStringConvertible {
    /// What kind of secret it looks like.
    enum Kind: String, Sendable {
        /// 13–19 digits that pass the Luhn check: a full card number.
        case fullPAN = "full card number (PAN)"
        /// Magnetic-stripe track 1 or 2 data.
        case trackData = "card track data"
        /// A PIN, CAN, PUK or password written next to its name (`pin=123456`, `"password": "…"`).
        case labelledSecret = "PIN, CAN, PUK or password next to its name"
        /// A machine-readable-zone line of a passport or ID card.
        case mrzLine = "MRZ line of an identity document"
    }

    /// The file (empty for scanned bytes that came from no file).
    var file: String
    /// The byte offset of the finding in the file.
    var offset: Int
    /// What it looks like.
    var kind: Kind

    /// `FILE: offset N: KIND`
    var description: String { "\(file): offset \(offset): \(kind.rawValue)" }
}

/// Scans bytes for secrets and personal data that must stay out of logs, journals, spools and
/// fixtures: full card numbers, track data, labelled PINs/passwords and MRZ lines. It works on
/// raw bytes (ASCII patterns), so text logs, JSON, SQLite files and spooled receipts are scanned
/// alike; known test identifiers that merely look like card numbers (EAN/ISBN barcodes of the
/// test receipts) are allowed by value.
struct SecretScanner: Sendable {
    /// Digit strings that pass the Luhn check but are not card numbers.
    var allowedNumbers: Set<String>

    /// A scanner that allows `allowedNumbers`.
    init(allowedNumbers: Set<String> = KnownTestIdentifiers.notCardNumbers) {
        self.allowedNumbers = allowedNumbers
    }

    /// Every finding in `bytes`, attributed to `file`. One pass over the bytes: digit runs are
    /// checked as card numbers, as the PAN of track data and as the value after a secret's name;
    /// runs of MRZ characters as MRZ lines. (The suite leaves 50 MB jobs in the printer spools.)
    func scan(_ bytes: [UInt8], file: String = "") -> [SecretFinding] {
        bytes.withUnsafeBufferPointer { buffer in
            var findings: [SecretFinding] = []
            var digitStart = -1
            var mrzStart = -1
            for index in 0...buffer.count {
                let byte: UInt8 = index < buffer.count ? buffer[index] : 0
                let isDigit = Self.isDigit(byte)
                if isDigit, digitStart < 0 { digitStart = index }
                if !isDigit, digitStart >= 0 {
                    checkDigits(buffer, start: digitStart, end: index, file: file, into: &findings)
                    digitStart = -1
                }
                let isMRZ = index < buffer.count && Self.isMRZByte(byte)
                if isMRZ, mrzStart < 0 { mrzStart = index }
                if !isMRZ, mrzStart >= 0 {
                    if [30, 36, 44].contains(index - mrzStart), Self.looksLikeMRZ(buffer[mrzStart..<index]) {
                        findings.append(SecretFinding(file: file, offset: mrzStart, kind: .mrzLine))
                    }
                    mrzStart = -1
                }
            }
            return findings.sorted { $0.offset < $1.offset }
        }
    }

    /// The checks on one maximal run of digits `start ..< end`.
    private func checkDigits(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, file: String, into findings: inout [SecretFinding]) {
        let length = end - start
        if (13...19).contains(length), Self.passesLuhn(buffer[start..<end]),
           !allowedNumbers.contains(String(decoding: buffer[start..<end], as: UTF8.self)) {
            findings.append(SecretFinding(file: file, offset: start, kind: .fullPAN))
        }
        if (12...19).contains(length), let track = trackStart(buffer, start: start, end: end) {
            findings.append(SecretFinding(file: file, offset: track, kind: .trackData))
        }
        if length >= 4, let name = secretNameStart(buffer, valueStart: start) {
            findings.append(SecretFinding(file: file, offset: name, kind: .labelledSecret))
        }
    }

    /// Track 2 (`;PAN=…`) or track 1 (`%BPAN^…`) around the digit run: the sentinel's offset.
    private func trackStart(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        guard end < buffer.count, start >= 1 else { return nil }
        if buffer[start - 1] == UInt8(ascii: ";"), buffer[end] == UInt8(ascii: "=") { return start - 1 }
        if start >= 2, buffer[start - 2] == UInt8(ascii: "%"), buffer[start - 1] == UInt8(ascii: "B"), buffer[end] == UInt8(ascii: "^") {
            return start - 2
        }
        return nil
    }

    /// Names after which a value is a secret, lowercased.
    private static let secretNames: Set<String> = ["pin", "can", "puk", "password", "passwort", "transportpin", "transport_pin", "new_pin", "newpin"]

    /// Whether the digits at `valueStart` follow `NAME=`, `NAME:`, `"NAME": "` … where NAME is a
    /// whole word naming a secret (`pin=123456`, `"password": "000000"`, `PIN: 1234`); the name's
    /// offset.
    private func secretNameStart(_ buffer: UnsafeBufferPointer<UInt8>, valueStart: Int) -> Int? {
        var cursor = valueStart - 1
        while cursor >= 0, buffer[cursor] == UInt8(ascii: " ") || buffer[cursor] == UInt8(ascii: "\"") { cursor -= 1 }
        guard cursor >= 0, buffer[cursor] == UInt8(ascii: "=") || buffer[cursor] == UInt8(ascii: ":") else { return nil }
        cursor -= 1
        while cursor >= 0, buffer[cursor] == UInt8(ascii: " ") { cursor -= 1 }
        if cursor >= 0, buffer[cursor] == UInt8(ascii: "\"") { cursor -= 1 }
        let nameEnd = cursor + 1
        while cursor >= 0, nameEnd - cursor <= 16, Self.isWordByte(buffer[cursor]) { cursor -= 1 }
        let nameStart = cursor + 1
        guard nameStart < nameEnd, cursor < 0 || !Self.isWordByte(buffer[cursor]) else { return nil }
        let name = String(decoding: buffer[nameStart..<nameEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return Self.secretNames.contains(name) ? nameStart : nil
    }

    /// The Luhn (mod 10) check that every card number passes.
    static func passesLuhn(_ digits: some Collection<UInt8>) -> Bool {
        var sum = 0
        for (position, byte) in digits.reversed().enumerated() {
            var value = Int(byte) - 0x30
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// A run of 30, 36 or 44 characters of `A–Z 0–9 <` with a `<<` filler, digits and letters:
    /// the machine-readable zone of a TD1, TD2 or TD3 document.
    private static func looksLikeMRZ(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let hasFiller = zip(line, line.dropFirst()).contains { $0 == UInt8(ascii: "<") && $1 == UInt8(ascii: "<") }
        return hasFiller && line.contains(where: isDigit) && line.contains { $0 >= 0x41 && $0 <= 0x5A }
    }

    // MARK: - Bytes

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    private static func isMRZByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "<")
    }
}
