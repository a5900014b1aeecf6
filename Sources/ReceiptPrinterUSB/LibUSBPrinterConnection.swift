internal import CLibUSB
import DeviceCore

/// The one place ReceiptPrinterUSB calls libusb. Not thread-safe: owned by one
/// ``USBReceiptPrinter`` on its dedicated thread, because bulk and control transfers here are
/// synchronous (`libusb_bulk_transfer`, `libusb_control_transfer`).
final class LibUSBPrinterConnection {
    private var context: OpaquePointer?
    private var handle: OpaquePointer?
    private var claimed: UInt8?
    private var reattachDriver = false

    /// `libusb_init`.
    init() throws(LibUSBError) {
        var context: OpaquePointer?
        let code = libusb_init(&context)
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        self.context = context
    }

    deinit {
        closeDevice()
        libusb_exit(context)
    }

    /// Whether a device is open and its interface claimed.
    var isDeviceOpen: Bool { handle != nil }

    /// `libusb_get_device_list` + `libusb_get_device_descriptor`: devices with these ids.
    func devices(vendorID: UInt16, productID: UInt16) throws(LibUSBError) -> [USBDeviceLocation] {
        try withDeviceList { devices in
            devices.compactMap { device in
                var descriptor = libusb_device_descriptor()
                guard libusb_get_device_descriptor(device, &descriptor) == 0,
                      descriptor.idVendor == vendorID, descriptor.idProduct == productID else { return nil }
                return USBDeviceLocation(bus: libusb_get_bus_number(device), address: libusb_get_device_address(device),
                                         serialIndex: descriptor.iSerialNumber)
            }
        }
    }

    /// The interfaces of the device's active configuration (`libusb_get_active_config_descriptor`).
    func interfaceSettings(at location: USBDeviceLocation) throws(LibUSBError) -> [USBInterfaceSetting] {
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

    /// A string descriptor (GET_DESCRIPTOR over EP0: `libusb_control_transfer(80, 06, 03 << 8 | index, language)`),
    /// read through a handle opened only for this request when no device is open.
    func stringDescriptor(at location: USBDeviceLocation, index: UInt8, language: UInt16) throws(LibUSBError) -> [UInt8] {
        let temporary = try openHandle(at: location)
        defer { libusb_close(temporary) }
        var buffer = [UInt8](repeating: 0, count: 255)
        let count = libusb_control_transfer(temporary, 0x80, 0x06, 0x0300 | UInt16(index), language, &buffer, UInt16(buffer.count), 1000)
        guard count >= 0 else { throw LibUSBError(rawValue: count) }
        return Array(buffer.prefix(Int(count)))
    }

    /// `libusb_open`; detaches a kernel driver bound to `endpoints.interface` (usblp) and
    /// remembers to re-attach it; `libusb_claim_interface`; selects the alternate setting if not 0.
    ///
    /// `libusb_kernel_driver_active` returning `LIBUSB_ERROR_NOT_SUPPORTED` or
    /// `LIBUSB_ERROR_OTHER` (no USBDEVFS_GETDRIVER, as under umockdev replay) means no driver is bound.
    func openDevice(at location: USBDeviceLocation, endpoints: USBPrinterEndpoints) throws(LibUSBError) {
        closeDevice()
        let opened = try openHandle(at: location)
        handle = opened
        let interface = Int32(endpoints.interface)
        let active = libusb_kernel_driver_active(opened, interface)
        if active == 1 {
            let detached = libusb_detach_kernel_driver(opened, interface)
            guard detached == 0 || detached == LibUSBError.notFound.rawValue else {
                closeDevice()
                throw LibUSBError(rawValue: detached)
            }
            reattachDriver = detached == 0
        } else if active < 0, active != LibUSBError.notSupported.rawValue, active != LibUSBError.other.rawValue {
            closeDevice()
            throw LibUSBError(rawValue: active)
        }
        let claim = libusb_claim_interface(opened, interface)
        guard claim == 0 else {
            closeDevice()
            throw LibUSBError(rawValue: claim)
        }
        claimed = endpoints.interface
        if endpoints.alternateSetting != 0 {
            let selected = libusb_set_interface_alt_setting(opened, interface, Int32(endpoints.alternateSetting))
            guard selected == 0 else {
                closeDevice()
                throw LibUSBError(rawValue: selected)
            }
        }
    }

    /// `libusb_release_interface`, `libusb_attach_kernel_driver` for a driver detached on open,
    /// `libusb_close`. Does nothing when no device is open.
    func closeDevice() {
        guard let handle else { return }
        if let claimed {
            libusb_release_interface(handle, Int32(claimed))
            if reattachDriver { libusb_attach_kernel_driver(handle, Int32(claimed)) }
        }
        libusb_close(handle)
        self.handle = nil
        claimed = nil
        reattachDriver = false
    }

    /// `libusb_bulk_transfer` OUT of `bytes`; returns how many the device took. A timeout after
    /// part of the bytes returns that part; a timeout before any byte throws.
    func write(_ bytes: ArraySlice<UInt8>, endpoint: UInt8, timeoutMilliseconds: UInt32) throws(LibUSBError) -> Int {
        guard let handle else { throw LibUSBError.noDevice }
        var buffer = Array(bytes)
        var transferred: Int32 = 0
        let code = libusb_bulk_transfer(handle, endpoint, &buffer, Int32(buffer.count), &transferred, timeoutMilliseconds)
        if code == LibUSBError.timeout.rawValue && transferred > 0 { return Int(transferred) }
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        return Int(transferred)
    }

    /// `libusb_bulk_transfer` IN of up to `maximum` bytes.
    func read(maximum: Int, endpoint: UInt8, timeoutMilliseconds: UInt32) throws(LibUSBError) -> [UInt8] {
        guard let handle else { throw LibUSBError.noDevice }
        var buffer = [UInt8](repeating: 0, count: maximum)
        var transferred: Int32 = 0
        let code = libusb_bulk_transfer(handle, endpoint, &buffer, Int32(buffer.count), &transferred, timeoutMilliseconds)
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        return Array(buffer.prefix(Int(transferred)))
    }

    private func openHandle(at location: USBDeviceLocation) throws(LibUSBError) -> OpaquePointer? {
        try withDevice(at: location) { device throws(LibUSBError) in
            var opened: OpaquePointer?
            let code = libusb_open(device, &opened)
            guard code == 0 else { throw LibUSBError(rawValue: code) }
            return opened
        }
    }

    private func withDevice<T>(at location: USBDeviceLocation, _ body: (OpaquePointer) throws(LibUSBError) -> T) throws(LibUSBError) -> T {
        try withDeviceList { devices throws(LibUSBError) in
            guard let device = devices.first(where: { libusb_get_bus_number($0) == location.bus && libusb_get_device_address($0) == location.address }) else {
                throw LibUSBError.noDevice
            }
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
