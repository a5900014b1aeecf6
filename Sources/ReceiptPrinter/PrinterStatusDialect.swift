/// How a backend asks a printer on a two-way transport (TCP, USB) for its status. It follows the
/// printer profile's ``CommandDialect``: a Star printer in Star Line Mode does not answer `DLE EOT`.
public enum PrinterStatusDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ESC/POS real-time status: `DLE EOT 1`, `2` and `4`, one byte each (``RealTimeStatus``).
    case escposRealTime = "dle-eot"
    /// Star Line Mode: `ESC ACK SOH`, answered with the automatic status (``StarStatus``).
    case starAutomaticStatus = "star-asb"

    /// The status dialect of printers that speak `dialect`.
    public init(_ dialect: CommandDialect) {
        switch dialect {
        case .escpos: self = .escposRealTime
        case .starLine: self = .starAutomaticStatus
        }
    }

    /// The status dialect of printers of `profile`.
    public init(profile: PrinterProfile) {
        self.init(profile.dialect)
    }

    /// The command language of the printers this dialect talks to (for their test receipt).
    public var commandDialect: CommandDialect {
        switch self {
        case .escposRealTime: .escpos
        case .starAutomaticStatus: .starLine
        }
    }

    /// The reply's name in messages: `DLE EOT` or `Star ASB (ESC ACK SOH)`.
    public var description: String {
        switch self {
        case .escposRealTime: "DLE EOT"
        case .starAutomaticStatus: "Star ASB (ESC ACK SOH)"
        }
    }

    /// What to check when a printer does not answer status requests in this dialect.
    public var noReplyRemedy: String {
        switch self {
        case .escposRealTime:
            "Check that the printer speaks ESC/POS with real-time status enabled. A Star printer in Star Line Mode does not "
                + "answer DLE EOT: give its profile (--profile star-tsp100 or star-tsp650, or `profile:` in the configuration)."
        case .starAutomaticStatus:
            "Check that the printer is a Star printer in Star Line Mode on a two-way interface. A printer that emulates ESC/POS "
                + "does not answer ESC ACK SOH: give an ESC/POS profile (e.g. --profile epson-tm-t20)."
        }
    }
}
