public import DeviceCore
import SmartCard

/// One reader as pcscd reports it, with its card and PC/SC part 10 capabilities.
public struct PCSCReaderInfo: Sendable, Hashable, Codable {
    /// The reader's name (`"REINER SCT cyberJack RFID standard (1234) 00 00"`).
    public var name: String
    /// Whether a card is inserted.
    public var cardPresent: Bool
    /// The card's ATR as uppercase hex, when present.
    public var atr: String?
    /// Part 10 features the reader offers.
    public var features: [PCSCFeatureList.Feature]
    /// The BSI TR-03119 category derived from the features.
    public var category: ReaderCategory
}

/// The PC/SC service as a whole: which readers exist and what they can do. Runs on its own
/// thread because every call blocks on pcscd.
public actor PCSCService {
    private let executor = DedicatedThreadExecutor(name: "pcsc-service")
    private var context: PCSCContext?

    /// The actor runs on its own thread, never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates a service handle; connects to pcscd on first use.
    public init() {}

    /// Every reader with card state, ATR, part 10 features and category. Fails with
    /// ``DeviceError/Kind/offline`` and a remedy naming pcscd when the service is down.
    public func readers() throws(DeviceError) -> [PCSCReaderInfo] {
        do throws(PCSCError) {
            let live: PCSCContext
            if let context { live = context } else { live = try PCSCContext() }
            context = live
            return try live.listReaders().map { name throws(PCSCError) in
                let state = try live.readerState(name)
                let codes = (try? live.features(of: name)) ?? [:]
                let features = PCSCFeatureList.Feature.allCases.filter { codes[$0.rawValue] != nil }
                return PCSCReaderInfo(name: name, cardPresent: state.present, atr: state.present ? Hex.string(state.atr) : nil,
                                      features: features, category: .classify(Set(features)))
            }
        } catch {
            if error.invalidatesContext { context = nil }
            throw error.deviceError("list readers")
        }
    }
}
