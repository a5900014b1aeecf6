import DeviceCore
import SignaturePad
import USBHost

/// A signature pad's USB connection over USBHost: finds pads from the ID table, claims
/// interface 0 (the HID driver detached and re-attached by USBHost's one policy), and carries HID
/// feature reports on EP0 and input reports on the interrupt-IN endpoint, read by a
/// ``USBInterruptInPipe`` (several transfers in flight, started on the first read).
///
/// Not thread-safe: owned by one ``STUSignaturePad`` on its dedicated thread, because its
/// transfers block.
final class STUUSBConnection {
    /// A USB device found on the bus that matches the signature-pad table.
    struct Match {
        var model: SignaturePadModel
        var location: USBDeviceLocation
        var bus: UInt8 { location.bus }
        var address: UInt8 { location.address }
    }

    private let context: USBContext
    private var device: USBDeviceHandle?
    private var pen: USBInterruptInPipe?
    private var interruptEndpoint: UInt8 = 0x81
    private var inputReportSize = 64

    /// Initialises libusb.
    init() throws(LibUSBError) {
        context = try USBContext()
    }

    deinit { closeDevice() }

    /// Attached pads from the table.
    func attachedPads() throws(LibUSBError) -> [Match] {
        try context.devices { SignaturePadModel.matching(vendorID: $0, productID: $1) != nil }.compactMap { location in
            SignaturePadModel.matching(vendorID: location.vendorID, productID: location.productID).map { Match(model: $0, location: location) }
        }
    }

    /// Opens the pad and claims interface 0; finds the interrupt-IN endpoint for pen data
    /// (0x81 when the descriptor names none).
    func openDevice(_ match: Match) throws(LibUSBError) {
        closeDevice()
        let settings = (try? context.interfaceSettings(at: match.location)) ?? []
        let pen = settings.first { $0.interface == 0 && $0.alternateSetting == 0 }?.endpoints.first { $0.isInterrupt && $0.isIn }
        interruptEndpoint = pen?.address ?? 0x81
        inputReportSize = max(64, Int(pen?.maxPacketSize ?? 64) & 0x7FF)
        let opened = try context.open(match.location)
        do throws(LibUSBError) { try opened.claim(interface: 0) } catch {
            opened.close()
            throw error
        }
        device = opened
    }

    /// Releases the interface (re-attaching the HID driver) and closes the device.
    func closeDevice() {
        pen?.stop()
        pen = nil
        device?.close()
        device = nil
    }

    /// HID GET_REPORT (feature) over EP0: `bmRequestType` A1, `bRequest` 01, `wValue` 03 << 8 | id.
    func getFeature(_ id: UInt8, length: Int) throws(LibUSBError) -> [UInt8] {
        guard let device else { throw LibUSBError.noDevice }
        return try device.controlIn(requestType: 0xA1, request: 0x01, value: 0x0300 | UInt16(id), index: 0, length: length,
                                    firstByte: id, timeout: .seconds(1))
    }

    /// HID SET_REPORT (feature) over EP0: `bmRequestType` 21, `bRequest` 09, `wValue` 03 << 8 | id.
    func setFeature(_ report: [UInt8]) throws(LibUSBError) {
        guard let device else { throw LibUSBError.noDevice }
        guard let id = report.first else { throw LibUSBError.invalidParameter }
        try device.controlOut(requestType: 0x21, request: 0x09, value: 0x0300 | UInt16(id), index: 0, data: report, timeout: .seconds(1))
    }

    /// One input report from the pen-data endpoint; `nil` when none arrived within `timeout`.
    func readInputReport(timeout: Duration) throws(LibUSBError) -> [UInt8]? {
        guard let device else { throw LibUSBError.noDevice }
        if pen == nil { pen = try USBInterruptInPipe(device: device, endpoint: interruptEndpoint, reportSize: inputReportSize) }
        guard let pen else { throw LibUSBError.noDevice }
        return try pen.nextReport(waitingAtMost: timeout)
    }
}
