public import DeviceCore

extension UserAction {
    /// The signer should sign on the pad: sent when a capture session's first attempt is ready.
    public static let signOnPad = UserAction(code: .sign, prompt: "Bitte unterschreiben Sie auf dem Unterschriftenpad")
    /// The signer should sign again: sent when a retry has cleared the pad.
    public static let signAgainOnPad = UserAction(code: .signAgain, prompt: "Bitte unterschreiben Sie erneut auf dem Unterschriftenpad")
}
