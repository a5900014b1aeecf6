/// The ZVT card type of BMP 8A (PA00P015 §12).
public struct ZVTCardType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The card-type number.
    public var rawValue: UInt8

    /// Creates a card type.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The scheme name, or `nil` for types not in our list.
    public var name: String? { Self.names[rawValue] }

    /// `0A Visa`
    public var description: String { "\(ZVTBCD.hex(rawValue)) \(name ?? "card type \(rawValue)")" }

    private static let names: [UInt8: String] = [
        0x05: "girocard", 0x06: "Mastercard", 0x08: "American Express", 0x0A: "Visa", 0x0B: "Visa Electron",
        0x0C: "Diners", 0x0D: "V PAY", 0x0E: "JCB", 0x2E: "Maestro",
    ]
}
