import Foundation

/// Which USB device to use: `usb://VID:PID` (four hex digits each) or `usb://VID:PID/SERIAL`
/// when several devices of one model are attached. The configuration's `usb://` URIs (receipt
/// printers, signature pads) are parsed here.
public struct USBDeviceAddress: Sendable, Hashable, CustomStringConvertible {
    /// USB vendor id.
    public var vendorID: UInt16
    /// USB product id.
    public var productID: UInt16
    /// The device's USB serial number (its iSerialNumber string), or `nil` for any device with these ids.
    public var serialNumber: String?

    /// The accepted forms, for error messages.
    public static let expectedForms = "usb://VID:PID or usb://VID:PID/SERIAL with four hex digits each (e.g. usb://04B8:0E03)"

    /// Creates an address.
    public init(vendorID: UInt16, productID: UInt16, serialNumber: String? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
    }

    /// Parses `usb://VID:PID[/SERIAL]`; the serial may be percent-encoded. The error names the
    /// character offset of the problem.
    public init(uri: String) throws(ByteFormatError) {
        let scheme = "usb://"
        guard uri.hasPrefix(scheme) else { throw ByteFormatError(offset: 0, reason: "expected \(scheme)") }
        let rest = Array(uri.dropFirst(scheme.count))
        let base = scheme.count
        vendorID = try Self.hexWord(rest, at: 0, base: base)
        guard rest.count > 4, rest[4] == ":" else { throw ByteFormatError(offset: base + 4, reason: "expected \":\" between vendor and product id") }
        productID = try Self.hexWord(rest, at: 5, base: base)
        guard rest.count > 9 else {
            serialNumber = nil
            return
        }
        guard rest[9] == "/" else { throw ByteFormatError(offset: base + 9, reason: "expected \"/SERIAL\" or the end after the product id") }
        let encoded = String(rest[10...])
        guard let serial = encoded.removingPercentEncoding, !serial.isEmpty else {
            throw ByteFormatError(offset: base + 10, reason: "expected a serial number after \"/\"")
        }
        guard serial.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "/" && $0.asciiValue.map { $0 >= 0x21 && $0 < 0x7F } == true }) else {
            throw ByteFormatError(offset: base + 10, reason: "a serial number is printable ASCII without spaces or \"/\"")
        }
        serialNumber = serial
    }

    /// `usb://04B8:0E03` or `usb://04B8:0E03/SERIAL`.
    public var description: String {
        "usb://" + Hex.word(vendorID) + ":" + Hex.word(productID) + (serialNumber.map { "/" + $0 } ?? "")
    }

    /// `04b8:0e03`, as `lsusb` prints it.
    public var lsusbID: String { Hex.word(vendorID).lowercased() + ":" + Hex.word(productID).lowercased() }

    private static func hexWord(_ characters: [Character], at start: Int, base: Int) throws(ByteFormatError) -> UInt16 {
        var value: UInt16 = 0
        for offset in start..<(start + 4) {
            guard offset < characters.count, let digit = characters[offset].hexDigitValue, characters[offset].isASCII else {
                throw ByteFormatError(offset: base + offset, reason: "expected four hex digits")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
