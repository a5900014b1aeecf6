public import DeviceCore
public import ReceiptPrinter
import USBHost

/// A receipt printer on USB (`usb://VID:PID[/SERIAL]`) through libusb bulk endpoints, with
/// real-time status.
///
/// The printer-class interface (USB class 7) is claimed on first use, after detaching a kernel
/// driver that holds it (usblp; re-attached on ``close()``). Status is asked in the printer's
/// ``PrinterStatusDialect`` on bulk OUT (ESC/POS `DLE EOT 1`, `2` and `4`, or Star's
/// `ESC ACK SOH`), each answered on bulk IN within `replyTimeout`. A job is sent only when
/// the printer reports no fault, in chunks of ``chunkSize`` bytes; a fault fails the print with
/// that reason (paper end, cover open, offline) before any job byte is sent. Runs on its own
/// thread: libusb's synchronous transfers block.
public actor USBReceiptPrinter: ReceiptPrinter, LifecycleHostingDevice {
    /// Job bytes per bulk OUT transfer: a stalled printer costs at most one chunk's timeout, and
    /// an error can say how much of the job the printer took. A cancelled caller is noticed
    /// between transfers (each synchronous transfer ends by its own timeout: `replyTimeout` per
    /// status read, the chunk timeout per chunk), with ``DeviceError/Kind/cancelled``.
    public static let chunkSize = 4096

    /// Static facts about the printer.
    public nonisolated let info: DeviceInfo
    /// Which printer this is.
    public nonisolated let address: USBDeviceAddress
    /// How status is asked: DLE EOT (ESC/POS) or ESC ACK SOH (Star Line Mode).
    public nonisolated let statusDialect: PrinterStatusDialect
    private let replyTimeout: Duration
    private let chunkTimeout: Duration
    private let clock: any Clock<Duration>
    private let executor: DedicatedThreadExecutor
    /// The open / claim / close bookkeeping, state and statistics (``LifecycleHostingDevice``).
    public var lifecycle: DeviceLifecycle
    private var connection: USBContext?
    /// The opened printer with its interface claimed; `nil` until first use or after an error.
    private var device: USBDeviceHandle?
    private var endpoints: USBPrinterEndpoints?
    /// The device's events (one consumer).
    public nonisolated let events: AsyncStream<DeviceEvent>

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a printer for `address` asked for status in `statusDialect`. A status reply must
    /// come within `replyTimeout`; each chunk of a job must be taken within `chunkTimeout`.
    public init(logicalName: String, address: USBDeviceAddress, statusDialect: PrinterStatusDialect = .escposRealTime,
                replyTimeout: Duration = .seconds(1),
                chunkTimeout: Duration = .seconds(10), clock: any Clock<Duration> = ContinuousClock()) {
        let lifecycle = DeviceLifecycle()
        self.lifecycle = lifecycle
        events = lifecycle.events.stream
        let known = ReceiptPrinterUSBVendor.identify(vendorID: address.vendorID, productID: address.productID)
        info = DeviceInfo(logicalName: logicalName, family: .receiptPrinter, backend: .real, backendName: "usb",
                          connection: address.description, vendor: known?.vendor, model: known?.model, serialNumber: address.serialNumber)
        self.address = address
        self.statusDialect = statusDialect
        self.replyTimeout = replyTimeout
        self.chunkTimeout = chunkTimeout
        self.clock = clock
        executor = DedicatedThreadExecutor(name: "usb:\(logicalName)")
    }

    /// Initialises libusb (`libusb_init`). Finding and claiming the printer happens on first use,
    /// so a health check can report a missing printer as a failed step.
    public func openConnection() async throws(DeviceError) {
        if connection == nil {
            do throws(LibUSBError) { connection = try USBContext() } catch { throw error.deviceError("open", device: .receiptPrinter) }
        }
    }

    /// Releases the USB interface, re-attaches a detached kernel driver and ends libusb
    /// (`libusb_release_interface`, `libusb_attach_kernel_driver`, `libusb_close`, `libusb_exit`).
    public func closeConnection() async {
        device?.close()
        device = nil
        connection = nil
        endpoints = nil
    }

    /// Asks the printer in ``statusDialect``: `DLE EOT 1` (online), `2` (cover, paper-end stop),
    /// `4` (paper sensors); or `ESC ACK SOH` (Star's automatic status).
    public func status() async throws(DeviceError) -> PrinterStatus {
        try lifecycle.beginRead("read status")
        do throws(DeviceError) {
            let (usb, endpoints) = try attach("read status")
            guard let bulkIn = endpoints.bulkIn else {
                throw DeviceError(.other, operation: "read status", message: "the printer's USB interface has no bulk IN endpoint, so it cannot report status",
                                  remedy: "Switch the printer's USB interface to bidirectional mode (see its manual), or use its network port.")
            }
            return try query(usb, endpoints, bulkIn: bulkIn, "read status")
        } catch {
            failed(error)
            throw error
        }
    }

    /// Checks the status, then sends the job in chunks. A fault fails before any job byte is sent.
    /// A printer without bulk IN cannot report faults: its job is sent unchecked.
    public func printRaw(_ job: [UInt8]) async throws(DeviceError) {
        try lifecycle.begin("print", needsClaim: false)
        do throws(DeviceError) {
            let (usb, endpoints) = try attach("print")
            if let bulkIn = endpoints.bulkIn, let fault = try query(usb, endpoints, bulkIn: bulkIn, "print").blockingFault("print") {
                throw fault
            }
            try send(job, usb, endpoints)
            lifecycle.succeeded()
        } catch {
            failed(error)
            throw error
        }
    }

    /// Internal: status readable and no fault. External: a test receipt prints.
    public func checkHealth(_ level: HealthCheckLevel) async throws(DeviceError) -> HealthReport {
        try lifecycle.requireOpen("check health")
        var recorder = HealthCheckRecorder(clock: clock)
        await ReceiptPrinterHealthSteps.record(level, of: self, dialect: statusDialect.commandDialect, into: &recorder)
        return recorder.report(for: info, level: level)
    }

    /// The open connection with the printer's interface claimed: finds the device on first use
    /// (or after an error closed it), picks its printer interface and claims it.
    private func attach(_ operation: String) throws(DeviceError) -> (USBDeviceHandle, USBPrinterEndpoints) {
        guard let connection else { throw DeviceError.notOpen(operation) }
        if let device, device.isOpen, let endpoints { return (device, endpoints) }
        let location = try locate(connection, operation)
        let settings: [USBInterfaceSetting]
        do throws(LibUSBError) { settings = try connection.interfaceSettings(at: location) } catch { throw error.deviceError(operation, device: .receiptPrinter) }
        guard let chosen = USBPrinterEndpoints.choose(from: settings) else {
            throw DeviceError(.noHardware, operation: operation,
                              message: "USB device \(address.lsusbID) has no interface with a bulk OUT endpoint, so it is not a printer",
                              remedy: "Check the usb:// id in the configuration against `lsusb -v -d \(address.lsusbID)`.")
        }
        device?.close()
        device = nil
        let opened: USBDeviceHandle
        do throws(LibUSBError) {
            opened = try connection.open(location)
            do throws(LibUSBError) { try opened.claim(interface: chosen.interface, alternateSetting: chosen.alternateSetting) } catch {
                opened.close()
                throw error
            }
        } catch {
            throw error.deviceError(operation, device: .receiptPrinter)
        }
        device = opened
        endpoints = chosen
        return (opened, chosen)
    }

    /// The attached device this printer's address names (reading serial numbers when needed).
    private func locate(_ connection: USBContext, _ operation: String) throws(DeviceError) -> USBDeviceLocation {
        let found: [USBDeviceLocation]
        do throws(LibUSBError) { found = try connection.devices(vendorID: address.vendorID, productID: address.productID) } catch {
            throw error.deviceError(operation, device: .receiptPrinter)
        }
        var candidates = found.map { USBPrinterCandidate(location: $0) }
        if USBPrinterSelection.needsSerials(address, candidates: found.count) {
            for index in candidates.indices {
                candidates[index].serial = serialNumber(of: candidates[index].location, connection, operation)
                if let wanted = address.serialNumber, candidates[index].readSerial == wanted { break }
            }
        }
        return try USBPrinterSelection.choose(address, from: candidates, operation: operation)
    }

    /// The device's serial-number string (descriptor 0 for the language, then `iSerialNumber`).
    private func serialNumber(of location: USBDeviceLocation, _ connection: USBContext, _ operation: String) -> Result<String?, DeviceError> {
        guard location.serialIndex != 0 else { return .success(nil) }
        do {
            let languages = try USBStringDescriptor.languages(try connection.stringDescriptor(at: location, index: 0, language: 0))
            let language = languages.first ?? USBStringDescriptor.usEnglish
            return .success(try USBStringDescriptor.text(try connection.stringDescriptor(at: location, index: location.serialIndex, language: language)))
        } catch let error as LibUSBError {
            return .failure(error.deviceError(operation, device: .receiptPrinter))
        } catch let error as ByteFormatError {
            return .failure(DeviceError(.protocol, operation: operation, message: "malformed serial-number string descriptor at \(error)",
                                        remedy: "Replug the printer; name it without a serial (usb://VID:PID) if only one is attached."))
        } catch {
            return .failure(DeviceError(.other, operation: operation, message: "\(error)", remedy: "Replug the printer and retry."))
        }
    }

    /// One ``PrinterStatusQuery`` over bulk OUT and IN: each request, then its reply.
    private func query(_ usb: USBDeviceHandle, _ endpoints: USBPrinterEndpoints, bulkIn: UInt8, _ operation: String) throws(DeviceError) -> PrinterStatus {
        var query = PrinterStatusQuery(dialect: statusDialect)
        while let request = query.nextRequest() {
            do throws(LibUSBError) {
                _ = try usb.bulkWrite(request[...], endpoint: endpoints.bulkOut, timeout: replyTimeout)
            } catch {
                // A printer that does not even take the request answers no status either.
                throw error == .timeout ? noReply(operation) : error.deviceError(operation, device: .receiptPrinter)
            }
            lifecycle.statistics.recordTraffic(sent: request.count)
            try awaitReply(usb, &query, bulkIn: bulkIn, packetSize: endpoints.inPacketSize, operation)
        }
        guard let status = query.status else {
            throw DeviceError(.protocol, operation: operation, message: "the \(statusDialect) replies gave no status",
                              remedy: "Retry; if it persists, check the printer profile.")
        }
        return status
    }

    /// Reads bulk IN until `query` has the reply to its last request; other bytes are skipped.
    private func awaitReply(_ usb: USBDeviceHandle, _ query: inout PrinterStatusQuery, bulkIn: UInt8, packetSize: Int,
                            _ operation: String) throws(DeviceError) {
        let deadline = ContinuousClock.now + replyTimeout
        while ContinuousClock.now < deadline {
            if Task.isCancelled { throw .cancelled(operation) }
            let bytes: [UInt8]
            do throws(LibUSBError) {
                bytes = try usb.bulkRead(maximum: packetSize, endpoint: bulkIn, timeout: deadline - ContinuousClock.now)
            } catch {
                if error == .timeout { break }
                throw error.deviceError(operation, device: .receiptPrinter)
            }
            lifecycle.statistics.recordTraffic(received: bytes.count)
            if query.receive(bytes) { return }
        }
        throw noReply(operation)
    }

    /// The timeout for a status request without reply; for a Star printer asked with DLE EOT the
    /// remedy names the Star profiles.
    private func noReply(_ operation: String) -> DeviceError {
        var remedy = statusDialect.noReplyRemedy
        if statusDialect == .escposRealTime, info.vendor == "Star" {
            remedy = "This is a Star printer: in Star Line Mode it does not answer DLE EOT, so give its profile (--profile star-tsp100 "
                + "or star-tsp650, or `profile:` in the configuration); in ESC/POS emulation, check that real-time status is enabled."
        }
        return DeviceError(.timeout, operation: operation, message: "no \(statusDialect) reply from USB printer \(address.lsusbID) within \(replyTimeout)",
                           remedy: remedy)
    }

    /// The job in chunks of ``chunkSize`` on bulk OUT.
    private func send(_ job: [UInt8], _ usb: USBDeviceHandle, _ endpoints: USBPrinterEndpoints) throws(DeviceError) {
        var sent = 0
        while sent < job.count {
            if Task.isCancelled {
                guard sent > 0 else { throw .cancelled("print") }
                throw DeviceError(.cancelled, operation: "print",
                                  message: "the caller cancelled the print after the printer took \(sent) of \(job.count) bytes; part of the receipt may have printed",
                                  remedy: "Check the paper before printing it again; do not simply resend it.")
            }
            let chunk = job[sent..<min(job.count, sent + Self.chunkSize)]
            let taken: Int
            do throws(LibUSBError) {
                taken = try usb.bulkWrite(chunk, endpoint: endpoints.bulkOut, timeout: chunkTimeout)
            } catch {
                var mapped = error.deviceError("print", device: .receiptPrinter)
                if sent > 0 {
                    mapped.message += " after \(sent) of \(job.count) bytes"
                    mapped.remedy += " Part of the receipt may have printed: check the paper before printing it again."
                }
                throw mapped
            }
            sent += taken
            lifecycle.statistics.recordTraffic(sent: taken)
            if taken < chunk.count {
                throw DeviceError(.timeout, operation: "print", message: "the printer took \(sent) of \(job.count) bytes, then none within \(chunkTimeout)",
                                  remedy: "Check the printer (paper, cover, cable); part of the receipt may have printed, so check the paper before printing it again.")
            }
        }
    }

    /// Records the failure and forgets the device handle, so the next operation finds the printer afresh.
    private func failed(_ error: DeviceError) {
        lifecycle.failed(error)
        device?.close()
        device = nil
        endpoints = nil
    }

}
