/// One alternate setting of a USB interface as the configuration descriptor describes it.
public struct USBInterfaceSetting: Sendable, Hashable {
    /// One endpoint of the setting.
    public struct Endpoint: Sendable, Hashable {
        /// `bEndpointAddress`: number, and bit 7 set for IN.
        public var address: UInt8
        /// `bmAttributes`: bits 0–1 are the transfer type (2 = bulk).
        public var attributes: UInt8
        /// `wMaxPacketSize`.
        public var maxPacketSize: UInt16

        /// Whether it is a bulk endpoint.
        public var isBulk: Bool { attributes & 0x03 == 0x02 }
        /// Whether it is an interrupt endpoint.
        public var isInterrupt: Bool { attributes & 0x03 == 0x03 }
        /// Whether it points to the host (IN).
        public var isIn: Bool { address & 0x80 != 0 }

        /// Creates an endpoint description.
        public init(address: UInt8, attributes: UInt8, maxPacketSize: UInt16) {
            self.address = address
            self.attributes = attributes
            self.maxPacketSize = maxPacketSize
        }
    }

    /// `bInterfaceNumber`.
    public var interface: UInt8
    /// `bAlternateSetting`.
    public var alternateSetting: UInt8
    /// `bInterfaceClass` (7 = printer).
    public var interfaceClass: UInt8
    /// The endpoints, in descriptor order.
    public var endpoints: [Endpoint]

    /// Creates a setting description.
    public init(interface: UInt8, alternateSetting: UInt8, interfaceClass: UInt8, endpoints: [Endpoint]) {
        self.interface = interface
        self.alternateSetting = alternateSetting
        self.interfaceClass = interfaceClass
        self.endpoints = endpoints
    }
}
