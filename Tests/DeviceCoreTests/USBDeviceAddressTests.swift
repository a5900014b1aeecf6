import DeviceCore
import Testing

@Suite("usb:// addresses and libusb codes")
struct USBDeviceAddressTests {
    @Test("VID:PID in either case, with an optional percent-encoded serial",
          arguments: [
            ("usb://04b8:0e03", USBDeviceAddress(vendorID: 0x04B8, productID: 0x0E03)),
            ("usb://04B8:0E03/SYNTH0E03A1", USBDeviceAddress(vendorID: 0x04B8, productID: 0x0E03, serialNumber: "SYNTH0E03A1")),
            ("usb://0519:0003/J%2D42", USBDeviceAddress(vendorID: 0x0519, productID: 0x0003, serialNumber: "J-42")),
          ])
    func parses(_ uri: String, _ expected: USBDeviceAddress) throws {
        #expect(try USBDeviceAddress(uri: uri) == expected)
    }

    @Test("malformed URIs fail at the offending character",
          arguments: [
            ("usb:04b8:0e03", 0), ("usb://4b8:e03", 9), ("usb://04b8-0e03", 10), ("usb://+4b8:0e03", 6), ("usb://04b8:0e0", 14),
            ("usb://04b8:0e03:", 15), ("usb://04b8:0e03/", 16), ("usb://04b8:0e03/a b", 16), ("usb://04b8:0e03/a/b", 16), ("usb://０４b8:0e03", 6),
          ])
    func rejects(_ uri: String, _ offset: Int) {
        #expect(throws: ByteFormatError.self) { try USBDeviceAddress(uri: uri) }
        do {
            _ = try USBDeviceAddress(uri: uri)
        } catch {
            #expect(error.offset == offset, "\(uri): \(error)")
        }
    }

    @Test("the description is the canonical URI; lsusbID is lowercase")
    func formats() {
        let address = USBDeviceAddress(vendorID: 0x04B8, productID: 0x0E03, serialNumber: "A1")
        #expect(address.description == "usb://04B8:0E03/A1")
        #expect(address.lsusbID == "04b8:0e03")
    }

    static let pad = USBDeviceRole(name: "signature pad", group: "sigpad", releaseHint: "close the vendor software")

    @Test("libusb codes map to kinds; the remedy names the device, the udev rule and its group")
    func libusbErrors() {
        #expect(LibUSBError.access.kind == .permissionDenied)
        #expect(LibUSBError.access.remedy(for: Self.pad).contains("udev/70-buergerhal.rules"))
        #expect(LibUSBError.access.remedy(for: Self.pad).contains("group sigpad"))
        #expect(LibUSBError.noDevice.kind == .removed)
        #expect(LibUSBError.busy.kind == .busy)
        #expect(LibUSBError.busy.remedy(for: Self.pad).contains("close the vendor software"))
        #expect(LibUSBError.timeout.kind == .timeout)
        #expect(LibUSBError(rawValue: -9).kind == .protocol)
        #expect(LibUSBError(rawValue: -42).description == "libusb error (-42)")
        let error = LibUSBError.notFound.deviceError("open", device: Self.pad)
        #expect(error.kind == .noHardware)
        #expect(error.message == "libusb returned LIBUSB_ERROR_NOT_FOUND")
        #expect(error.remedy.contains("signature pad is not attached"))
    }
}
