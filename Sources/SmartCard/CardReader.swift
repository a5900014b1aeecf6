public import DeviceCore

/// A smart-card reader slot: card presence, ATR, and APDU exchange with the card in it.
///
/// ISO 7816 command types, PACE and secure messaging build on ``transmit(_:)``.
public protocol CardReader: Device {
    /// The reader's slot state: which reader, whether a card is in it, and the card's ATR.
    func slotStatus() async throws(DeviceError) -> CardSlotStatus
    /// Sends one command APDU to the card and returns the response, data followed by SW1 SW2.
    /// Connects to the card first if needed. Throws ``DeviceError/Kind/removed`` if the card is
    /// pulled, ``DeviceError/Kind/noHardware`` if no card is present.
    func transmit(_ command: [UInt8]) async throws(DeviceError) -> [UInt8]
}

/// The state of one reader slot.
public struct CardSlotStatus: Sendable, Hashable, Codable {
    /// The reader's name as the system reports it (`"Virtual PCD 00 00"`).
    public var readerName: String
    /// Whether a card is inserted.
    public var cardPresent: Bool
    /// The card's answer-to-reset, when a card is present.
    public var atr: [UInt8]?

    /// Creates a slot status.
    public init(readerName: String, cardPresent: Bool, atr: [UInt8]? = nil) {
        self.readerName = readerName
        self.cardPresent = cardPresent
        self.atr = atr
    }
}
