/// The USB identities of supported signature pads: the single table the driver matches against
/// and the udev rule is generated from.
public struct SignaturePadModel: Sendable, Hashable {
    /// USB vendor id.
    public var vendorID: UInt16
    /// USB product id.
    public var productID: UInt16
    /// Vendor name.
    public var vendor: String
    /// Model name.
    public var model: String

    /// Creates a table entry.
    public init(vendorID: UInt16, productID: UInt16, vendor: String, model: String) {
        self.vendorID = vendorID
        self.productID = productID
        self.vendor = vendor
        self.model = model
    }

    /// Wacom STU pads (VID 056A).
    public static let wacomSTU: [SignaturePadModel] = [
        (0x00A1, "STU-500"), (0x00A2, "STU-300"), (0x00A3, "STU-520A"), (0x00A4, "STU-430"), (0x00A5, "STU-530"),
        (0x00A6, "STU-430V"), (0x00A8, "STU-540"), (0x00A9, "STU-541"),
    ].map { SignaturePadModel(vendorID: 0x056A, productID: $0.0, vendor: "Wacom", model: $0.1) }

    /// The model for a vendor and product id, if supported.
    public static func matching(vendorID: UInt16, productID: UInt16) -> SignaturePadModel? {
        wacomSTU.first { $0.vendorID == vendorID && $0.productID == productID }
    }
}
