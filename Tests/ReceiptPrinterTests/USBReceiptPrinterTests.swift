import DeviceCore
import ReceiptPrinter
@testable import ReceiptPrinterUSB
import Testing
import USBHost

/// The USB backend's pure parts (interface choice, string descriptors, choosing among attached
/// printers) and its behaviour on a machine without the printer. The transfers themselves are
/// tested through `bhal` under umockdev (BhalCLITests/BhalUSBPrinterTests).
@Suite("USB receipt printer")
struct USBReceiptPrinterTests {
    typealias Endpoint = USBInterfaceSetting.Endpoint
    static let bulkOut = Endpoint(address: 0x01, attributes: 0x02, maxPacketSize: 64)
    static let bulkIn = Endpoint(address: 0x82, attributes: 0x02, maxPacketSize: 512)
    static let interruptIn = Endpoint(address: 0x83, attributes: 0x03, maxPacketSize: 8)

    @Test("the bidirectional printer-class setting wins over a unidirectional one and other classes")
    func choosesBidirectionalPrinterSetting() {
        let settings = [
            USBInterfaceSetting(interface: 0, alternateSetting: 0, interfaceClass: 0xFF, endpoints: [Self.bulkOut, Self.bulkIn]),
            USBInterfaceSetting(interface: 1, alternateSetting: 0, interfaceClass: 7, endpoints: [Self.bulkOut]),
            USBInterfaceSetting(interface: 1, alternateSetting: 1, interfaceClass: 7, endpoints: [Self.bulkOut, Self.interruptIn, Self.bulkIn]),
        ]
        #expect(USBPrinterEndpoints.choose(from: settings)
                == USBPrinterEndpoints(interface: 1, alternateSetting: 1, bulkOut: 0x01, bulkIn: 0x82, inPacketSize: 512))
    }

    @Test("without a printer-class interface the first setting with bulk OUT is used; none is nil")
    func fallsBackToFirstBulkOut() {
        let vendor = USBInterfaceSetting(interface: 2, alternateSetting: 0, interfaceClass: 0xFF, endpoints: [Self.interruptIn, Self.bulkOut])
        let hid = USBInterfaceSetting(interface: 0, alternateSetting: 0, interfaceClass: 3, endpoints: [Self.interruptIn])
        let printerWithoutOut = USBInterfaceSetting(interface: 1, alternateSetting: 0, interfaceClass: 7, endpoints: [Self.bulkIn])
        #expect(USBPrinterEndpoints.choose(from: [hid, printerWithoutOut, vendor])
                == USBPrinterEndpoints(interface: 2, alternateSetting: 0, bulkOut: 0x01, bulkIn: nil, inPacketSize: 64))
        #expect(USBPrinterEndpoints.choose(from: [hid, printerWithoutOut]) == nil)
    }

    @Test("string descriptors decode UTF-16LE up to bLength")
    func stringDescriptors() throws {
        #expect(try USBStringDescriptor.languages([4, 3, 0x09, 0x04]) == [0x0409])
        #expect(try USBStringDescriptor.text([10, 3, 0x41, 0, 0x42, 0, 0xDC, 0, 0x31, 0, 0xFF, 0xFF]) == "ABÜ1")
        #expect(try USBStringDescriptor.text([2, 3]).isEmpty)
    }

    @Test("malformed string descriptors fail with the offset, never trap",
          arguments: [
            ([UInt8](), 0), ([4], 1), ([4, 2, 0x09, 0x04], 1), ([8, 3, 0x41, 0], 0), ([5, 3, 0x41, 0, 0x42], 0), ([0, 3], 0),
          ])
    func malformedStringDescriptors(_ bytes: [UInt8], _ offset: Int) {
        #expect(throws: ByteFormatError.self) { try USBStringDescriptor.text(bytes) }
        do {
            _ = try USBStringDescriptor.text(bytes)
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    static let first = USBDeviceLocation(bus: 1, address: 5, serialIndex: 3)
    static let second = USBDeviceLocation(bus: 2, address: 9, serialIndex: 3)

    @Test("one attached printer is used without reading its serial; none attached is offline with lsusb")
    func choosesTheOnlyPrinter() throws {
        let address = USBDeviceAddress(vendorID: 0x04B8, productID: 0x0E03)
        #expect(!USBPrinterSelection.needsSerials(address, candidates: 1))
        #expect(try USBPrinterSelection.choose(address, from: [USBPrinterCandidate(location: Self.first)], operation: "print") == Self.first)
        let error = #expect(throws: DeviceError.self) { try USBPrinterSelection.choose(address, from: [], operation: "print") }
        #expect(error?.kind == .offline)
        #expect(error?.message == "no USB device 04b8:0e03 is attached")
        #expect(error?.remedy.contains("`lsusb`") == true)
    }

    @Test("several printers: a serial picks one; without one the error lists serials and unreadable ones")
    func severalPrinters() throws {
        let unreadable = LibUSBError.access.deviceError("print", device: .receiptPrinter)
        let candidates = [
            USBPrinterCandidate(location: Self.first, serial: .failure(unreadable)),
            USBPrinterCandidate(location: Self.second, serial: .success("B2")),
        ]
        let any = USBDeviceAddress(vendorID: 0x04B8, productID: 0x0E03)
        #expect(USBPrinterSelection.needsSerials(any, candidates: 2))
        let ambiguous = #expect(throws: DeviceError.self) { try USBPrinterSelection.choose(any, from: candidates, operation: "print") }
        #expect(ambiguous?.message == "2 USB printers 04b8:0e03 are attached: serial unreadable: LIBUSB_ERROR_ACCESS (bus 1 address 5), B2 (bus 2 address 9)")
        #expect(ambiguous?.remedy.contains("usb://04B8:0E03/SERIAL") == true)

        var named = any
        named.serialNumber = "B2"
        #expect(try USBPrinterSelection.choose(named, from: candidates, operation: "print") == Self.second)
        named.serialNumber = "C3"
        let missing = #expect(throws: DeviceError.self) { try USBPrinterSelection.choose(named, from: candidates, operation: "print") }
        #expect(missing?.kind == .offline)
        #expect(missing?.message.contains("with serial number C3") == true)
    }

    @Test("access denied names the udev rule and group lp; busy names CUPS")
    func libusbRemedies() {
        let denied = LibUSBError.access.deviceError("print", device: .receiptPrinter)
        #expect(denied.kind == .permissionDenied)
        #expect(denied.remedy.contains("udev/70-buergerhal.rules") && denied.remedy.contains("group lp"), "\(denied.remedy)")
        let busy = LibUSBError.busy.deviceError("print", device: .receiptPrinter)
        #expect(busy.kind == .busy)
        #expect(busy.remedy.contains("CUPS"))
        #expect(busy.backendCode == DeviceError.BackendCode(domain: "libusb", value: -6, name: "LIBUSB_ERROR_BUSY"))
    }

    @Test("with no such device attached, status and print fail as offline and nothing is spooled by the backend")
    func notAttached() async throws {
        // FFFF:FFFF is no real product id, so no machine running the tests has it attached.
        let printer = USBReceiptPrinter(logicalName: "receipt", address: USBDeviceAddress(vendorID: 0xFFFF, productID: 0xFFFF))
        #expect(printer.info.connection == "usb://FFFF:FFFF")
        #expect(printer.info.vendor == nil)
        let closed = await #expect(throws: DeviceError.self) { _ = try await printer.status() }
        #expect(closed?.kind == .closed)
        try await printer.open()
        let error = await #expect(throws: DeviceError.self) { try await printer.printRaw([0x1B, 0x40]) }
        #expect(error?.kind == .offline)
        #expect(error?.remedy.contains("lsusb") == true)
        let report = try await printer.checkHealth(.internal)
        #expect(!report.passed)
        let statistics = await printer.statistics
        #expect(statistics.errorCount == 2)
        #expect(statistics.bytesSent == 0)
        await printer.close()
        #expect(await printer.state == .closed)
    }

    @Test("a known vendor and product name the device")
    func namesKnownModels() {
        let printer = USBReceiptPrinter(logicalName: "receipt", address: USBDeviceAddress(vendorID: 0x04B8, productID: 0x0E03, serialNumber: "X1"))
        #expect(printer.info.vendor == "Epson")
        #expect(printer.info.model == "TM-T20")
        #expect(printer.info.serialNumber == "X1")
        #expect(printer.info.connection == "usb://04B8:0E03/X1")
    }

    @Test("the udev rules cover each vendor's printer-class interfaces for group lp")
    func accessRules() {
        let rules = ReceiptPrinterUSBVendor.accessRules
        #expect(Set(rules.map(\.vendorID)) == [0x04B8, 0x0519, 0x1504, 0x1D90, 0x2730, 0x0DD4])
        #expect(rules.allSatisfy { $0.group == "lp" && $0.products == .interfaceClass(7) })
        #expect(rules.first?.udevLines.last
                == "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTR{idVendor}==\"04b8\", ENV{ID_USB_INTERFACES}==\"*:07????:*\", ENV{ID_RECEIPT_PRINTER}=\"1\", GROUP=\"lp\", MODE=\"0660\"")
    }
}
