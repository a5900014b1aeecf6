public import SmartCard

/// What a successful PACE run leaves: the session keys for secure messaging (SSC starts at 0),
/// the status word of MSE:Set AT (the PIN state: 9000, 63C2, 63C1, …), and the public facts of
/// the run. ``secureChannel()`` opens the channel on the keys.
public struct PACEResult: Sendable {
    /// KSenc and KSmac.
    public var keys: SessionKeys
    /// The status word MSE:Set AT answered (see `PINState` for its meaning for the PIN).
    public var setAuthenticationTemplateStatus: StatusWord
    /// The PACEInfo used.
    public var paceInfo: PACEInfo
    /// The curve used.
    public var parameters: StandardizedDomainParameters
    /// The card's SecurityInfos from EF.CardAccess.
    public var cardAccess: SecurityInfos
    /// The chip's ephemeral public key (its compressed form identifies the chip for TA).
    public var chipEphemeralPublicKey: [UInt8]
    /// The certification authority references (tags 87, 88) the chip sent when a CHAT was given.
    public var certificationAuthorityReferences: [[UInt8]]

    /// A secure channel on the session keys, send sequence counter 0.
    public func secureChannel() -> SecureChannel {
        SecureChannel(keys: keys)
    }
}
