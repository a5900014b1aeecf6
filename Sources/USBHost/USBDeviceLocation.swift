import DeviceCore

/// Where a USB device sits on the bus, with the ids of its device descriptor.
public struct USBDeviceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The bus number.
    public var bus: UInt8
    /// The device address on the bus.
    public var address: UInt8
    /// `idVendor`.
    public var vendorID: UInt16
    /// `idProduct`.
    public var productID: UInt16
    /// `iSerialNumber` of the device descriptor; 0 when the device has no serial number.
    public var serialIndex: UInt8

    /// Creates a location (ids 0 when only the place matters, as in tests of a selection).
    public init(bus: UInt8, address: UInt8, vendorID: UInt16 = 0, productID: UInt16 = 0, serialIndex: UInt8) {
        self.bus = bus
        self.address = address
        self.vendorID = vendorID
        self.productID = productID
        self.serialIndex = serialIndex
    }

    /// `bus 1 address 5`
    public var description: String { "bus \(bus) address \(address)" }
}

extension Duration {
    /// This duration as a libusb transfer timeout: whole milliseconds rounded up and at least 1,
    /// because 0 means "wait for ever" to libusb; clamped to `UInt32.max`.
    public var usbMilliseconds: UInt32 { UInt32(clamping: max(1, wholeMillisecondsRoundedUp)) }
}
