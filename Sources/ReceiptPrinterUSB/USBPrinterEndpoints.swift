import USBHost

/// The interface and bulk endpoints a receipt printer is driven through.
struct USBPrinterEndpoints: Sendable, Hashable {
    /// The USB class of printers (`bInterfaceClass` 7).
    static let printerClass: UInt8 = 7

    /// The interface to claim.
    var interface: UInt8
    /// The alternate setting to select (0 needs no request).
    var alternateSetting: UInt8
    /// Bulk OUT: job bytes and `DLE EOT` requests.
    var bulkOut: UInt8
    /// Bulk IN: status replies; `nil` for a printer that only receives.
    var bulkIn: UInt8?
    /// The bulk IN packet size: each status read asks for one packet.
    var inPacketSize: Int

    /// The printer-class setting with bulk OUT and IN (bidirectional), else a printer-class
    /// setting with bulk OUT only, else the first setting of any class with a bulk OUT endpoint;
    /// `nil` when no setting has a bulk OUT endpoint.
    static func choose(from settings: [USBInterfaceSetting]) -> USBPrinterEndpoints? {
        let usable = settings.compactMap { setting -> (USBInterfaceSetting, USBPrinterEndpoints)? in
            guard let out = setting.endpoints.first(where: { $0.isBulk && !$0.isIn }) else { return nil }
            let input = setting.endpoints.first { $0.isBulk && $0.isIn }
            let endpoints = USBPrinterEndpoints(interface: setting.interface, alternateSetting: setting.alternateSetting,
                                                bulkOut: out.address, bulkIn: input?.address,
                                                inPacketSize: max(1, Int(input?.maxPacketSize ?? 64) & 0x7FF))
            return (setting, endpoints)
        }
        let printers = usable.filter { $0.0.interfaceClass == printerClass }
        return (printers.first { $0.1.bulkIn != nil } ?? printers.first ?? usable.first)?.1
    }
}
