/// A reader control code for ``CardReader/control(code:data:)`` (`SCardControl`'s `dwControlCode`),
/// as pcsc-lite numbers them on Linux: `SCARD_CTL_CODE(n)` = `0x42000000 + n`.
///
/// PC/SC part 10 features (PIN pad, PACE in the reader) are reached by asking the reader for its
/// feature list with ``getFeatureRequest`` and then using the codes it names.
public struct CardReaderControlCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The numeric control code.
    public var rawValue: UInt32

    /// Creates a control code from its number (e.g. one a reader's feature list names).
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `SCARD_CTL_CODE(function)`: pcsc-lite's code for IFD handler function `function`.
    public static func pcscLite(_ function: UInt32) -> CardReaderControlCode {
        CardReaderControlCode(rawValue: 0x4200_0000 &+ function)
    }

    /// `CM_IOCTL_GET_FEATURE_REQUEST` (`SCARD_CTL_CODE(3400)`): the reader's part 10 features,
    /// answered as 6-byte TLVs (tag, `04`, control code big-endian); see `PCSCFeatureList`.
    public static let getFeatureRequest = pcscLite(3400)

    /// `0x42000D48`
    public var description: String { "0x" + String(rawValue, radix: 16, uppercase: true) }
}
