/// USB devices that a group may open through libusb, as one entry of `udev/70-buergerhal.rules`:
/// one product of a vendor, or every product of a vendor that has an interface of one class.
///
/// Families build these from their ID tables; the runtime joins them into the rule file.
public struct USBAccessRule: Sendable, Hashable {
    /// Which products of the vendor the rule covers.
    public enum Products: Sendable, Hashable {
        /// Exactly this product id.
        case product(UInt16)
        /// Every product with an interface of this USB class (7 = printer), from udev's `ID_USB_INTERFACES`.
        case interfaceClass(UInt8)
    }

    /// A comment line above the rule (`"Wacom STU-540"`).
    public var comment: String
    /// USB vendor id.
    public var vendorID: UInt16
    /// The products covered.
    public var products: Products
    /// The group that gets read/write access (`MODE="0660"`).
    public var group: String
    /// A udev property the rule sets to `1`, so other rules and programs can find the device (`ID_SIGNATURE_PAD`).
    public var marker: String
    /// Whether the device's hidraw nodes get the same access (HID devices read through hidraw).
    public var includesHidraw: Bool

    /// Creates a rule.
    public init(comment: String, vendorID: UInt16, products: Products, group: String, marker: String, includesHidraw: Bool = false) {
        self.comment = comment
        self.vendorID = vendorID
        self.products = products
        self.group = group
        self.marker = marker
        self.includesHidraw = includesHidraw
    }

    /// The comment and rule lines for this entry.
    public var udevLines: [String] {
        let vendor = Hex.word(vendorID).lowercased()
        let access = "GROUP=\"\(group)\", MODE=\"0660\""
        switch products {
        case .product(let id):
            let product = Hex.word(id).lowercased()
            var lines = [
                "# \(comment)",
                "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTR{idVendor}==\"\(vendor)\", ATTR{idProduct}==\"\(product)\", ENV{\(marker)}=\"1\", \(access)",
            ]
            if includesHidraw {
                lines.append("SUBSYSTEM==\"hidraw\", ATTRS{idVendor}==\"\(vendor)\", ATTRS{idProduct}==\"\(product)\", \(access)")
            }
            return lines
        case .interfaceClass(let usbClass):
            // ID_USB_INTERFACES (":070102:") comes from udev's usb_id builtin, run by 50-udev-default.rules.
            let pattern = "*:" + Hex.byte(usbClass).lowercased() + "????:*"
            return [
                "# \(comment)",
                "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTR{idVendor}==\"\(vendor)\", ENV{ID_USB_INTERFACES}==\"\(pattern)\", ENV{\(marker)}=\"1\", \(access)",
            ]
        }
    }
}
