public import DeviceCore
import ReceiptPrinter
import SignaturePad

/// `udev/70-buergerhal.rules`: device permissions for every USB device a BuergerHAL backend opens
/// through libusb, generated from the families' ID tables. `bhal udev-rules` prints it; a test
/// compares it with the committed file.
public enum UdevRules {
    /// The rules of every family: signature pads (group `sigpad`), then receipt printers (group `lp`).
    public static var standard: [USBAccessRule] {
        SignaturePadModel.accessRules + ReceiptPrinterUSBVendor.accessRules
    }

    /// The rule file's content for `rules`.
    public static func render(_ rules: [USBAccessRule] = standard) -> String {
        var groups: [String] = []
        for rule in rules where !groups.contains(rule.group) { groups.append(rule.group) }
        var lines = [
            "# BuergerHAL: device permissions for signature pads and USB receipt printers. Generated from the ID",
            "# tables in Sources/SignaturePad/SignaturePadModels.swift and Sources/ReceiptPrinter/ReceiptPrinterUSBVendor.swift;",
            "# do not edit by hand (a test compares them). Regenerate: bhal udev-rules > udev/70-buergerhal.rules",
            "# Install: cp udev/70-buergerhal.rules /etc/udev/rules.d/ && groupadd -f sigpad &&",
            "#          udevadm control --reload && udevadm trigger; add the kiosk user to group"
                + (groups.count == 1 ? " " : "s ") + groups.joined(separator: " and ") + ".",
            "ACTION==\"remove\", GOTO=\"buergerhal_end\"",
        ]
        for rule in rules { lines += rule.udevLines }
        lines.append("LABEL=\"buergerhal_end\"")
        return lines.joined(separator: "\n") + "\n"
    }
}
