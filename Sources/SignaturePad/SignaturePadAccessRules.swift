public import DeviceCore

extension SignaturePadModel {
    /// The udev access rules for every supported pad: group `sigpad`, USB device and hidraw nodes.
    /// Uses a group rather than `TAG+="uaccess"`, which needs systemd-logind (kiosks may run without).
    public static var accessRules: [USBAccessRule] {
        wacomSTU.map {
            USBAccessRule(comment: "\($0.vendor) \($0.model)", vendorID: $0.vendorID, products: .product($0.productID),
                          group: "sigpad", marker: "ID_SIGNATURE_PAD", includesHidraw: true)
        }
    }
}
