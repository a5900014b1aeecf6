import DeviceCore

extension USBDeviceRole {
    /// How libusb remedies name a receipt printer: group `lp` of `udev/70-buergerhal.rules`.
    static let receiptPrinter = USBDeviceRole(
        name: "receipt printer", group: "lp",
        releaseHint: "stop the CUPS queue that prints to it (`lpstat -v` lists it) or the other bhal, or wait until it has finished")
}
