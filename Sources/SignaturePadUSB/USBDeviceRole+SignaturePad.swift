import DeviceCore

extension USBDeviceRole {
    /// How libusb remedies name a signature pad: group `sigpad` of `udev/70-buergerhal.rules`.
    static let signaturePad = USBDeviceRole(name: "signature pad", group: "sigpad", releaseHint: "close the vendor software")
}
