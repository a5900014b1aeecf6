public import SmartCard
import Synchronization

/// A simulated German ID card (nPA) for tests, `bhal eid --simulate` and, behind vpcd, for any
/// PC/SC program: EF.CardAccess with the configured PACEInfos, PACE (chip side of ECDH Generic
/// Mapping) with CAN, PIN (6 digits, or a 5-digit transport PIN) and PUK, the PIN retry counter
/// 3 → 2 → 1 (suspended: PIN PACE only after CAN PACE in the same session) → 0 (blocked: PUK),
/// a deactivated state, secure messaging enforced after PACE (plain access to protected files
/// → 6982), and RESET RETRY COUNTER for change PIN (`00 2C 02 03`, after PIN PACE) and unblock
/// (`00 2C 03 03`, after PUK PACE), both under secure messaging.
///
/// The retry counter and PINs persist across ``reset()`` (they are the card's); PACE, secure
/// messaging and "CAN done" are per session. The secrets are options of the simulator only.
/// Thread-safe.
public final class SimulatedNPA: SimulatedCardResponder {
    /// The ATR of a German ID card (contactless, T=1).
    public let atr: [UInt8] = [0x3B, 0x8A, 0x80, 0x01, 0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00, 0x75]
    private let state: Mutex<SimulatedNPAChip>

    /// A card with `configuration` (the test identity by default) and the system's random source.
    public convenience init(configuration: SimulatedNPAConfiguration = SimulatedNPAConfiguration()) {
        self.init(configuration: configuration, random: SystemRandomSource())
    }

    /// A card whose nonces and keys come from `random` (tests).
    public init(configuration: SimulatedNPAConfiguration, random: sending some RandomSource) {
        state = Mutex(SimulatedNPAChip(configuration: configuration, random: random))
    }

    /// The PIN state the card would report now.
    public var pinState: PINState { state.withLock { PINState(status: $0.pinStatus) } }

    /// Whether a secure messaging session is active.
    public var hasSecureMessaging: Bool { state.withLock { $0.secureMessaging != nil } }

    /// Ends the session: PACE, secure messaging and "CAN done" are forgotten; PINs and the retry
    /// counter stay.
    public func reset() {
        state.withLock { $0.reset() }
    }

    /// Answers one command APDU.
    public func respond(to command: [UInt8]) -> [UInt8] {
        state.withLock { $0.respond(to: command) }
    }
}
