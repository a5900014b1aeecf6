internal import CLibUSB
public import DeviceCore

/// An opened USB device (`libusb_device_handle`): claims one interface under the one kernel-driver
/// policy, and runs synchronous bulk, control and interrupt transfers.
///
/// Kernel-driver policy: when a kernel driver (usblp, usbhid) is bound to the interface,
/// ``claim(interface:alternateSetting:)`` detaches it and ``close()`` re-attaches it. A
/// `libusb_kernel_driver_active` of `LIBUSB_ERROR_NOT_SUPPORTED` or `LIBUSB_ERROR_OTHER` (no
/// USBDEVFS_GETDRIVER, as under umockdev replay) means no driver is bound.
///
/// Not thread-safe: one owner on a dedicated thread, because every transfer blocks up to its
/// timeout.
public final class USBDeviceHandle {
    private var handle: OpaquePointer?
    /// Keeps the context alive until the handle is closed.
    let context: USBContext
    private var claimed: UInt8?
    private var reattachDriver = false

    init(handle: OpaquePointer, context: USBContext) {
        self.handle = handle
        self.context = context
    }

    deinit { close() }

    /// Whether the handle is open.
    public var isOpen: Bool { handle != nil }

    /// Detaches a bound kernel driver (remembered for re-attach), `libusb_claim_interface`, and
    /// `libusb_set_interface_alt_setting` when `alternateSetting` is not 0.
    public func claim(interface: UInt8, alternateSetting: UInt8 = 0) throws(LibUSBError) {
        let handle = try open()
        let number = Int32(interface)
        let active = libusb_kernel_driver_active(handle, number)
        if active == 1 {
            let detached = libusb_detach_kernel_driver(handle, number)
            guard detached == 0 || detached == LibUSBError.notFound.rawValue else { throw LibUSBError(rawValue: detached) }
            reattachDriver = detached == 0
        } else if active < 0, active != LibUSBError.notSupported.rawValue, active != LibUSBError.other.rawValue {
            throw LibUSBError(rawValue: active)
        }
        let claim = libusb_claim_interface(handle, number)
        guard claim == 0 else { throw LibUSBError(rawValue: claim) }
        claimed = interface
        if alternateSetting != 0 {
            let selected = libusb_set_interface_alt_setting(handle, number, Int32(alternateSetting))
            guard selected == 0 else { throw LibUSBError(rawValue: selected) }
        }
    }

    /// `libusb_bulk_transfer` OUT; returns how many bytes the device took. A timeout after part
    /// of the bytes returns that part; a timeout before any byte throws ``LibUSBError/timeout``.
    public func bulkWrite(_ bytes: ArraySlice<UInt8>, endpoint: UInt8, timeout: Duration) throws(LibUSBError) -> Int {
        let handle = try open()
        var buffer = Array(bytes)
        var transferred: Int32 = 0
        let code = libusb_bulk_transfer(handle, endpoint, &buffer, Int32(clamping: buffer.count), &transferred, timeout.usbMilliseconds)
        if code == LibUSBError.timeout.rawValue && transferred > 0 { return Int(transferred) }
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        return Int(transferred)
    }

    /// `libusb_bulk_transfer` IN of up to `maximum` bytes.
    public func bulkRead(maximum: Int, endpoint: UInt8, timeout: Duration) throws(LibUSBError) -> [UInt8] {
        let handle = try open()
        var buffer = [UInt8](repeating: 0, count: max(1, maximum))
        var transferred: Int32 = 0
        let code = libusb_bulk_transfer(handle, endpoint, &buffer, Int32(clamping: buffer.count), &transferred, timeout.usbMilliseconds)
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        return Array(buffer.prefix(Int(max(0, transferred))))
    }

    /// `libusb_interrupt_transfer` IN of up to `maximum` bytes; `nil` when nothing arrived in `timeout`.
    public func interruptRead(maximum: Int, endpoint: UInt8, timeout: Duration) throws(LibUSBError) -> [UInt8]? {
        let handle = try open()
        var buffer = [UInt8](repeating: 0, count: max(1, maximum))
        var transferred: Int32 = 0
        let code = libusb_interrupt_transfer(handle, endpoint, &buffer, Int32(clamping: buffer.count), &transferred, timeout.usbMilliseconds)
        if code == LibUSBError.timeout.rawValue { return nil }
        guard code == 0 else { throw LibUSBError(rawValue: code) }
        return Array(buffer.prefix(Int(max(0, transferred))))
    }

    /// A control transfer to the host (`libusb_control_transfer` with bit 7 of `requestType` set)
    /// of up to `length` bytes; `firstByte` pre-fills the buffer (HID GET_REPORT puts the report ID there).
    public func controlIn(requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: Int,
                          firstByte: UInt8? = nil, timeout: Duration) throws(LibUSBError) -> [UInt8] {
        let handle = try open()
        var buffer = [UInt8](repeating: 0, count: min(max(1, length), Int(UInt16.max)))
        if let firstByte { buffer[0] = firstByte }
        let count = libusb_control_transfer(handle, requestType, request, value, index, &buffer, UInt16(buffer.count), timeout.usbMilliseconds)
        guard count >= 0 else { throw LibUSBError(rawValue: count) }
        return Array(buffer.prefix(Int(count)))
    }

    /// A control transfer to the device (`libusb_control_transfer`) carrying `data`.
    public func controlOut(requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, data: [UInt8],
                           timeout: Duration) throws(LibUSBError) {
        let handle = try open()
        guard data.count <= Int(UInt16.max) else { throw LibUSBError.invalidParameter }
        var buffer = data
        let count = libusb_control_transfer(handle, requestType, request, value, index, &buffer, UInt16(buffer.count), timeout.usbMilliseconds)
        guard count >= 0 else { throw LibUSBError(rawValue: count) }
    }

    /// `libusb_release_interface`, `libusb_attach_kernel_driver` for a driver detached by
    /// ``claim(interface:alternateSetting:)``, `libusb_close`. Idempotent.
    public func close() {
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

    /// The libusb handle, for the asynchronous transfers of ``USBInterruptInPipe``.
    func open() throws(LibUSBError) -> OpaquePointer {
        guard let handle else { throw LibUSBError.noDevice }
        return handle
    }
}
