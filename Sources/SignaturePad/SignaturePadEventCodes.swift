public import DeviceCore

extension UserAction.Code {
    /// Sign on the pad.
    public static let sign = UserAction.Code(rawValue: "sign")
    /// Sign again on the pad (the signer asked to start over).
    public static let signAgain = UserAction.Code(rawValue: "signAgain")
}
