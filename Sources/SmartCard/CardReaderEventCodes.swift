public import DeviceCore

extension DeviceStatus.Code {
    /// A card is in the reader (active, with its ATR in hex as detail) or was taken out (cleared).
    public static let cardInserted = DeviceStatus.Code(rawValue: "cardInserted")
}
