public import DeviceCore
public import SmartCard

/// Why secure messaging failed. Every case ends the channel (the keys are wiped): PACE must run
/// again. Never carries plaintext or keys.
public enum SecureMessagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The channel ended earlier (after an error or ``SecureChannel/close()``).
    case channelClosed
    /// The card answered 6987 (SM objects missing) or 6988 (SM objects incorrect): it ended the channel.
    case cardEndedChannel(StatusWord)
    /// A required SM data object (`99` status, `8E` MAC) is missing from the answer.
    case missingObject(tag: UInt8)
    /// The MAC of the answer (or, on the chip side, of the command) is wrong.
    case wrongMAC
    /// The SM data objects are malformed at `offset` of the data field.
    case malformed(offset: Int, reason: String)
    /// The decrypted data has no valid ISO 9797-1 padding.
    case badPadding
    /// A plain command reached the chip side (no CLA bits 0C).
    case notProtected
    /// The command is too long for the card even in extended length.
    case commandTooLong(bytes: Int)
    /// Encryption or the MAC failed in libcrypto.
    case crypto(EIDCryptoError)
    /// The reader or card failed (removed, pcscd gone).
    case transport(DeviceError)

    /// What went wrong and what to do next.
    public var description: String {
        let what = switch self {
        case .channelClosed: "the secure channel was closed earlier"
        case .cardEndedChannel(let status): "the card ended secure messaging with SW \(status)"
        case .missingObject(let tag): "the card's answer lacks the secure messaging object \(Hex.byte(tag))"
        case .wrongMAC: "the secure messaging MAC is wrong"
        case .malformed(let offset, let reason): "malformed secure messaging data at offset \(offset): \(reason)"
        case .badPadding: "the decrypted data has no valid padding"
        case .notProtected: "a command without secure messaging"
        case .commandTooLong(let bytes): "a protected command of \(bytes) bytes is too long"
        case .crypto(let error): "secure messaging: \(error)"
        case .transport(let error): error.message
        }
        let remedy = if case .transport(let error) = self { error.remedy } else {
            "run PACE again (remove and insert the card if it persists)"
        }
        return "\(what); \(remedy)"
    }
}
