// Compile-only canary (after swift-system's MemberImportVisibility probe): this file imports the
// C-backed backend modules but no C shim, and touches their public API with explicit Swift types.
// It stops compiling if a public signature starts using a C type (SCARDCONTEXT, ipp_t*,
// libusb_device_handle*, OpaquePointer) or if a backend re-exports its C module.
import DeviceCore
import ReceiptPrinter
import ReceiptPrinterCUPS
import ReceiptPrinterUSB
import SignaturePad
import SignaturePadUSB
import SmartCard
import SmartCardPCSC
import SystemIO
import Testing
import USBHost

func probeSignatures() async throws {
    let reader: PCSCCardReader = PCSCCardReader(logicalName: "r", readerPrefix: "", clock: ContinuousClock())
    let names: [String] = try await reader.readerNames()
    let slot: CardSlotStatus = try await reader.slotStatus()
    let response: [UInt8] = try await reader.transmit([0x00])
    let code: UInt32 = PCSCError.noService.rawValue
    let mapped: DeviceError = PCSCError(rawValue: code).deviceError("probe")

    let printer: CUPSReceiptPrinter = CUPSReceiptPrinter(logicalName: "p", queue: "q", server: nil, jobTimeout: .seconds(1), clock: ContinuousClock())
    let status: PrinterStatus = try await printer.status()
    try await printer.printRaw([UInt8]())
    let ipp: Int = CUPSError(status: 0x0406, message: "").status

    let usbPrinter: USBReceiptPrinter = USBReceiptPrinter(logicalName: "u", address: USBDeviceAddress(vendorID: UInt16(0x04B8), productID: UInt16(0x0E03)),
                                                          replyTimeout: .seconds(1), chunkTimeout: .seconds(1), clock: ContinuousClock())
    let usbStatus: PrinterStatus = try await usbPrinter.status()
    try await usbPrinter.printRaw([UInt8]())
    let chunk: Int = USBReceiptPrinter.chunkSize

    let pad: STUSignaturePad = STUSignaturePad(logicalName: "s", vendorID: UInt16(0x056A), productID: UInt16(0x00A8), clock: ContinuousClock())
    let caps: SignaturePadCapabilities = try await pad.capabilities()
    let session: SignatureCaptureSession = try await pad.startCapture(CaptureOptions(timeout: .seconds(1)))
    let capture: SignatureCaptureOutcome = try await session.finish()
    let usb: Int32 = LibUSBError(rawValue: -3).rawValue
    let executor: UnownedSerialExecutor = reader.unownedExecutor
    _ = (names, slot, response, mapped, status, ipp, usbStatus, chunk, caps, capture, usb, executor)
}

/// The two OS layers: no Glibc or libusb type in their public API.
func probeOSLayers() throws {
    let stream: ByteStream = try TCPConnection.connect(host: "127.0.0.1", port: UInt16(1), timeout: .seconds(1))
    let descriptor: Int32 = stream.descriptor
    let received: [UInt8]? = try stream.receive(maximum: 1, waitingAtMost: Int32(0))
    let outcome: WriteOutcome = stream.write([UInt8]())
    let listener: TCPListener = try TCPListener(host: "::1", port: UInt16(0))
    let accepted: ByteStream? = try listener.accept(waitingAtMost: .zero)
    let line: ByteStream = try SerialLine.open(path: "/dev/null", settings: SerialLineSettings(baud: .b9600))
    let error: SystemCallError.Code = SystemCallError(call: "poll", context: "", code: Int32(4)).code
    let context: USBContext = try USBContext()
    let found: [USBDeviceLocation] = try context.devices(vendorID: UInt16(0x04B8), productID: UInt16(0x0E03))
    let settings: [USBInterfaceSetting] = try context.interfaceSettings(at: found[0])
    let handle: USBDeviceHandle = try context.open(found[0])
    try handle.claim(interface: UInt8(0))
    let bulk: [UInt8] = try handle.bulkRead(maximum: 1, endpoint: UInt8(0x81), timeout: .seconds(1))
    let interrupt: [UInt8]? = try handle.interruptRead(maximum: 1, endpoint: UInt8(0x81), timeout: .seconds(1))
    let milliseconds: (Int32, UInt32) = (Duration.seconds(1).pollMilliseconds, Duration.seconds(1).usbMilliseconds)
    _ = (descriptor, received, outcome, accepted, line, error, settings, bulk, interrupt, milliseconds)
}

@Test("the C boundary probe compiles (the check is the build itself)")
func cBoundaryProbeCompiles() {
    // Referencing the probe keeps it from being dead-stripped or optimised away.
    let probe: () async throws -> Void = probeSignatures
    #expect(type(of: probe) == (() async throws -> Void).self)
    let osProbe: () throws -> Void = probeOSLayers
    #expect(type(of: osProbe) == (() throws -> Void).self)
}
