internal import CLibUSB
import DeviceCore
import SignaturePad

/// The one place libusb is called. Not thread-safe: owned by one device actor on a dedicated
/// thread, because control and interrupt transfers here are synchronous.
final class LibUSBSession {
    /// A USB device found on the bus that matches the signature-pad table.
    struct Match {
        var model: SignaturePadModel
        var bus: UInt8
        var address: UInt8
    }

    private var context: OpaquePointer?
    private var handle: OpaquePointer?
    private var interruptEndpoint: UInt8 = 0x81

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

    /// `libusb_get_device_list` + `libusb_get_device_descriptor`: attached pads from the table.
    func attachedPads() throws(LibUSBError) -> [Match] {
        try withDeviceList { devices in
            devices.compactMap { device in
                var descriptor = libusb_device_descriptor()
                guard libusb_get_device_descriptor(device, &descriptor) == 0,
                      let model = SignaturePadModel.matching(vendorID: descriptor.idVendor, productID: descriptor.idProduct)
                else { return nil }
                return Match(model: model, bus: libusb_get_bus_number(device), address: libusb_get_device_address(device))
            }
        }
    }

    /// `libusb_open` + auto-detach of the kernel HID driver + `libusb_claim_interface(0)` on the
    /// pad at `bus`/`address`; finds the interrupt-IN endpoint for pen data.
    func openDevice(bus: UInt8, address: UInt8) throws(LibUSBError) {
        closeDevice()
        let opened: OpaquePointer? = try withDeviceList { devices throws(LibUSBError) in
            guard let device = devices.first(where: { libusb_get_bus_number($0) == bus && libusb_get_device_address($0) == address }) else {
                throw LibUSBError.noDevice
            }
            var handle: OpaquePointer?
            let code = libusb_open(device, &handle)
            guard code == 0 else { throw LibUSBError(rawValue: code) }
            interruptEndpoint = Self.interruptInEndpoint(of: device) ?? 0x81
            return handle
        }
        handle = opened
        libusb_set_auto_detach_kernel_driver(opened, 1)
        let claimed = libusb_claim_interface(opened, 0)
        guard claimed == 0 else {
            closeDevice()
            throw LibUSBError(rawValue: claimed)
        }
    }

    /// Releases the interface and closes the device (`libusb_release_interface`, `libusb_close`).
    func closeDevice() {
        guard let handle else { return }
        libusb_release_interface(handle, 0)
        libusb_close(handle)
        self.handle = nil
    }

    /// HID GET_REPORT (feature) over EP0: `libusb_control_transfer(A1, 01, 03 << 8 | id)`.
    func getFeature(_ id: UInt8, length: Int) throws(LibUSBError) -> [UInt8] {
        guard let handle else { throw LibUSBError.noDevice }
        var buffer = [UInt8](repeating: 0, count: length)
        buffer[0] = id
        let count = libusb_control_transfer(handle, 0xA1, 0x01, 0x0300 | UInt16(id), 0, &buffer, UInt16(length), 1000)
        guard count >= 0 else { throw LibUSBError(rawValue: count) }
        return Array(buffer.prefix(Int(count)))
    }

    /// HID SET_REPORT (feature) over EP0: `libusb_control_transfer(21, 09, 03 << 8 | id)`.
    func setFeature(_ report: [UInt8]) throws(LibUSBError) {
        guard let handle else { throw LibUSBError.noDevice }
        guard let id = report.first else { throw LibUSBError.invalidParameter }
        var buffer = report
        let count = libusb_control_transfer(handle, 0x21, 0x09, 0x0300 | UInt16(id), 0, &buffer, UInt16(buffer.count), 1000)
        guard count >= 0 else { throw LibUSBError(rawValue: count) }
    }

    /// `libusb_interrupt_transfer` on the pen-data endpoint; `nil` when nothing arrived in `timeoutMilliseconds`.
    func readInputReport(timeoutMilliseconds: UInt32) throws(LibUSBError) -> [UInt8]? {
        guard let handle else { throw LibUSBError.noDevice }
        var buffer = [UInt8](repeating: 0, count: 64)
        var transferred: Int32 = 0
        let code = libusb_interrupt_transfer(handle, interruptEndpoint, &buffer, Int32(buffer.count), &transferred, timeoutMilliseconds)
        if code == -7 { return nil }  // LIBUSB_ERROR_TIMEOUT: no report in this period
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        return Array(buffer.prefix(Int(transferred)))
    }

    private func withDeviceList<T>(_ body: ([OpaquePointer]) throws(LibUSBError) -> T) throws(LibUSBError) -> T {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0 else { throw LibUSBError(rawValue: Int32(truncatingIfNeeded: count)) }
        defer { libusb_free_device_list(list, 1) }
        let devices = (0..<Int(count)).compactMap { list?[$0] }
        return try body(devices)
    }

    private static func interruptInEndpoint(of device: OpaquePointer) -> UInt8? {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        guard libusb_get_active_config_descriptor(device, &config) == 0, let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        guard config.pointee.bNumInterfaces > 0, let interface = config.pointee.interface,
              interface.pointee.num_altsetting > 0, let setting = interface.pointee.altsetting else { return nil }
        for index in 0..<Int(setting.pointee.bNumEndpoints) {
            guard let endpoint = setting.pointee.endpoint?[index] else { continue }
            if endpoint.bmAttributes & 0x03 == 0x03 && endpoint.bEndpointAddress & 0x80 != 0 { return endpoint.bEndpointAddress }
        }
        return nil
    }
}
