public import DeviceCore

/// The USB vendors of receipt printers BuergerHAL knows, with the models known by product id:
/// the single table the USB backend names devices from and the udev rule is generated from
/// (escpos.md §9, usb.ids).
///
/// The USB backend opens any `usb://VID:PID`; this table only supplies names and access rules.
public struct ReceiptPrinterUSBVendor: Sendable, Hashable {
    /// USB vendor id.
    public var vendorID: UInt16
    /// The vendor's name.
    public var name: String
    /// Known models by product id.
    public var models: [UInt16: String]

    /// Creates a table entry.
    public init(vendorID: UInt16, name: String, models: [UInt16: String] = [:]) {
        self.vendorID = vendorID
        self.name = name
        self.models = models
    }

    /// Epson, Star, Bixolon, Citizen (two vendor ids) and Custom.
    public static let known: [ReceiptPrinterUSBVendor] = [
        ReceiptPrinterUSBVendor(vendorID: 0x04B8, name: "Epson", models: [0x0202: "TM-T88IV", 0x0E03: "TM-T20", 0x0E31: "TM-L100"]),
        ReceiptPrinterUSBVendor(vendorID: 0x0519, name: "Star", models: [0x0003: "TSP100"]),
        ReceiptPrinterUSBVendor(vendorID: 0x1504, name: "Bixolon", models: [0x001F: "SRP-350II"]),
        ReceiptPrinterUSBVendor(vendorID: 0x1D90, name: "Citizen", models: [0x20F0: "CT-E351"]),
        ReceiptPrinterUSBVendor(vendorID: 0x2730, name: "Citizen"),
        ReceiptPrinterUSBVendor(vendorID: 0x0DD4, name: "Custom", models: [0x0237: "K80"]),
    ]

    /// The vendor name and, when known, the model of `vendorID:productID`; `nil` for other vendors.
    public static func identify(vendorID: UInt16, productID: UInt16) -> (vendor: String, model: String?)? {
        guard let vendor = known.first(where: { $0.vendorID == vendorID }) else { return nil }
        return (vendor.name, vendor.models[productID])
    }

    /// The udev access rules: every product of a known vendor that has a printer-class interface
    /// (USB class 7) may be opened by group `lp`, Debian's group for printers (it already owns
    /// the usblp nodes `/dev/usb/lp*`).
    public static var accessRules: [USBAccessRule] {
        known.map {
            USBAccessRule(comment: "\($0.name) receipt printers (vendor \(Hex.word($0.vendorID).lowercased()), printer-class interface)",
                          vendorID: $0.vendorID, products: .interfaceClass(7), group: "lp", marker: "ID_RECEIPT_PRINTER")
        }
    }
}
