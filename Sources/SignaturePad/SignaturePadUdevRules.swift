/// Generates the udev rule that gives group `sigpad` access to supported pads, from the same ID
/// table the driver matches against. `udev/70-buergerhal.rules` is this output; a test diffs them.
///
/// Uses a group rather than `TAG+="uaccess"`, which needs systemd-logind (kiosks may run without).
public enum SignaturePadUdevRules {
    /// The rule file's content for `models`.
    public static func render(_ models: [SignaturePadModel] = SignaturePadModel.wacomSTU) -> String {
        var lines = [
            "# BuergerHAL: device permissions for signature pads. Generated from",
            "# Sources/SignaturePad/SignaturePadModels.swift; do not edit by hand (a test compares them).",
            "# Install: cp udev/70-buergerhal.rules /etc/udev/rules.d/ && groupadd -f sigpad &&",
            "#          udevadm control --reload && udevadm trigger; add the kiosk user to group sigpad.",
            "ACTION==\"remove\", GOTO=\"buergerhal_end\"",
        ]
        for model in models {
            let vendor = hex4(model.vendorID)
            let product = hex4(model.productID)
            lines.append("# \(model.vendor) \(model.model)")
            lines.append("SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTR{idVendor}==\"\(vendor)\", ATTR{idProduct}==\"\(product)\", ENV{ID_SIGNATURE_PAD}=\"1\", GROUP=\"sigpad\", MODE=\"0660\"")
            lines.append("SUBSYSTEM==\"hidraw\", ATTRS{idVendor}==\"\(vendor)\", ATTRS{idProduct}==\"\(product)\", GROUP=\"sigpad\", MODE=\"0660\"")
        }
        lines.append("LABEL=\"buergerhal_end\"")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
