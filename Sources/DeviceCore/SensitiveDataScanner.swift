/// What must never be written to a log, a journal, a spool or a fixture, found in bytes: full
/// card numbers, track data, a PIN/CAN/PUK/password written next to its name, MRZ lines. The log
/// handler of the runtime redacts what it finds; the test suite's secrets sweep fails on it.
///
/// It works on raw bytes with ASCII patterns, so text, JSON, SQLite files and spooled receipts
/// are scanned alike, in one pass (spools hold jobs of 50 MB). Signature samples have no textual
/// shape and are not detected here; the log handler drops them by metadata key.
public struct SensitiveDataScanner: Sendable {
    /// Digit strings that pass the Luhn check but are known not to be card numbers (barcode
    /// values of test receipts, for the sweep); empty by default.
    public var allowedNumbers: Set<String>

    /// A scanner that lets `allowedNumbers` pass.
    public init(allowedNumbers: Set<String> = []) {
        self.allowedNumbers = allowedNumbers
    }

    /// Every finding in `bytes`, by offset.
    public func scan(_ bytes: some Collection<UInt8>) -> [SensitiveDataFinding] {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { buffer in
            var findings: [SensitiveDataFinding] = []
            var digitStart = -1
            var mrzStart = -1
            for index in 0...buffer.count {
                let byte: UInt8 = index < buffer.count ? buffer[index] : 0
                let isDigit = Self.isDigit(byte)
                if isDigit, digitStart < 0 { digitStart = index }
                if !isDigit, digitStart >= 0 {
                    checkDigits(buffer, start: digitStart, end: index, into: &findings)
                    digitStart = -1
                }
                let isMRZ = index < buffer.count && Self.isMRZByte(byte)
                if isMRZ, mrzStart < 0 { mrzStart = index }
                if !isMRZ, mrzStart >= 0 {
                    if [30, 36, 44].contains(index - mrzStart), Self.looksLikeMRZ(buffer[mrzStart..<index]) {
                        findings.append(SensitiveDataFinding(offset: mrzStart, length: index - mrzStart, kind: .mrzLine))
                    }
                    mrzStart = -1
                }
            }
            return findings.sorted { $0.offset < $1.offset }
        }
    }

    /// `text` with every finding replaced by `[REDACTED <kind>]` (for a labelled secret only the
    /// value is replaced, so `pin=[REDACTED pin]` still tells what was there).
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let findings = scan(bytes)
        guard !findings.isEmpty else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for finding in findings {
            let start = finding.kind == .labelledSecret ? finding.valueOffset : finding.offset
            let end = finding.offset + finding.length
            guard start >= cursor, end <= bytes.count else { continue }
            output += bytes[cursor..<start]
            output += Array("[REDACTED \(finding.kind.label)]".utf8)
            cursor = end
        }
        output += bytes[cursor...]
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `name` (a metadata key, a JSON field) names a secret whose whole value must go:
    /// `pin`, `can`, `puk`, `password`, … and signature samples.
    public static func isSecretName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretNames.contains(lowered) || lowered.hasSuffix("password") || lowered.hasSuffix("_pin") || lowered == "samples"
            || lowered == "signature" || lowered == "mrz" || lowered == "track2" || lowered == "pan"
    }

    // MARK: - Digit runs

    /// The checks on one maximal run of digits `start ..< end`.
    private func checkDigits(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, into findings: inout [SensitiveDataFinding]) {
        let length = end - start
        if (13...19).contains(length), Self.passesLuhn(buffer[start..<end]),
           !allowedNumbers.contains(String(decoding: buffer[start..<end], as: UTF8.self)) {
            findings.append(SensitiveDataFinding(offset: start, length: length, kind: .fullPAN))
        }
        if (12...19).contains(length), let track = trackStart(buffer, start: start, end: end) {
            findings.append(SensitiveDataFinding(offset: track, length: end - track, kind: .trackData))
        }
        if length >= 4, let name = secretNameStart(buffer, valueStart: start) {
            findings.append(SensitiveDataFinding(offset: name, length: end - name, valueOffset: start, kind: .labelledSecret))
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
    public static func passesLuhn(_ digits: some Collection<UInt8>) -> Bool {
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

    // MARK: - MRZ

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

/// One place in scanned bytes where something that must never be written down was found.
public struct SensitiveDataFinding: Sendable, Hashable {
    /// What kind of secret it looks like.
    public enum Kind: String, Sendable {
        /// 13–19 digits that pass the Luhn check: a full card number.
        case fullPAN = "full card number (PAN)"
        /// Magnetic-stripe track 1 or 2 data.
        case trackData = "card track data"
        /// A PIN, CAN, PUK or password written next to its name (`pin=123456`, `"password": "…"`).
        case labelledSecret = "PIN, CAN, PUK or password next to its name"
        /// A machine-readable-zone line of a passport or ID card.
        case mrzLine = "MRZ line of an identity document"

        /// The short word a redaction shows.
        public var label: String {
            switch self {
            case .fullPAN: "card number"
            case .trackData: "track data"
            case .labelledSecret: "secret"
            case .mrzLine: "MRZ"
            }
        }
    }

    /// The byte offset where it starts (the name, for a labelled secret).
    public var offset: Int
    /// Its length in bytes.
    public var length: Int
    /// Where the secret value itself starts (after `pin=`); ``offset`` for the other kinds.
    public var valueOffset: Int
    /// What it looks like.
    public var kind: Kind

    /// Creates a finding.
    public init(offset: Int, length: Int, valueOffset: Int? = nil, kind: Kind) {
        self.offset = offset
        self.length = length
        self.valueOffset = valueOffset ?? offset
        self.kind = kind
    }
}
