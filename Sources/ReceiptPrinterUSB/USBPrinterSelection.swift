import DeviceCore
import USBHost

/// A device with the wanted ids, and what reading its serial number gave.
struct USBPrinterCandidate: Sendable {
    /// Where it is.
    var location: USBDeviceLocation
    /// Its serial number (`nil` when it has none), or why it could not be read; `nil` result when it was not read.
    var serial: Result<String?, DeviceError>?

    /// The serial number, when it was read and the device has one.
    var readSerial: String? {
        if case .success(let serial)? = serial { serial } else { nil }
    }

    /// `SERIAL (bus 1 address 5)`, or what stopped reading the serial.
    var description: String {
        switch serial {
        case .success(let serial?): "\(serial) (\(location))"
        case .success(nil): "no serial number (\(location))"
        case .failure(let error): "serial unreadable: \(error.backendCode?.name ?? error.message) (\(location))"
        case nil: "\(location)"
        }
    }
}

/// Picks the printer an address means among the attached devices with its ids.
enum USBPrinterSelection {
    /// Whether serial numbers must be read before choosing: a serial was asked for, or several
    /// devices match and the error should list their serials.
    static func needsSerials(_ address: USBDeviceAddress, candidates: Int) -> Bool {
        address.serialNumber != nil || candidates > 1
    }

    /// The one candidate `address` names, or an error a technician can act on: none attached
    /// (offline: switched off or unplugged), none with the serial, or several without a serial.
    static func choose(_ address: USBDeviceAddress, from candidates: [USBPrinterCandidate], operation: String) throws(DeviceError) -> USBDeviceLocation {
        let id = address.lsusbID
        guard !candidates.isEmpty else {
            throw DeviceError(.offline, operation: operation, message: "no USB device \(id) is attached",
                              remedy: "Plug in the receipt printer and switch it on; check `lsusb` for \(id) and correct the usb:// id in the configuration.")
        }
        let found = candidates.map(\.description).joined(separator: ", ")
        if let wanted = address.serialNumber {
            if let match = candidates.first(where: { $0.readSerial == wanted }) { return match.location }
            throw DeviceError(.offline, operation: operation, message: "no USB printer \(id) with serial number \(wanted) is attached; found: \(found)",
                              remedy: "Plug in and switch on the printer with serial \(wanted), or correct the serial in the usb:// URI (`lsusb -v -d \(id)` shows iSerial).")
        }
        guard candidates.count == 1, let only = candidates.first else {
            throw DeviceError(.other, operation: operation, message: "\(candidates.count) USB printers \(id) are attached: \(found)",
                              remedy: "Name one by its serial number: usb://\(Hex.word(address.vendorID)):\(Hex.word(address.productID))/SERIAL.")
        }
        return only.location
    }
}
