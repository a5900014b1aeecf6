/// PC/SC part 10 reader features (`CM_IOCTL_GET_FEATURE_REQUEST` answer: 6-byte TLVs
/// `tag, 04, control code (4 bytes, big-endian)`), and the BSI TR-03119 reader category they imply.
public enum PCSCFeatureList {
    /// Feature tags BuergerHAL uses.
    public enum Feature: UInt8, Sendable, CaseIterable, Codable {
        /// Secure PIN entry on the reader's PIN pad (`FEATURE_VERIFY_PIN_DIRECT`).
        case verifyPINDirect = 0x06
        /// PIN change on the reader's PIN pad (`FEATURE_MODIFY_PIN_DIRECT`).
        case modifyPINDirect = 0x07
        /// PIN pad properties (`FEATURE_IFD_PIN_PROPERTIES`).
        case pinProperties = 0x0A
        /// TLV properties (`FEATURE_GET_TLV_PROPERTIES`).
        case tlvProperties = 0x12
        /// PACE executed by the reader (`FEATURE_EXECUTE_PACE`, part 10 AMD 1).
        case executePACE = 0x20
    }

    /// Parses the feature TLVs; malformed trailing bytes are ignored, never trapped on.
    public static func parse(_ bytes: [UInt8]) -> [UInt8: UInt32] {
        var features: [UInt8: UInt32] = [:]
        var offset = 0
        while offset + 6 <= bytes.count {
            let tag = bytes[offset]
            let length = bytes[offset + 1]
            guard length == 4 else { break }
            features[tag] = bytes[(offset + 2)..<(offset + 6)].reduce(0) { $0 << 8 | UInt32($1) }
            offset += 6
        }
        return features
    }
}

/// BSI TR-03119 reader categories.
public enum ReaderCategory: String, Sendable, Codable, CustomStringConvertible {
    /// Basisleser: no PIN pad; the host runs PACE over plain APDUs.
    case basic
    /// Standardleser: PIN pad and PACE in the reader.
    case standard
    /// Komfortleser: additionally a display (and QES); not distinguishable by part 10 features alone.
    case comfort

    /// The category from a reader's part 10 features: PIN pad plus PACE → standard, else basic.
    public static func classify(_ features: Set<PCSCFeatureList.Feature>) -> ReaderCategory {
        features.contains(.verifyPINDirect) && features.contains(.executePACE) ? .standard : .basic
    }

    /// The raw value.
    public var description: String { rawValue }
}
