public import DeviceCore

extension UserAction.Code {
    /// Sign on the pad.
    public static let sign = UserAction.Code(rawValue: "sign")
}
