internal import CLibUSB
public import DeviceCore

/// A libusb context: finds devices and opens them. The one place BuergerHAL calls
/// `libusb_init`, `libusb_get_device_list` and `libusb_open`.
///
/// Not thread-safe: one owner, the device actor, on its dedicated thread (lookups and opens
/// block briefly). Handles it opens keep it alive.
public final class USBContext {
    let context: OpaquePointer?

    /// `libusb_init`.
    public init() throws(LibUSBError) {
        var context: OpaquePointer?
        let code = libusb_init(&context)
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        self.context = context
    }

    deinit { libusb_exit(context) }

    /// The attached devices whose ids satisfy `matches` (`libusb_get_device_list` +
    /// `libusb_get_device_descriptor`).
    public func devices(where matches: (_ vendorID: UInt16, _ productID: UInt16) -> Bool) throws(LibUSBError) -> [USBDeviceLocation] {
        try withDeviceList { devices in
            devices.compactMap { device in
                var descriptor = libusb_device_descriptor()
                guard libusb_get_device_descriptor(device, &descriptor) == 0, matches(descriptor.idVendor, descriptor.idProduct) else { return nil }
                return USBDeviceLocation(bus: libusb_get_bus_number(device), address: libusb_get_device_address(device),
                                         vendorID: descriptor.idVendor, productID: descriptor.idProduct, serialIndex: descriptor.iSerialNumber)
            }
        }
    }

    /// The attached devices with these ids.
    public func devices(vendorID: UInt16, productID: UInt16) throws(LibUSBError) -> [USBDeviceLocation] {
        try devices { $0 == vendorID && $1 == productID }
    }

    /// The interface settings of the device's active configuration (`libusb_get_active_config_descriptor`).
    public func interfaceSettings(at location: USBDeviceLocation) throws(LibUSBError) -> [USBInterfaceSetting] {
        try withDevice(at: location) { device throws(LibUSBError) in
            var config: UnsafeMutablePointer<libusb_config_descriptor>?
            let code = libusb_get_active_config_descriptor(device, &config)
            guard code == 0, let config else { throw LibUSBError(rawValue: code == 0 ? LibUSBError.io.rawValue : code) }
            defer { libusb_free_config_descriptor(config) }
            var settings: [USBInterfaceSetting] = []
            for index in 0..<Int(config.pointee.bNumInterfaces) {
                guard let interface = config.pointee.interface?[index] else { continue }
                for alternate in 0..<Int(max(0, interface.num_altsetting)) {
                    guard let setting = interface.altsetting?[alternate] else { continue }
                    let endpoints = (0..<Int(setting.bNumEndpoints)).compactMap { number -> USBInterfaceSetting.Endpoint? in
                        guard let endpoint = setting.endpoint?[number] else { return nil }
                        return .init(address: endpoint.bEndpointAddress, attributes: endpoint.bmAttributes, maxPacketSize: endpoint.wMaxPacketSize)
                    }
                    settings.append(USBInterfaceSetting(interface: setting.bInterfaceNumber, alternateSetting: setting.bAlternateSetting,
                                                        interfaceClass: setting.bInterfaceClass, endpoints: endpoints))
                }
            }
            return settings
        }
    }

    /// A string descriptor (GET_DESCRIPTOR on EP0: `libusb_control_transfer(80, 06, 03 << 8 | index, language)`)
    /// through a handle opened only for this request, so no interface is claimed.
    public func stringDescriptor(at location: USBDeviceLocation, index: UInt8, language: UInt16) throws(LibUSBError) -> [UInt8] {
        let handle = try open(location)
        defer { handle.close() }
        return try handle.controlIn(requestType: 0x80, request: 0x06, value: 0x0300 | UInt16(index), index: language,
                                    length: 255, timeout: .seconds(1))
    }

    /// `libusb_open` on the device at `location`; ``LibUSBError/noDevice`` when it is gone.
    public func open(_ location: USBDeviceLocation) throws(LibUSBError) -> USBDeviceHandle {
        try withDevice(at: location) { device throws(LibUSBError) in
            var opened: OpaquePointer?
            let code = libusb_open(device, &opened)
            guard code == 0, let opened else { throw LibUSBError(rawValue: code == 0 ? LibUSBError.io.rawValue : code) }
            return USBDeviceHandle(handle: opened, context: self)
        }
    }

    private func withDevice<T>(at location: USBDeviceLocation, _ body: (OpaquePointer) throws(LibUSBError) -> T) throws(LibUSBError) -> T {
        try withDeviceList { devices throws(LibUSBError) in
            guard let device = devices.first(where: { libusb_get_bus_number($0) == location.bus && libusb_get_device_address($0) == location.address })
            else { throw LibUSBError.noDevice }
            return try body(device)
        }
    }

    private func withDeviceList<T>(_ body: ([OpaquePointer]) throws(LibUSBError) -> T) throws(LibUSBError) -> T {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0 else { throw LibUSBError(rawValue: Int32(truncatingIfNeeded: count)) }
        defer { libusb_free_device_list(list, 1) }
        let devices = (0..<Int(count)).compactMap { list?[$0] }
        return try body(devices)
    }
}
