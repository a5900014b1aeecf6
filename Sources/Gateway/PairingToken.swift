/// The pairing token: the bearer secret a front-end must present on every request.
///
/// Never logged or returned: ``description`` is redacted. Compared in constant time.
public struct PairingToken: Sendable, CustomStringConvertible {
    /// The token's bytes as written in the file (hex text, whitespace trimmed).
    let bytes: [UInt8]

    /// A token of `text` (leading and trailing whitespace removed); `nil` when that is empty.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        bytes = Array(trimmed.utf8)
    }

    /// A new token: 32 bytes from the system's CSPRNG (`getrandom`), as 64 lowercase hex digits.
    public static func generate() -> PairingToken {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
        return PairingToken(text: hex)!
    }

    /// The hex text, for writing the file only.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether `candidate` equals this token, in time that depends only on the token's length
    /// (not on where the first difference is).
    public func matches(_ candidate: some Collection<UInt8>) -> Bool {
        let given = Array(candidate)
        var difference = UInt8(truncatingIfNeeded: given.count ^ bytes.count)
        for index in bytes.indices {
            let other = index < given.count ? given[index] : 0
            difference |= bytes[index] ^ other
        }
        return difference == 0
    }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
}

import Foundation
