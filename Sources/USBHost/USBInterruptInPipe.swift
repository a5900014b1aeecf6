internal import CLibUSB
public import DeviceCore
import Foundation

/// Interrupt-IN reports read asynchronously: several transfers stay submitted at once, so no
/// report is lost while the owner handles the previous one. A dedicated event thread runs
/// `libusb_handle_events_timeout_completed` and resubmits each completed transfer; ``stop()``
/// cancels every transfer in flight (`libusb_cancel_transfer`) and waits for them to end.
///
/// Thread-safe: ``nextReport(waitingAtMost:)`` blocks its caller (the device actor's dedicated
/// thread) on a condition, never the cooperative pool. Call ``stop()`` before closing the handle.
public final class USBInterruptInPipe: @unchecked Sendable {
    /// Reports kept when the owner reads slower than the device sends; older ones are dropped.
    public static let bufferedReports = 256

    private let device: USBDeviceHandle
    private let context: OpaquePointer?
    private let condition = NSCondition()
    private var reports: [[UInt8]] = []
    private var failure: LibUSBError?
    private var transfers: [UnsafeMutablePointer<libusb_transfer>] = []
    private var buffers: [UnsafeMutableBufferPointer<UInt8>] = []
    private var inFlight = 0
    private var stopping = false
    private var eventThreadRunning = false

    /// Submits `count` transfers of `reportSize` bytes on `endpoint` and starts the event thread.
    public init(device: USBDeviceHandle, endpoint: UInt8, reportSize: Int, transfersInFlight count: Int = 4) throws(LibUSBError) {
        self.device = device
        context = device.context.context
        let handle = try device.open()
        let user = Unmanaged.passUnretained(self).toOpaque()
        for _ in 0..<max(1, count) {
            guard let transfer = libusb_alloc_transfer(0) else { throw LibUSBError.noMemory }
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, reportSize))
            buffer.initialize(repeating: 0)
            libusb_fill_interrupt_transfer(transfer, handle, endpoint, buffer.baseAddress, Int32(clamping: buffer.count),
                                           interruptCompleted, user, 0)
            transfers.append(transfer)
            buffers.append(buffer)
        }
        // Retained until the event thread has seen the last transfer end.
        _ = Unmanaged.passRetained(self)
        condition.lock()
        for transfer in transfers {
            let code = libusb_submit_transfer(transfer)
            if code == 0 { inFlight += 1 } else if failure == nil { failure = LibUSBError(rawValue: code) }
        }
        eventThreadRunning = true
        let submitted = inFlight
        condition.unlock()
        let thread = Thread { [self] in runEvents() }
        thread.name = "usb-interrupt-in:\(Hex.byte(endpoint))"
        thread.start()
        if submitted == 0 {
            let error = failure ?? .io
            stop()
            throw error
        }
    }

    deinit {
        for transfer in transfers { libusb_free_transfer(transfer) }
        for buffer in buffers { buffer.deallocate() }
    }

    /// The next report, or `nil` when none arrived within `timeout`; throws when the transfers
    /// failed (the device was unplugged: ``LibUSBError/noDevice``).
    public func nextReport(waitingAtMost timeout: Duration) throws(LibUSBError) -> [UInt8]? {
        let deadline = Date().addingTimeInterval(Double(timeout.wholeMillisecondsRoundedUp) / 1000)
        condition.lock()
        defer { condition.unlock() }
        while reports.isEmpty, failure == nil, !stopping {
            if !condition.wait(until: deadline) { break }
        }
        if !reports.isEmpty { return reports.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    /// How long ``stop()`` waits for the cancelled transfers to end. A transfer libusb cannot
    /// cancel stays with the event thread (which keeps the pipe alive) instead of hanging the owner.
    public static let stopTimeout: Duration = .seconds(2)

    /// Cancels every transfer in flight and waits (at most ``stopTimeout``) until they ended and
    /// the event thread stopped. Idempotent.
    public func stop() {
        condition.lock()
        defer { condition.unlock() }
        if !stopping {
            stopping = true
            for transfer in transfers { _ = libusb_cancel_transfer(transfer) }
            condition.broadcast()
        }
        let deadline = Date().addingTimeInterval(Double(Self.stopTimeout.wholeMillisecondsRoundedUp) / 1000)
        while eventThreadRunning {
            if !condition.wait(until: deadline) { break }
        }
    }

    /// The event thread: handles libusb events until stopping and no transfer is in flight.
    private func runEvents() {
        while true {
            condition.lock()
            let done = stopping && inFlight == 0
            condition.unlock()
            if done { break }
            var interval = timeval(tv_sec: 0, tv_usec: 100_000)
            _ = libusb_handle_events_timeout_completed(context, &interval, nil)
        }
        condition.lock()
        eventThreadRunning = false
        condition.broadcast()
        condition.unlock()
        Unmanaged.passUnretained(self).release()
    }

    /// A transfer ended (on the event thread): keep its report and resubmit it, or count it out.
    fileprivate func completed(_ transfer: UnsafeMutablePointer<libusb_transfer>) {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        let status = transfer.pointee.status
        if status == LIBUSB_TRANSFER_COMPLETED, let buffer = transfer.pointee.buffer {
            let length = Int(max(0, transfer.pointee.actual_length))
            reports.append(Array(UnsafeBufferPointer(start: buffer, count: length)))
            if reports.count > Self.bufferedReports { reports.removeFirst(reports.count - Self.bufferedReports) }
            if !stopping, libusb_submit_transfer(transfer) == 0 { return }
        } else if status == LIBUSB_TRANSFER_NO_DEVICE {
            failure = .noDevice
        } else if status != LIBUSB_TRANSFER_CANCELLED, failure == nil {
            failure = status == LIBUSB_TRANSFER_STALL ? .pipe : status == LIBUSB_TRANSFER_OVERFLOW ? .overflow : .io
        }
        inFlight -= 1
    }
}

/// The C callback of every interrupt transfer: hands it to its pipe.
private func interruptCompleted(_ transfer: UnsafeMutablePointer<libusb_transfer>?) {
    guard let transfer, let user = transfer.pointee.user_data else { return }
    Unmanaged<USBInterruptInPipe>.fromOpaque(user).takeUnretainedValue().completed(transfer)
}
