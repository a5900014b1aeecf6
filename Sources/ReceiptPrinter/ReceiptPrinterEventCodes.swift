public import DeviceCore

extension DeviceStatus.Code {
    /// The printer is out of paper.
    public static let paperEnd = DeviceStatus.Code(rawValue: "paperEnd")
    /// Paper is running low.
    public static let paperNearEnd = DeviceStatus.Code(rawValue: "paperNearEnd")
    /// The cover is open.
    public static let coverOpen = DeviceStatus.Code(rawValue: "coverOpen")
    /// The printer went offline (or came back, when cleared).
    public static let offline = DeviceStatus.Code(rawValue: "offline")
}
