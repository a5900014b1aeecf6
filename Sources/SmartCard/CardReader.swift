public import DeviceCore

/// A smart-card reader slot: card presence, ATR, and APDU exchange with the card in it.
///
/// A single command goes through ``transmit(_:)``. Sequences that must not be interleaved with
/// anyone else's commands (select and read a file, PACE, secure messaging) run in one
/// ``transaction(_:)``: its body runs on the reader's own isolation and sends each APDU as a
/// direct call. Card insertion and removal arrive on ``Device/events`` as
/// ``DeviceEvent/statusChanged(_:)`` with code `cardInserted` (active or cleared).
public protocol CardReader: Device {
    /// The reader's slot state: which reader, whether a card is in it, and the card's ATR.
    func slotStatus() async throws(DeviceError) -> CardSlotStatus
    /// Sends one command APDU to the card and returns the response, data followed by SW1 SW2.
    /// Connects to the card first if needed. Throws ``DeviceError/Kind/removed`` if the card is
    /// pulled, ``DeviceError/Kind/noHardware`` if no card is present.
    func transmit(_ command: [UInt8]) async throws(DeviceError) -> [UInt8]
    /// Runs `body` as one card transaction: no other task's and (on PC/SC, through
    /// `SCardBeginTransaction`) no other program's command reaches the card until it returns.
    /// The body is synchronous and runs isolated to the reader, so nothing can interleave with
    /// it; keep it free of slow work, since it holds the reader (and the card) meanwhile.
    /// Connects to the card first if needed. Cancelling the calling task makes the next APDU in
    /// the body throw ``DeviceError/Kind/cancelled``.
    func transaction<T: Sendable>(_ body: sending (inout CardTransaction) throws(DeviceError) -> T) async throws(DeviceError) -> T
    /// Sends a control request to the reader itself (`SCardControl`): PC/SC part 10 features
    /// such as ``CardReaderControlCode/getFeatureRequest`` and the PIN pad codes it names. Works
    /// with or without a card. A code the reader does not support fails with
    /// ``DeviceError/Kind/noHardware``.
    func control(code: CardReaderControlCode, data: [UInt8]) async throws(DeviceError) -> [UInt8]
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
