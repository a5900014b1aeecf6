import DeviceCore
import SystemIO

extension DeviceError {
    /// The ZVT transports' error for a failed system call: what a technician checks at a payment
    /// terminal (cable, network, power, group dialout), with the errno as the backend code.
    static func zvtSystemFailure(_ error: SystemCallError, operation: String) -> DeviceError {
        let backend = DeviceError.BackendCode(domain: error.domain.rawValue, value: Int64(error.rawCode), name: error.reason)
        if error.domain == .addressLookup {
            return DeviceError(.offline, operation: operation, message: "the host name cannot be resolved (\(error.reason))",
                               remedy: "Check the host in the terminal URI and the kiosk's DNS settings; an IP address avoids DNS.",
                               backendCode: backend)
        }
        if error.call == "tcgetattr" {
            return DeviceError(.noHardware, operation: operation, message: "\(error.context.replacingPrefix("open the serial line ")) is not a serial line (tcgetattr: \(error.reason))",
                               remedy: "Point the terminal URI at the terminal's serial device, e.g. /dev/ttyS0 or /dev/ttyUSB0.",
                               backendCode: backend)
        }
        switch error.code {
        case .connectionRefused:
            return DeviceError(.offline, operation: operation, message: "the terminal refused the connection",
                               remedy: "Check that the terminal is switched on and has ZVT over TCP enabled on this port.", backendCode: backend)
        case .timedOut, .hostUnreachable, .networkUnreachable, .hostDown:
            return DeviceError(.offline, operation: operation, message: "the terminal cannot be reached",
                               remedy: "Check the terminal's network cable, IP address and the kiosk's network.", backendCode: backend)
        case .connectionReset, .brokenPipe, .notConnected:
            return DeviceError(.offline, operation: operation, message: "the connection to the terminal was lost",
                               remedy: "Check the cable and the terminal's power; resolve any payment in doubt before the next one.", backendCode: backend)
        case .accessDenied, .notPermitted:
            return DeviceError(.permissionDenied, operation: operation, message: "the operating system denied access",
                               remedy: "Add the kiosk user to group dialout (serial) or check the udev rule, then log in again.", backendCode: backend)
        case .noEntry, .noDevice, .noDeviceOrAddress:
            return DeviceError(.noHardware, operation: operation, message: "the device does not exist",
                               remedy: "Check the device path in the terminal URI (ls /dev/ttyS* /dev/ttyUSB*) and the cable.", backendCode: backend)
        case .busy, .addressInUse:
            return DeviceError(.busy, operation: operation, message: "the device or address is in use",
                               remedy: "Stop the other program using it (lsof / fuser), then retry.", backendCode: backend)
        default:
            return DeviceError(.other, operation: operation, message: error.reason,
                               remedy: "Check the terminal connection; report the errno if it persists.", backendCode: backend)
        }
    }
}

extension DeviceError {
    /// The simulator's error for a listening socket it could not open.
    static func zvtListenFailure(_ error: SystemCallError, operation: String) -> DeviceError {
        guard error.domain == .addressLookup else { return .zvtSystemFailure(error, operation: operation) }
        return DeviceError(.other, operation: operation, message: "the address cannot be resolved (\(error.reason))",
                           remedy: "Give a local IP address such as 127.0.0.1 or 0.0.0.0.")
    }
}

extension String {
    /// The string without `prefix` when it starts with it.
    fileprivate func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}

extension SerialLineSettings {
    /// ZVT over RS232 (PA00P016 §2.1): 8 data bits, no parity, 2 stop bits, no handshake, at
    /// `baud` (an unknown speed as 9600, the ZVT default; the URI parser admits only known ones).
    static func zvt(baud: Int) -> SerialLineSettings {
        SerialLineSettings(baud: Baud(rawValue: baud) ?? .b9600, parity: .none, stopBits: 2)
    }
}
